package gradebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// The Gradescope autograder results format (results.json): a total score and
// one entry per test with its own score, maximum, status and output.
type (
	gsResults struct {
		Score  int      `json:"score"`
		Output string   `json:"output"`
		Tests  []gsTest `json:"tests"`
	}
	gsTest struct {
		Name     string `json:"name"`
		Score    int    `json:"score"`
		MaxScore int    `json:"max_score"`
		Status   string `json:"status"`
		Output   string `json:"output"`
	}
)

// gradescopeWriter writes DIR/<student>/results.json for every student.
type gradescopeWriter struct {
	dir string
	p   *msg.Printer
}

func (gw gradescopeWriter) Write(gb *Gradebook) error {
	p := gw.p
	names := FileNames(gb.Students)
	for i, s := range gb.Students {
		res := gsResults{
			Score:  s.Score,
			Output: p.S("gradebook.gradescope.output", msg.Args{"Score": s.Score, "Max": s.Max, "Exercises": len(s.Exercises)}),
			Tests:  []gsTest{},
		}
		for _, er := range s.Exercises {
			for ci, c := range er.Checks {
				t := gsTest{
					Name:     fmt.Sprintf("%s: %s", er.Exercise.ID, diag.Sanitize(p.Text(c.Message))),
					Score:    c.Points,
					MaxScore: c.Max,
					Status:   "failed",
				}
				switch {
				case er.Status == StatusMissing:
					t.Output = p.S("gradebook.gradescope.not-submitted", nil)
				case er.Status == StatusError:
					t.Output = p.S("gradebook.gradescope.not-graded", msg.Args{"Reason": diag.Sanitize(p.Text(er.Error))})
				case c.Passed:
					t.Status = "passed"
				default:
					t.Output = failureText(p, c, er.Explaining(ci), er.Unchanged)
				}
				res.Tests = append(res.Tests, t)
			}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			return err
		}
		dir := filepath.Join(gw.dir, names[i])
		if err := ownDir(dir); err != nil {
			return fmt.Errorf("writing Gradescope results: %w", err)
		}
		if err := WriteFile(filepath.Join(dir, "results.json"), buf.Bytes(), nil); err != nil {
			return fmt.Errorf("writing Gradescope results: %w", err)
		}
	}
	return nil
}
