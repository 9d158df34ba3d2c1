package grader

import (
	"maps"
	"path"
	"slices"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

// Proof counts what `course check` tried on one exercise beyond its start
// and solution, for `course check --report`.
type Proof struct {
	Exercise string
	// Pass and Fail count the author's variants of each sort; PassOK and
	// FailCaught those judged right.
	Pass, PassOK, Fail, FailCaught int
	// Mutations were graded; Caught failed some check; Free touched a
	// path the exercise frees; Same left the model as the solution's.
	Mutations, Caught, Free, Same int
}

// Prove grades the exercise's variants and the mutations of its solution,
// after SelfTest: a pass variant must score full points, a fail variant
// and every mutation must fail some check. Each wrong verdict is an error
// naming the exercise, the variant or mutation and the check.
func (g *Grader) Prove(src course.Source, ex *course.Exercise) (Proof, diag.Diagnostics) {
	pr := Proof{Exercise: ex.ID}
	ds := g.SelfTest(src, ex)
	if ds.HasErrors() {
		return pr, ds
	}
	file := path.Join(ex.Dir, "exercise.yaml")
	if src.Root != "" {
		file = path.Join(src.Root, file)
	}
	problem := func(t msg.Text, check string) {
		ds = append(ds, diag.Diagnostic{
			Severity: diag.SeverityError,
			Summary:  msg.New("grader.exercise-problem", msg.Args{"Exercise": ex.ID, "Problem": t}),
			Subject:  diag.Point(file, 1, 1),
			Rule:     course.RuleContent,
			Check:    check,
		})
	}
	variants, err := ex.ReadVariants(src.FS)
	if err != nil {
		problem(msg.New("grader.cannot-read", msg.Args{"File": path.Join(ex.Dir, course.VariantsDir), "Err": err.Error()}), "")
	}
	for _, v := range variants {
		sub, p, err := treeSubmission(src, ex, v.Tree())
		if err != nil {
			problem(msg.New("grader.cannot-read", msg.Args{"File": p, "Err": err.Error()}), "")
			continue
		}
		sub.Start = ex.StartFiles
		res := g.Grade(ex, sub)
		why := msg.Translated(v.Why)
		if v.Pass {
			pr.Pass++
			if res.Score == res.Max && res.Max > 0 {
				pr.PassOK++
				continue
			}
			failed := failedChecks(res)
			problem(msg.New("grader.variant-rejected", msg.Args{"Variant": v.Name, "Why": why, "Score": res.Score, "Max": res.Max, "Checks": joinReasons(failed)}), firstFailed(res))
			continue
		}
		pr.Fail++
		if res.Score < res.Max {
			pr.FailCaught++
			continue
		}
		problem(msg.New("grader.variant-accepted", msg.Args{"Variant": v.Name, "Why": why}), "")
	}
	comp, _ := g.compile(ex)
	for _, m := range mutations(ex) {
		if isFree(m.path, ex.Free) {
			pr.Free++
			continue
		}
		sub := Submission{Names: map[string]string{}, Start: ex.StartFiles}
		for _, n := range slices.Sorted(maps.Keys(m.files)) {
			shown := path.Join(ex.Dir, "solution", n)
			sub.Files = append(sub.Files, source.File{Path: shown, Data: m.files[n]})
			sub.Names[shown] = n
		}
		res := g.Grade(ex, sub)
		if res.Score < res.Max {
			pr.Mutations++
			pr.Caught++
			continue
		}
		// An edit that leaves the model as the solution's (a default
		// written out, a port named the way the pod names it) is no
		// mutation at all.
		if comp.solution != nil {
			snap := snapshotOf(ex.Track, loadModel(ex, sub.Files, g.kube), sub.Files, sub.Names)
			if maps.Equal(snap.leaves, comp.solution.leaves) {
				pr.Same++
				continue
			}
		}
		pr.Mutations++
		problem(msg.New("grader.mutation-passes", msg.Args{"Mutation": m.what, "Path": m.path}), "")
	}
	return pr, ds
}

func failedChecks(res Result) []msg.Text {
	var out []msg.Text
	for _, c := range res.Checks {
		if !c.Passed {
			out = append(out, msg.New("grader.check-fails", msg.Args{"Check": c.ID}))
		}
	}
	return out
}

func firstFailed(res Result) string {
	for _, c := range res.Checks {
		if !c.Passed {
			return c.ID
		}
	}
	return ""
}
