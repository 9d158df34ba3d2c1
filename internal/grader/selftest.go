package grader

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

// TreeSubmission reads an exercise's start/ or solution/ tree from the course
// as a submission, for the author's self-test and for tests.
func TreeSubmission(src course.Source, ex *course.Exercise, tree string) (Submission, error) {
	sub := Submission{Names: map[string]string{}}
	for _, name := range ex.Files {
		p := path.Join(ex.Dir, tree, name)
		b, err := fs.ReadFile(src.FS, p)
		if err != nil {
			return sub, fmt.Errorf("reading %s: %w", p, err)
		}
		shown := p
		if src.Root != "" {
			shown = path.Join(src.Root, p)
		}
		sub.Files = append(sub.Files, source.File{Path: shown, Data: b})
		sub.Names[shown] = name
	}
	return sub, nil
}

// SelfTest proves an exercise with the grader the learner meets: every
// expectation compiles, start/ fails at least one check, and solution/ passes
// every check with full points in every language.
func (g *Grader) SelfTest(src course.Source, ex *course.Exercise) diag.Diagnostics {
	file := path.Join(ex.Dir, "exercise.yaml")
	if src.Root != "" {
		file = path.Join(src.Root, file)
	}
	problem := func(format string, args ...any) diag.Diagnostic {
		return diag.Diagnostic{Severity: diag.SeverityError, Summary: msg.Plain(fmt.Sprintf("exercise %s: ", ex.ID) + fmt.Sprintf(format, args...)), Subject: diag.Point(file, 1, 1), Rule: course.RuleContent}
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
	start, err := TreeSubmission(src, ex, "start")
	if err != nil {
		return append(ds, problem("%v", err))
	}
	res := g.Grade(ex, start, course.DefaultLang)
	if res.Passed {
		ds = append(ds, problem("start/ already passes every check; the learner would have nothing to fix"))
	}
	for _, lang := range course.Languages {
		sol, err := TreeSubmission(src, ex, "solution")
		if err != nil {
			return append(ds, problem("%v", err))
		}
		res := g.Grade(ex, sol, lang)
		if res.Score == res.Max {
			continue
		}
		var why []string
		for _, c := range res.Checks {
			if !c.Passed {
				why = append(why, fmt.Sprintf("check %q fails", c.ID))
			}
		}
		for _, d := range res.Diagnostics {
			if d.Severity == diag.SeverityError {
				why = append(why, fmt.Sprintf("%s:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Summary))
			}
		}
		ds = append(ds, problem("solution/ scores %d/%d (%s): %s", res.Score, res.Max, lang, strings.Join(why, "; ")))
		break
	}
	return ds
}
