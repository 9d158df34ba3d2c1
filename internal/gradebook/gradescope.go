package gradebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// The Gradescope autograder results format (results.json): a total score and
// one entry per test with its own score, maximum, status and output.
type (
	gsResults struct {
		Score        int      `json:"score"`
		Output       string   `json:"output"`
		OutputFormat string   `json:"output_format,omitempty"`
		Tests        []gsTest `json:"tests"`
	}
	gsTest struct {
		Name         string `json:"name"`
		Score        int    `json:"score"`
		MaxScore     int    `json:"max_score"`
		Status       string `json:"status"`
		Output       string `json:"output"`
		OutputFormat string `json:"output_format,omitempty"`
	}
)

// gradescopeWriter writes DIR/<student>/results.json for every student.
type gradescopeWriter struct {
	dir string
	p   *msg.Printer
}

func (gw gradescopeWriter) Write(gb *Gradebook) error {
	names := FileNames(gb.Students)
	for i, s := range gb.Students {
		data, err := encodeGradescope(gradescopeResult(gw.p, s))
		if err != nil {
			return err
		}
		dir := filepath.Join(gw.dir, names[i])
		if err := ownDir(dir); err != nil {
			return fmt.Errorf("writing Gradescope results: %w", err)
		}
		if err := WriteFile(filepath.Join(dir, "results.json"), data, nil); err != nil {
			return fmt.Errorf("writing Gradescope results: %w", err)
		}
	}
	return nil
}

// gradescopeResult is one student's results.json: a test per check.
func gradescopeResult(p *msg.Printer, s Student) gsResults {
	res := gsResults{
		Score:  s.Score,
		Output: p.S("gradebook.gradescope.output", msg.Args{"Score": s.Score, "Max": s.Max, "Exercises": len(s.Exercises)}),
		Tests:  []gsTest{},
	}
	for _, er := range s.Exercises {
		for _, o := range er.Overrides {
			if o.Check == "" {
				res.Output += "\n" + overrideNote(p, er.Exercise.ID, o)
			}
		}
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
			for _, o := range er.Overrides {
				if o.Check == c.ID {
					t.Output = strings.TrimLeft(t.Output+"\n"+overrideNote(p, er.Exercise.ID, o), "\n")
				}
			}
			res.Tests = append(res.Tests, t)
		}
	}
	return res
}

func encodeGradescope(res gsResults) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return nil, fmt.Errorf("writing Gradescope results: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteAutograderResults writes the results.json Gradescope's autograder
// reads for the one submission in gb: a test per check with its points,
// and the student's Markdown feedback as the overall output, so the
// student reads on Gradescope what `grade --feedback` would give them.
// The tests' own output stays plain text (file:line lists).
func WriteAutograderResults(path string, p *msg.Printer, gb *Gradebook) error {
	if len(gb.Students) != 1 {
		return fmt.Errorf("writing Gradescope results: %d submissions, want one", len(gb.Students))
	}
	res := gradescopeResult(p, gb.Students[0])
	res.Output, res.OutputFormat = string(feedback(p, gb.Students[0])), "md"
	for i := range res.Tests {
		res.Tests[i].OutputFormat = "text"
	}
	data, err := encodeGradescope(res)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("writing Gradescope results: %w", err)
	}
	return WriteFile(path, data, nil)
}
