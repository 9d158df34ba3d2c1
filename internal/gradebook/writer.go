package gradebook

import (
	"fmt"
	"io"
	"strings"
)

// Writer prints a gradebook in one format. Every format reads the same
// Gradebook value, so they always agree with each other.
type Writer interface {
	Write(gb *Gradebook) error
}

// Formats lists the names New accepts, in the order help shows them.
var Formats = []string{"table", "json", "csv", "junit", "gradescope"}

// WriterOptions carries what some formats need beyond the gradebook.
type WriterOptions struct {
	// Long makes CSV one row per student and exercise.
	Long bool
	// Out is the folder Gradescope results are written under; required by
	// the gradescope format, which writes files instead of to w.
	Out string
}

// New returns the writer for a format name. An unknown name is rejected with
// the list of valid ones, so a typo is answered with the fix.
func New(format string, w io.Writer, opt WriterOptions) (Writer, error) {
	switch format {
	case "table":
		return tableWriter{w: w}, nil
	case "json":
		return jsonWriter{w: w}, nil
	case "csv":
		return csvWriter{w: w, long: opt.Long}, nil
	case "junit":
		return junitWriter{w: w}, nil
	case "gradescope":
		if opt.Out == "" {
			return nil, fmt.Errorf("the gradescope format writes one results.json per student and needs --out DIR")
		}
		return gradescopeWriter{dir: opt.Out}, nil
	}
	return nil, fmt.Errorf("unknown format %q (valid: %s)", format, strings.Join(Formats, ", "))
}
