package grader

import (
	"fmt"
	"maps"
	"path"
	"slices"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

// TreeSubmission reads an exercise's start/ or solution/ tree from the course
// as a submission, for the author's self-test and for tests.
func TreeSubmission(src course.Source, ex *course.Exercise, tree string) (Submission, error) {
	sub, p, err := treeSubmission(src, ex, tree)
	if err != nil {
		return sub, fmt.Errorf("reading %s: %w", p, err)
	}
	return sub, nil
}

// treeSubmission also names the file it could not read, so the self-test
// can say so in the author's language.
func treeSubmission(src course.Source, ex *course.Exercise, tree string) (Submission, string, error) {
	sub := Submission{Names: map[string]string{}}
	files, err := ex.ReadTree(src.FS, tree)
	if err != nil {
		return sub, path.Join(ex.Dir, tree), err
	}
	// Folders expand to their files, in name order, as kubectl takes them.
	for _, name := range slices.Sorted(maps.Keys(files)) {
		shown := path.Join(ex.Dir, tree, name)
		if src.Root != "" {
			shown = path.Join(src.Root, shown)
		}
		sub.Files = append(sub.Files, source.File{Path: shown, Data: files[name]})
		sub.Names[shown] = name
	}
	return sub, "", nil
}

// SelfTest proves an exercise with the grader the learner meets: every
// expectation compiles, start/ fails at least one check, and solution/ passes
// every check with full points. A verdict does not depend on the reader's
// language, so one grading of each tree proves every language.
func (g *Grader) SelfTest(src course.Source, ex *course.Exercise) diag.Diagnostics {
	file := path.Join(ex.Dir, "exercise.yaml")
	if src.Root != "" {
		file = path.Join(src.Root, file)
	}
	problem := func(t msg.Text) diag.Diagnostic {
		return diag.Diagnostic{
			Severity: diag.SeverityError,
			Summary:  msg.New("grader.exercise-problem", msg.Args{"Exercise": ex.ID, "Problem": t}),
			Subject:  diag.Point(file, 1, 1),
			Rule:     course.RuleContent,
		}
	}
	ds := g.Compile(ex)
	for i := range ds {
		if src.Root != "" {
			ds[i].Subject.Filename = path.Join(src.Root, ds[i].Subject.Filename)
		}
	}
	if ds.HasErrors() {
		return ds
	}
	start, p, err := treeSubmission(src, ex, "start")
	if err != nil {
		return append(ds, problem(msg.New("grader.cannot-read", msg.Args{"File": p, "Err": err.Error()})))
	}
	if g.Grade(ex, start).Passed {
		ds = append(ds, problem(msg.New("grader.start-passes", nil)))
	}
	sol, p, err := treeSubmission(src, ex, "solution")
	if err != nil {
		return append(ds, problem(msg.New("grader.cannot-read", msg.Args{"File": p, "Err": err.Error()})))
	}
	res := g.Grade(ex, sol)
	if res.Score == res.Max {
		return ds
	}
	var why []msg.Text
	for _, c := range res.Checks {
		if !c.Passed {
			why = append(why, msg.New("grader.check-fails", msg.Args{"Check": c.ID}))
		}
	}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.SeverityError {
			why = append(why, msg.New("grader.error-at", msg.Args{"File": d.Subject.Filename, "Line": d.Subject.Start.Line, "Summary": d.Summary}))
		}
	}
	return append(ds, problem(msg.New("grader.solution-fails", msg.Args{"Score": res.Score, "Max": res.Max, "Why": joinReasons(why)})))
}

// joinReasons chains reasons into one text whose separator the catalog
// chooses.
func joinReasons(why []msg.Text) msg.Text {
	if len(why) == 0 {
		return msg.Text{}
	}
	out := why[len(why)-1]
	for i := len(why) - 2; i >= 0; i-- {
		out = msg.New("grader.reasons", msg.Args{"First": why[i], "Rest": out})
	}
	return out
}
