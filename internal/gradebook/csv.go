package gradebook

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
)

// csvWriter prints the points for an LMS import (Canvas, Moodle): by default
// one row per student with a column per exercise and a total; long form is
// one row per student and exercise with its status. Missing and failed
// submissions count 0, so every cell is a number the LMS accepts.
type csvWriter struct {
	w    io.Writer
	long bool
}

func (cw csvWriter) Write(gb *Gradebook) error {
	// csv.Writer keeps the first write error and w.Error() below returns
	// it, so the writes themselves need no checks.
	w := csv.NewWriter(cw.w)
	if cw.long {
		_ = w.Write([]string{"student", "exercise", "score", "max", "status"})
		for _, s := range gb.Students {
			for _, er := range s.Exercises {
				_ = w.Write([]string{cell(s.Name), er.Exercise.ID, strconv.Itoa(er.Score), strconv.Itoa(er.Max), string(er.Status)})
			}
		}
	} else {
		head := []string{"student"}
		for _, ex := range gb.Exercises {
			head = append(head, ex.ID)
		}
		_ = w.Write(append(head, "total"))
		for _, s := range gb.Students {
			row := []string{cell(s.Name)}
			for _, er := range s.Exercises {
				row = append(row, strconv.Itoa(er.Score))
			}
			_ = w.Write(append(row, strconv.Itoa(s.Score)))
		}
	}
	w.Flush()
	return w.Error()
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
