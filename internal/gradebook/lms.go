package gradebook

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/iactutor/iactutor/internal/msg"
)

// Identities lists the Moodle identity columns --identity accepts, each
// with the header Moodle's own exports give it, so the import page offers
// the matching "Map to" choice.
func Identities() []string { return []string{"email", "username", "idnumber"} }

func identityHeader(identity string) string {
	switch identity {
	case "username":
		return "Username"
	case "idnumber":
		return "ID number"
	}
	return "Email address"
}

func (e RosterEntry) identity(identity string) string {
	switch identity {
	case "username":
		return e.Username
	case "idnumber":
		return e.IDNumber
	}
	return e.Email
}

// lmsColumns are the grade columns of an LMS import: one per exercise, or
// one named by the instructor holding the total.
func lmsColumns(gb *Gradebook, assignment string) (names []string, maxes []int) {
	if assignment != "" {
		return []string{assignment}, []int{gb.Max}
	}
	for _, ex := range gb.Exercises {
		names = append(names, ex.ID)
		maxes = append(maxes, ex.Points())
	}
	return names, maxes
}

// lmsGrades is a student's cells under lmsColumns: an exercise that could
// not be graded is left empty, which the LMS imports as "no grade" (a 0
// would be a grade), and so is a total that lacks one.
func lmsGrades(s Student, assignment string) []string {
	if assignment != "" {
		if !s.Complete() {
			return []string{""}
		}
		return []string{strconv.Itoa(s.Score)}
	}
	out := make([]string, len(s.Exercises))
	for i, er := range s.Exercises {
		out[i] = points(er)
	}
	return out
}

// canvasWriter writes the CSV Canvas's gradebook import accepts: the five
// identity columns Canvas exports (it matches rows by ID, then SIS User ID,
// then SIS Login ID), a column per exercise or one per assignment, and the
// Points Possible row; no total, since Canvas computes its own. Identities
// come from the roster (Canvas's own gradebook export) or, without one,
// from the user IDs in Canvas download names. Students with neither are
// reported and left out, so the file always imports.
type canvasWriter struct {
	w          io.Writer
	roster     *Roster
	assignment string
	bom        bool
	notice     func(msg.Text)
}

func (cw canvasWriter) Write(gb *Gradebook) error {
	var m Matched
	if cw.roster != nil {
		m = cw.roster.Match(gb.Students)
	}
	w, err := startCSV(cw.w, cw.bom)
	if err != nil {
		return err
	}
	names, maxes := lmsColumns(gb, cw.assignment)
	_ = w.Write(append([]string{"Student", "ID", "SIS User ID", "SIS Login ID", "Section"}, names...))
	possible := []string{"Points Possible", "", "", "", ""}
	for _, n := range maxes {
		possible = append(possible, strconv.Itoa(n))
	}
	_ = w.Write(possible)
	var left []string
	for i, s := range gb.Students {
		var who []string
		switch {
		case cw.roster != nil && m.At[i] >= 0:
			e := cw.roster.Entries[m.At[i]]
			if e.CanvasID != "" || e.SISUserID != "" || e.SISLoginID != "" {
				who = []string{cell(e.Name), cell(e.CanvasID), cell(e.SISUserID), cell(e.SISLoginID), cell(e.Section)}
			}
		case cw.roster == nil && s.LMS == "canvas" && s.UserID != "":
			who = []string{cell(s.Name), cell(s.UserID), "", "", ""}
		}
		if who == nil {
			left = append(left, s.Name)
			continue
		}
		_ = w.Write(append(who, lmsGrades(s, cw.assignment)...))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	notifyLeftOut(cw.notice, left)
	return nil
}

// moodleWriter writes the CSV of Moodle's "Import grades from CSV": one
// identity column (e-mail, username or ID number, as the instructor maps it
// on the import page) and a column per exercise or assignment. Moodle stops
// the whole import at a row it cannot match, so only students the roster
// identifies are written; the others are reported.
type moodleWriter struct {
	w          io.Writer
	roster     *Roster
	identity   string
	assignment string
	bom        bool
	notice     func(msg.Text)
}

func (mw moodleWriter) Write(gb *Gradebook) error {
	m := mw.roster.Match(gb.Students)
	w, err := startCSV(mw.w, mw.bom)
	if err != nil {
		return err
	}
	names, _ := lmsColumns(gb, mw.assignment)
	_ = w.Write(append([]string{identityHeader(mw.identity)}, names...))
	var left []string
	for i, s := range gb.Students {
		id := ""
		if m.At[i] >= 0 {
			id = mw.roster.Entries[m.At[i]].identity(mw.identity)
		}
		if id == "" {
			left = append(left, s.Name)
			continue
		}
		_ = w.Write(append([]string{cell(id)}, lmsGrades(s, mw.assignment)...))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	notifyLeftOut(mw.notice, left)
	return nil
}

// startCSV begins a CSV, after a byte order mark when asked: Excel reads a
// UTF-8 file without one in the computer's legacy code page, garbling
// every accented name.
func startCSV(w io.Writer, bom bool) (*csv.Writer, error) {
	if bom {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return nil, err
		}
	}
	return csv.NewWriter(w), nil
}

func notifyLeftOut(notice func(msg.Text), left []string) {
	if len(left) == 0 || notice == nil {
		return
	}
	notice(msg.New("gradebook.lms.left-out", msg.Args{"Count": len(left), "Students": strings.Join(left, ", ")}))
}

// newLMSWriter checks what the LMS formats need before anything is graded.
func newLMSWriter(format string, w io.Writer, opt WriterOptions) (Writer, error) {
	r := opt.Roster
	switch format {
	case "canvas":
		if r != nil && !r.Has["id"] && !r.Has["sis"] && !r.Has["login"] {
			return nil, msg.Errorf("gradebook.roster.no-canvas-id", nil, nil)
		}
		return canvasWriter{w: w, roster: r, assignment: opt.Assignment, bom: opt.BOM, notice: opt.Notice}, nil
	default:
		identity := opt.Identity
		if identity == "" {
			identity = Identities()[0]
		}
		known := false
		for _, id := range Identities() {
			known = known || id == identity
		}
		switch {
		case !known:
			return nil, msg.Errorf("gradebook.identity.unknown", msg.Args{"Identity": strconv.Quote(identity), "Identities": strings.Join(Identities(), ", ")}, nil)
		case r == nil:
			return nil, msg.Errorf("gradebook.format.needs-roster", msg.Args{"Format": format}, nil)
		case !r.Has[identity]:
			return nil, msg.Errorf("gradebook.roster.no-identity", msg.Args{"Column": identityHeader(identity), "Identity": identity}, nil)
		}
		return moodleWriter{w: w, roster: r, identity: identity, assignment: opt.Assignment, bom: opt.BOM, notice: opt.Notice}, nil
	}
}
