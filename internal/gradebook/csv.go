package gradebook

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
)

// csvWriter prints the points for an LMS import (Canvas, Moodle): by default
// one row per student with a column per exercise and a total; long form is
// one row per student and exercise with its status. A missing submission
// counts 0; one that could not be graded (an error on the instructor's side)
// leaves its cell and the student's total empty, since an LMS imports an
// empty cell as "no grade" but a 0 as a grade. When the class came from an
// LMS download, a user_id column follows the student, to match the rows.
type csvWriter struct {
	w    io.Writer
	long bool
	bom  bool
}

func (cw csvWriter) Write(gb *Gradebook) error {
	// csv.Writer keeps the first write error and w.Error() below returns
	// it, so the writes themselves need no checks.
	w, err := startCSV(cw.w, cw.bom)
	if err != nil {
		return err
	}
	ids := slices.ContainsFunc(gb.Students, func(s Student) bool { return s.UserID != "" })
	who := func(s Student) []string {
		if ids {
			return []string{cell(s.Name), cell(s.UserID)}
		}
		return []string{cell(s.Name)}
	}
	head := []string{"student"}
	if ids {
		head = append(head, "user_id")
	}
	if cw.long {
		_ = w.Write(append(head, "exercise", "score", "max", "status"))
		for _, s := range gb.Students {
			for _, er := range s.Exercises {
				_ = w.Write(append(who(s), er.Exercise.ID, points(er), strconv.Itoa(er.Max), string(er.Status)))
			}
		}
	} else {
		for _, ex := range gb.Exercises {
			head = append(head, ex.ID)
		}
		_ = w.Write(append(head, "total"))
		for _, s := range gb.Students {
			row := who(s)
			for _, er := range s.Exercises {
				row = append(row, points(er))
			}
			total := ""
			if s.Complete() {
				total = strconv.Itoa(s.Score)
			}
			_ = w.Write(append(row, total))
		}
	}
	w.Flush()
	return w.Error()
}

// points is an exercise's cell: empty when it could not be graded.
func points(er ExerciseResult) string {
	if er.Status == StatusError {
		return ""
	}
	return strconv.Itoa(er.Score)
}

// cell makes a name safe for a spreadsheet: control characters go, and a
// leading =, +, - or @ is escaped with a quote so the cell is never taken for
// a formula when the CSV is opened.
func cell(s string) string {
	s = strings.NewReplacer("\n", " ", "\t", " ").Replace(diag.Sanitize(s))
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
