// Package grader grades one exercise submission: it runs the track's
// validators on the editable files, evaluates the exercise's CEL expectations
// over the loaded model, and scores the checks. The learner's `check`, the
// TUI, the instructor's gradebook and the author's `course check` all call it,
// so all four see the same verdict.
package grader

import (
	"bytes"
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/kubeapi"
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
	kube     kubeModel
}

// New returns a Grader with an empty cache.
func New() *Grader {
	return &Grader{compiled: map[*course.Exercise]*compiledExercise{}, kube: kubeModel{api: kubeapi.New()}}
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
	// The trees the course holds say what the task keeps and what a
	// finished submission holds.
	if ex.StartFiles != nil && ex.SolutionFiles != nil {
		c.start = g.treeSnapshot(ex, ex.StartFiles)
		c.solution = g.treeSnapshot(ex, ex.SolutionFiles)
	}
	g.compiled[ex] = c
	return c, c.diags
}

// treeSnapshot loads files given by name, as the course stores a tree.
func (g *Grader) treeSnapshot(ex *course.Exercise, tree map[string][]byte) *snapshot {
	var files []source.File
	names := map[string]string{}
	for _, n := range slices.Sorted(maps.Keys(tree)) {
		files = append(files, source.File{Path: n, Data: tree[n]})
		names[n] = n
	}
	return snapshotOf(ex.Track, loadModel(ex, files, g.kube), files, names)
}

// Grade scores a submission against an exercise. The verdict does not
// depend on the reader's language, so one grading serves every presenter.
func (g *Grader) Grade(ex *course.Exercise, sub Submission) Result {
	res := Result{Exercise: ex.ID, Max: ex.Points(), Checks: []CheckResult{}, Diagnostics: diag.Diagnostics{}}
	comp, cds := g.compile(ex)
	res.Diagnostics = append(res.Diagnostics, sub.Refused...)

	model := loadModel(ex, sub.Files, g.kube)
	res.Diagnostics = append(res.Diagnostics, model.diags...)
	snap := snapshotOf(ex.Track, model, sub.Files, sub.Names)
	res.Unchanged = sub.Start != nil && g.unchanged(ex, comp, sub, snap)

	// What blocks every check is said once, before the checks: a file
	// that does not parse, a file emptied of what the task needs.
	blocked := false
	for _, f := range brokenFiles(model.diags) {
		blocked = true
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{
			Severity: diag.SeverityError,
			Summary:  msg.New("grader.until-parses", msg.Args{"File": f, "Count": len(ex.Checks)}),
			Subject:  diag.Point(f, 1, 1),
		})
	}
	var missing []string
	var changes []change
	if comp.solution != nil && !blocked {
		for _, u := range guttedUnits(ex, comp.solution, snap) {
			blocked = true
			shown := u
			for _, f := range sub.Files {
				if sub.Names[f.Path] == u || strings.HasSuffix(f.Path, "/"+u) {
					shown = f.Path
				}
			}
			res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{
				Severity: diag.SeverityError,
				Summary:  msg.New("grader.file-gutted", msg.Args{"File": shown}),
				Subject:  diag.Point(shown, 1, 1),
			})
		}
		// Kinds and names, resource addresses: a variable or an output
		// the learner folds away is a choice, a resource is the task.
		for _, id := range slices.Sorted(maps.Keys(comp.solution.ids)) {
			if !snap.ids[id] && !strings.HasPrefix(id, "variable.") && !strings.HasPrefix(id, "output.") {
				missing = append(missing, id)
			}
		}
		changes = keptChanges(comp.start, comp.solution, snap, ex.Free)
	}
	keeper := keeperCheck(ex)
	for i, chk := range ex.Checks {
		cr := CheckResult{ID: chk.ID, Max: chk.Points, Message: msg.Translated(chk.Message)}
		var failures []diag.Diagnostic
		fail := func(summary msg.Text) {
			d := model.locate(chk.At, sub.Files)
			d.Summary = summary
			d.Check = chk.ID
			failures = append(failures, d)
		}
		switch {
		case len(sub.Refused) > 0, blocked:
			// A file that could not be read, does not parse or was
			// emptied cannot pass anything; why was said once above.
			cr.Passed = false
		case chk.Validators != nil:
			cr.Passed = validatorsPass(chk.Validators, model.diags) && len(missing) == 0
			for _, id := range missing {
				fail(goneText(id))
			}
		case cds.HasErrors():
			cr.Passed = false
		default:
			var problem msg.Text
			cr.Passed, problem = comp.programs[i].eval(model.activation)
			if !cr.Passed {
				gone := comp.goneFor(i, snap)
				for _, id := range gone {
					fail(goneText(id))
				}
				if len(gone) == 0 {
					fail(msg.New("grader.not-yet", msg.Args{"Goal": cr.Message}))
					// When the files have errors, those explain a check
					// that cannot be evaluated better than CEL's words.
					if !problem.IsZero() && !model.diags.HasErrors() {
						failures[len(failures)-1].Detail = msg.New("grader.not-evaluated", msg.Args{"Err": problem})
					}
				}
			}
		}
		if i == keeper && len(changes) > 0 && !blocked {
			cr.Passed = false
			for _, c := range changes {
				args := msg.Args{"Field": c.path, "Old": msg.Plain(c.old), "New": msg.Plain(c.new)}
				if c.gone {
					args["New"] = msg.New("grader.value-removed", nil)
				}
				fail(msg.New("grader.kept-changed", args))
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
		res.Diagnostics = append(res.Diagnostics, failures...)
	}
	res.Passed = res.Score == res.Max && res.Max > 0
	// Errors that are no check's failure (a syntax error, a refused file)
	// come first: the check failures after them follow from them.
	// A syntax error leads: what cannot be checked until it is fixed
	// follows it.
	blocking := func(d diag.Diagnostic) int {
		switch {
		case d.Severity == diag.SeverityError && isSyntax(d):
			return 2
		case d.Severity == diag.SeverityError && d.Check == "":
			return 1
		}
		return 0
	}
	slices.SortStableFunc(res.Diagnostics, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(blocking(b), blocking(a)), diag.Compare(a, b))
	})
	return res
}

// guttedUnits lists the editable files (or folders, taken as a whole) that
// hold objects in the solution and none in the submission, where what the
// solution keeps there is not found in another file either: moving a
// Service into the Deployment's file, or every variable into main.tf, is
// no loss.
func guttedUnits(ex *course.Exercise, solution, sub *snapshot) []string {
	unit := func(name string) string {
		for _, e := range ex.Files {
			if course.IsFolder(e) && course.InFolder(e, name) {
				return e
			}
		}
		return name
	}
	want, have := map[string]int{}, map[string]int{}
	lost := map[string]bool{}
	for n, c := range solution.perFile {
		want[unit(n)] += c
	}
	for n, ids := range solution.held {
		for _, id := range ids {
			if !sub.all[id] {
				lost[unit(n)] = true
			}
		}
	}
	for n, c := range sub.perFile {
		have[unit(n)] += c
	}
	var out []string
	for _, u := range slices.Sorted(maps.Keys(want)) {
		if want[u] > 0 && have[u] == 0 && lost[u] {
			out = append(out, u)
		}
	}
	return out
}

// keeperCheck is the check that fails when a kept value changes: the
// validators check, which says the files are right as a whole, or the
// first check when the exercise has none.
func keeperCheck(ex *course.Exercise) int {
	for i, c := range ex.Checks {
		if c.Validators != nil {
			return i
		}
	}
	return 0
}

// brokenFiles lists, in order, the files with a syntax error.
func brokenFiles(ds diag.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		if d.Severity == diag.SeverityError && isSyntax(d) && !slices.Contains(out, d.Subject.Filename) {
			out = append(out, d.Subject.Filename)
		}
	}
	return out
}

func isSyntax(d diag.Diagnostic) bool { return d.Rule == "k8s/yaml-syntax" || d.Rule == "tf/syntax" }

// goneText says that an object the task needs is missing, in the words of
// its kind: "The HorizontalPodAutoscaler churn-api is gone".
func goneText(id string) msg.Text {
	if kind, name, ok := strings.Cut(id, "/"); ok {
		return msg.New("grader.gone-object", msg.Args{"Kind": kind, "Name": name})
	}
	return msg.New("grader.gone-block", msg.Args{"Address": id})
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

// unchanged reports whether the submission means what the start files
// mean: equal once line endings, a BOM and trailing spaces are set aside,
// or, failing that, equal on the model (comments, layout and key order do
// not count). An exercise whose solution differs from its start only in
// layout (a formatting task) is judged on the bytes that task is about.
func (g *Grader) unchanged(ex *course.Exercise, comp *compiledExercise, sub Submission, snap *snapshot) bool {
	if len(sub.Files) != len(sub.Start) {
		return false
	}
	exact, same := true, true
	for _, f := range sub.Files {
		start, ok := sub.Start[sub.Names[f.Path]]
		if !ok {
			return false
		}
		exact = exact && bytes.Equal(start, f.Data)
		same = same && bytes.Equal(normalized(start), normalized(f.Data))
	}
	if exact {
		return true
	}
	layoutTask := comp.start != nil && maps.Equal(comp.start.leaves, comp.solution.leaves)
	if layoutTask && sameNormalized(ex.StartFiles, ex.SolutionFiles) {
		return false
	}
	if same {
		return true
	}
	if layoutTask {
		return false
	}
	start := comp.start
	if start == nil {
		start = g.treeSnapshot(ex, sub.Start)
	}
	return maps.Equal(start.leaves, snap.leaves)
}

// sameNormalized reports whether two trees differ only in line endings, a
// BOM or trailing spaces.
func sameNormalized(a, b map[string][]byte) bool {
	return maps.EqualFunc(a, b, func(x, y []byte) bool { return bytes.Equal(normalized(x), normalized(y)) })
}
