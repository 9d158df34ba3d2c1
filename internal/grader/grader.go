// Package grader grades one exercise submission: it runs the track's
// validators on the editable files, evaluates the exercise's CEL expectations
// over the loaded model, and scores the checks. The learner's `check`, the
// TUI, the instructor's gradebook and the author's `course check` all call it,
// so all four see the same verdict.
package grader

import (
	"bytes"
	"cmp"
	"slices"
	"sync"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

// CheckResult is the verdict on one check. Its message is not in words yet:
// each presenter renders it in its reader's language and builds its own JSON.
type CheckResult struct {
	ID      string `json:"id"`
	Points  int    `json:"points"`
	Max     int    `json:"max"`
	Passed  bool   `json:"passed"`
	Message msg.Text
}

// Result is the verdict on one submission. It is the same in every
// language; presenters put it into words, so it is never JSON-encoded as is
// (its diagnostics refuse to be).
type Result struct {
	Exercise string `json:"exercise"`
	Score    int    `json:"score"`
	Max      int    `json:"max"`
	Passed   bool   `json:"passed"`
	Checks   []CheckResult
	// Diagnostics are the validators' findings plus one per failed
	// expectation, pointing at the file and line it concerns.
	Diagnostics diag.Diagnostics
	// Unchanged is true when the editable files are byte-identical to the
	// start files: nothing was attempted, so nothing scores.
	Unchanged bool `json:"unchanged,omitempty"`
}

// Submission is what a learner hands in for one exercise.
type Submission struct {
	// Files are the editable files that could be read, with the paths that
	// diagnostics should show.
	Files []source.File
	// Names maps each file's Path to the exercise's name for it
	// ("deployment.yaml"), to compare with the start files.
	Names map[string]string
	// Refused are diagnostics for files that could not be read (too big,
	// binary, a link out of the folder, missing).
	Refused diag.Diagnostics
	// Start holds the exercise's start files by name, to detect an
	// untouched submission; nil skips that rule (the author's self-test).
	Start map[string][]byte
}

// Grader grades submissions; it caches compiled expectations and is safe
// for concurrent use by a worker pool.
type Grader struct {
	mu       sync.Mutex
	compiled map[*course.Exercise]*compiledExercise
}

// New returns a Grader with an empty cache.
func New() *Grader {
	return &Grader{compiled: map[*course.Exercise]*compiledExercise{}}
}

// Compile prepares an exercise's expectations. Errors are positioned in
// exercise.yaml, so `course check` can show them to the author.
func (g *Grader) Compile(ex *course.Exercise) diag.Diagnostics {
	_, ds := g.compile(ex)
	return ds
}

func (g *Grader) compile(ex *course.Exercise) (*compiledExercise, diag.Diagnostics) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c, ok := g.compiled[ex]; ok {
		return c, c.diags
	}
	c := compileExercise(ex)
	g.compiled[ex] = c
	return c, c.diags
}

// Grade scores a submission against an exercise. The verdict does not
// depend on the reader's language, so one grading serves every presenter.
func (g *Grader) Grade(ex *course.Exercise, sub Submission) Result {
	res := Result{Exercise: ex.ID, Max: ex.Points(), Checks: []CheckResult{}, Diagnostics: diag.Diagnostics{}}
	comp, cds := g.compile(ex)
	res.Diagnostics = append(res.Diagnostics, sub.Refused...)
	res.Unchanged = sub.Start != nil && unchanged(sub, ex)

	model := loadModel(ex, sub.Files)
	res.Diagnostics = append(res.Diagnostics, model.diags...)
	for i, chk := range ex.Checks {
		cr := CheckResult{ID: chk.ID, Max: chk.Points, Message: msg.Translated(chk.Message)}
		var failure *diag.Diagnostic
		switch {
		case len(sub.Refused) > 0:
			// A file that could not be read cannot pass anything.
			cr.Passed = false
		case chk.Validators != nil:
			cr.Passed = validatorsPass(chk.Validators, model.diags)
		case cds.HasErrors():
			cr.Passed = false
		default:
			var problem msg.Text
			cr.Passed, problem = comp.programs[i].eval(model.activation)
			if !cr.Passed {
				d := model.locate(chk.At, sub.Files)
				d.Summary = cr.Message
				d.Check = chk.ID
				if !problem.IsZero() {
					d.Detail = msg.New("grader.not-evaluated", msg.Args{"Err": problem})
				}
				failure = &d
			}
		}
		if res.Unchanged {
			cr.Passed = false
		}
		if cr.Passed {
			cr.Points = chk.Points
		}
		res.Score += cr.Points
		res.Checks = append(res.Checks, cr)
		if failure != nil {
			res.Diagnostics = append(res.Diagnostics, *failure)
		}
	}
	res.Passed = res.Score == res.Max && res.Max > 0
	// Errors that are no check's failure (a syntax error, a refused file)
	// come first: the check failures after them follow from them.
	blocking := func(d diag.Diagnostic) int {
		if d.Severity == diag.SeverityError && d.Check == "" {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(res.Diagnostics, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(blocking(b), blocking(a)), diag.Compare(a, b))
	})
	return res
}

// validatorsPass: no error, and none of the listed warnings.
func validatorsPass(v *course.ValidatorsCheck, ds diag.Diagnostics) bool {
	for _, d := range ds {
		if d.Severity == diag.SeverityError || slices.Contains(v.Warnings, d.Rule) {
			return false
		}
	}
	return true
}

func unchanged(sub Submission, ex *course.Exercise) bool {
	if len(sub.Files) != len(ex.Files) {
		return false
	}
	for _, f := range sub.Files {
		start, ok := sub.Start[sub.Names[f.Path]]
		if !ok || !bytes.Equal(start, f.Data) {
			return false
		}
	}
	return true
}
