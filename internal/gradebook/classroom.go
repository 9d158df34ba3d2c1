package gradebook

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// The result a GitHub Classroom test runner hands to the autograding
// reporter (classroom-resources/autograding-grading-reporter), which reads
// it base64-encoded from the variable <RUNNER>_RESULTS: the reporter sums
// the tests' scores against max_score for the grade Classroom records, and
// fails the workflow run when status is "fail" or "error".
type (
	classroomResult struct {
		Version  int             `json:"version"`
		Status   string          `json:"status"`
		MaxScore int             `json:"max_score"`
		Tests    []classroomTest `json:"tests"`
	}
	classroomTest struct {
		Name          string `json:"name"`
		Status        string `json:"status"`
		Score         int    `json:"score"`
		Message       string `json:"message"`
		TestCode      string `json:"test_code"`
		Filename      string `json:"filename"`
		LineNo        int    `json:"line_no"`
		ExecutionTime string `json:"execution_time"`
	}
)

// Classroom result statuses, as the reporter spells them.
const (
	classroomPass  = "pass"
	classroomFail  = "fail"
	classroomError = "error"
)

// classroomWriter prints one student's result for the reporter: a test per
// check with its points. A Classroom repository is one student's, so a
// gradebook of several students is refused rather than merged.
type classroomWriter struct {
	w io.Writer
	p *msg.Printer
}

func (cw classroomWriter) Write(gb *Gradebook) error {
	p := cw.p
	if len(gb.Students) != 1 {
		return msg.Errorf("gradebook.classroom.one-student", msg.Args{"Count": len(gb.Students)}, nil)
	}
	s := gb.Students[0]
	out := classroomResult{Version: 1, Status: classroomPass, MaxScore: s.Max, Tests: []classroomTest{}}
	for _, er := range s.Exercises {
		// The reporter sums the tests: an exercise-wide change is a test
		// of its own, worth the difference.
		var notes []string
		for _, o := range er.Overrides {
			if o.Check == "" {
				notes = append(notes, overrideNote(p, er.Exercise.ID, o))
			}
		}
		if len(notes) > 0 {
			out.Tests = append(out.Tests, classroomTest{
				Name: er.Exercise.ID, Status: classroomPass, Score: er.Score - checkSum(er),
				Message: strings.Join(notes, "\n"), ExecutionTime: "0.000s",
			})
		}
		for ci, c := range er.Checks {
			t := classroomTest{
				Name:          fmt.Sprintf("%s/%s: %s", er.Exercise.ID, c.ID, oneLine(p.Text(c.Message))),
				Status:        classroomPass,
				Score:         c.Points,
				TestCode:      "iactutor grade --exercise " + er.Exercise.ID,
				ExecutionTime: fmt.Sprintf("%ss", seconds(er.Elapsed/time.Duration(max(1, len(er.Checks))))),
			}
			switch {
			case er.Status == StatusMissing:
				t.Status = classroomFail
				t.Message = p.S("gradebook.junit.no-folder", msg.Args{"Folder": er.Exercise.ID})
			case er.Status == StatusError:
				t.Status = classroomError
				t.Message = diag.Sanitize(p.Text(er.Error))
			case !c.Passed:
				t.Status = classroomFail
				t.Message = failureText(p, c, er.Explaining(ci), er.Unchanged)
				if ds := er.Explaining(ci); len(ds) > 0 {
					t.Filename, t.LineNo = diag.Sanitize(ds[0].Subject.Filename), ds[0].Subject.Start.Line
				}
			}
			for _, o := range er.Overrides {
				if o.Check == c.ID {
					t.Message = strings.TrimLeft(t.Message+"\n"+overrideNote(p, er.Exercise.ID, o), "\n")
				}
			}
			switch {
			case t.Status == classroomError:
				out.Status = classroomError
			case t.Status == classroomFail && out.Status == classroomPass:
				out.Status = classroomFail
			}
			out.Tests = append(out.Tests, t)
		}
	}
	enc := json.NewEncoder(cw.w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// ClassroomRunner is the runner name the workflow gives iactutor's step;
// the reporter reads its result from ClassroomRunner's upper case followed
// by "_RESULTS".
const ClassroomRunner = "iactutor"

// ClassroomEnv is the variable the reporter reads the result from.
func ClassroomEnv() string { return strings.ToUpper(ClassroomRunner) + "_RESULTS" }

// checkSum is what an exercise's checks add up to, before an exercise-wide
// override.
func checkSum(er ExerciseResult) int {
	n := 0
	for _, c := range er.Checks {
		n += c.Points
	}
	return n
}
