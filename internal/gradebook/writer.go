package gradebook

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/iactutor/iactutor/internal/msg"
)

// Writer prints a gradebook in one format. Every format reads the same
// Gradebook value, so they always agree with each other.
type Writer interface {
	Write(gb *Gradebook) error
}

// Formats lists the names New accepts, in the order help shows them. It is
// a function so that no caller can change the list for everyone else.
func Formats() []string {
	return []string{"table", "json", "csv", "junit", "gradescope", "canvas", "moodle", "classroom"}
}

// WriterOptions carries what some formats need beyond the gradebook.
type WriterOptions struct {
	// Printer puts the gradebook's messages into the instructor's language.
	// Required, also by formats whose structure is fixed, because their
	// check messages and diagnostics are still sentences.
	Printer *msg.Printer
	// Long makes CSV one row per student and exercise.
	Long bool
	// Out is the folder Gradescope results are written under; required by
	// the gradescope format, which writes files instead of to w.
	Out string
	// Roster identifies students for the LMS formats: required by moodle,
	// optional for canvas (Canvas download names carry user IDs).
	Roster *Roster
	// Assignment, for the LMS formats, names the one grade column that
	// holds each student's total instead of a column per exercise.
	Assignment string
	// Identity is the column Moodle matches students by: one of
	// Identities(); empty means the first.
	Identity string
	// BOM starts the CSV formats with a UTF-8 byte order mark.
	BOM bool
	// Notice receives what the instructor must know about a written file
	// that is not an error, such as students an LMS file leaves out.
	Notice func(msg.Text)
}

// errNoPrinter is a caller's mistake, not the instructor's, so it is not in
// the catalog.
var errNoPrinter = errors.New("gradebook: a writer needs a printer")

// New returns the writer for a format name. An unknown name is rejected with
// the list of valid ones, so a typo is answered with the fix.
func New(format string, w io.Writer, opt WriterOptions) (Writer, error) {
	p := opt.Printer
	if p == nil {
		return nil, errNoPrinter
	}
	switch format {
	case "table":
		return tableWriter{w: w, p: p}, nil
	case "json":
		return jsonWriter{w: w, p: p}, nil
	case "csv":
		return csvWriter{w: w, long: opt.Long, bom: opt.BOM}, nil
	case "classroom":
		return classroomWriter{w: w, p: p}, nil
	case "canvas", "moodle":
		return newLMSWriter(format, w, opt)
	case "junit":
		return junitWriter{w: w, p: p}, nil
	case "gradescope":
		if opt.Out == "" {
			return nil, errors.New(p.S("gradebook.format.needs-out", nil))
		}
		return gradescopeWriter{dir: opt.Out, p: p}, nil
	}
	return nil, errors.New(p.S("gradebook.format.unknown", msg.Args{
		"Format": strconv.Quote(format), "Formats": strings.Join(Formats(), ", "),
	}))
}
