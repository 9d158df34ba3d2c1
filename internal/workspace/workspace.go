// Package workspace is the learner's folder of exercises: it hands out start
// files without ever overwriting the learner's, reads submissions safely, and
// resets an exercise only after backing the learner's files up.
package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/aymanbagabas/go-udiff"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/progress"
	"github.com/iactutor/iactutor/internal/source"
)

// TaskFile is the task written beside each exercise's files.
const TaskFile = "TASK.md"

// BackupDir is where reset moves a learner's files, inside the workspace.
const BackupDir = ".iactutor/backups"

// Resolve picks the workspace folder: the flag, else $IACTUTOR_WORKSPACE,
// else ~/iactutor.
func Resolve(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if v := getenv("IACTUTOR_WORKSPACE"); v != "" {
		return v, nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no workspace: set --workspace or IACTUTOR_WORKSPACE (%w)", err)
		}
		home = h
	}
	return filepath.Join(home, "iactutor"), nil
}

// Workspace is one learner's folder with the course it follows.
type Workspace struct {
	Dir    string
	Course *course.Course
	Src    course.Source
}

// Progress is the workspace's progress store.
func (w *Workspace) Progress() *progress.Store { return progress.NewStore(w.Dir) }

// ExerciseDir is where an exercise's files live.
func (w *Workspace) ExerciseDir(id string) string { return filepath.Join(w.Dir, id) }

// Files reads an exercise tree ("start" or "solution") from the course,
// folder entries expanded into the files they hold.
func (w *Workspace) Files(ex *course.Exercise, tree string) (map[string][]byte, error) {
	out, err := ex.ReadTree(w.Src.FS, tree)
	if err != nil {
		return nil, fmt.Errorf("exercise %s: %w", ex.ID, err)
	}
	return out, nil
}

// FileNames lists the learner's editable files of an exercise, in name
// order: every named file, and for a folder entry the files the learner
// keeps there (a capstone may be split into other files than the start's),
// or the start's when the folder is not there yet.
func (w *Workspace) FileNames(ex *course.Exercise) []string {
	var out []string
	for _, n := range ex.EditableNames(os.DirFS(w.ExerciseDir(ex.ID)), ".") {
		if !course.IsFolder(n) {
			out = append(out, n)
			continue
		}
		if start, err := w.Files(ex, "start"); err == nil {
			for s := range start {
				if course.InFolder(n, s) {
					out = append(out, s)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Init writes one exercise's start files and task. Existing files are kept
// untouched and listed in kept.
func (w *Workspace) Init(ex *course.Exercise, lang string) (written, kept []string, err error) {
	start, err := w.Files(ex, "start")
	if err != nil {
		return nil, nil, err
	}
	names := append(slices.Sorted(maps.Keys(start)), TaskFile)
	start[TaskFile] = []byte(ex.Task.In(lang))
	dir := w.ExerciseDir(ex.ID)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		ok, err := writeNew(p, start[name])
		if err != nil {
			return written, kept, err
		}
		if ok {
			written = append(written, p)
		} else {
			kept = append(kept, p)
		}
	}
	return written, kept, nil
}

// writeNew creates a file only if nothing is there yet.
func writeNew(p string, data []byte) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return false, fmt.Errorf("creating %s: %w", filepath.Dir(p), err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("writing %s: %w", p, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return false, fmt.Errorf("writing %s: %w", p, err)
	}
	return true, f.Close()
}

// Submission reads the learner's editable files of an exercise with the
// same safety limits as lint.
func (w *Workspace) Submission(ex *course.Exercise) (grader.Submission, error) {
	start, err := w.Files(ex, "start")
	if err != nil {
		return grader.Submission{}, err
	}
	sub := ReadSubmission(w.ExerciseDir(ex.ID), ex)
	sub.Start = start
	return sub, nil
}

// ReadSubmission reads an exercise's editable files from dir (a learner's
// exercise folder, or a student's in a class), refusing what is unsafe and
// reporting missing files.
func ReadSubmission(dir string, ex *course.Exercise) grader.Submission {
	sub := grader.Submission{Names: map[string]string{}}
	// A folder entry takes whatever files the learner keeps in it; a
	// missing folder is reported like a missing file.
	names := ex.EditableNames(os.DirFS(dir), ".")
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			sub.Refused = append(sub.Refused, diag.Diagnostic{
				Severity: diag.SeverityError,
				Summary:  msg.New("workspace.missing-file", msg.Args{"File": name}),
				Detail:   msg.New("workspace.missing-file.detail", msg.Args{"Dir": dir}),
				Hint:     msg.New("workspace.missing-file.hint", msg.Args{"Exercise": ex.ID}),
				Subject:  diag.Range{Filename: p},
				Rule:     source.RuleRead,
			})
			continue
		}
		f, d := source.Read(dir, p, source.Options{})
		if d != nil {
			sub.Refused = append(sub.Refused, *d)
			continue
		}
		sub.Files = append(sub.Files, f)
		sub.Names[f.Path] = name
	}
	return sub
}

// Reset moves the learner's files of an exercise to a timestamped backup and
// writes the start files again. It returns the backup folder ("" when there
// was nothing to back up).
func (w *Workspace) Reset(ex *course.Exercise, lang string, now time.Time) (string, error) {
	dir := w.ExerciseDir(ex.ID)
	backup := filepath.Join(w.Dir, filepath.FromSlash(BackupDir), ex.ID+"-"+now.UTC().Format("20060102T150405.000Z"))
	moved := false
	// Every file the learner keeps, new files in a folder entry too: one
	// left behind would be graded with the fresh start.
	for _, name := range append(w.FileNames(ex), TaskFile) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err != nil {
			continue
		}
		dst := filepath.Join(backup, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", fmt.Errorf("backing up %s: %w", p, err)
		}
		if err := os.Rename(p, dst); err != nil {
			return "", fmt.Errorf("backing up %s: %w", p, err)
		}
		moved = true
	}
	if _, _, err := w.Init(ex, lang); err != nil {
		return "", err
	}
	if !moved {
		return "", nil
	}
	return backup, nil
}

// Next is the first exercise, in course order, not yet passed.
func Next(c *course.Course, st *progress.State) (*course.Exercise, bool) {
	for _, ex := range c.Exercises {
		if e, ok := st.Exercises[ex.ID]; !ok || !e.Passed {
			return ex, true
		}
	}
	return nil, false
}

// Record updates progress after a check, keeping the best result. A check
// of the untouched start files is no attempt (the learner has not tried
// anything yet), so it records nothing and reports false.
func Record(st *progress.State, res grader.Result) bool {
	if res.Unchanged {
		return false
	}
	st.Check(res.Exercise, res.Score, res.Max, res.Passed)
	return true
}

// RecordSeen records what opening an exercise showed: opening is no
// attempt and must not mark anything failing, but files already fixed (in
// an editor, before opening) count as passed.
func RecordSeen(st *progress.State, res grader.Result) {
	if res.Passed && !res.Unchanged {
		st.Pass(res.Exercise, res.Score, res.Max)
	}
}

// FileDiff is how one of the learner's files differs from the solution.
type FileDiff struct {
	Name string
	// Diff is a unified diff, cleaned of control characters; "" when the
	// file is already identical to the solution.
	Diff string
}

// SolutionDiff compares the learner's editable files with the reference
// solution, for `iactutor solution` and the interface alike. A missing
// learner file shows as all additions.
func (w *Workspace) SolutionDiff(ex *course.Exercise) ([]FileDiff, error) {
	sol, err := w.Files(ex, "solution")
	if err != nil {
		return nil, err
	}
	sub := ReadSubmission(w.ExerciseDir(ex.ID), ex)
	mine := map[string]string{}
	for _, f := range sub.Files {
		mine[sub.Names[f.Path]] = string(f.Data)
	}
	names := slices.Sorted(maps.Keys(sol))
	for n := range mine {
		if _, ok := sol[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	out := make([]FileDiff, 0, len(names))
	for _, name := range names {
		yours := filepath.Join(w.ExerciseDir(ex.ID), filepath.FromSlash(name))
		d, err := unified(yours, "solution/"+name, mine[name], string(sol[name]))
		if err != nil {
			return nil, fmt.Errorf("comparing %s with the solution: %w", name, err)
		}
		out = append(out, FileDiff{Name: name, Diff: diag.Sanitize(d)})
	}
	return out, nil
}

// unified returns a unified diff with 3 lines of context, "" when a and b
// are equal. The diff library counts in runes when either side is not ASCII
// and maps back to bytes assuming valid UTF-8, so a learner's stray invalid
// byte would shift every offset; both sides are made valid first (the shown
// diff is cleaned for the terminal anyway). Unlike udiff.Unified, an
// inconsistency comes back as an error instead of ending the program.
func unified(aName, bName, a, b string) (string, error) {
	a, b = strings.ToValidUTF8(a, "\uFFFD"), strings.ToValidUTF8(b, "\uFFFD")
	return udiff.ToUnified(aName, bName, a, udiff.Strings(a, b), udiff.DefaultContextLines)
}

// HoldHints takes the validators' own hints out of a result's diagnostics
// until the learner has asked for the first hint of the exercise: in an
// exercise, a rule's hint is often the fix itself, and the hint tiers are
// how the learner chooses to see it. It returns the diagnostics to show and
// how many hints were held back; lint, which teaches no exercise, keeps
// them all.
func HoldHints(ds diag.Diagnostics, hintsUsed int) (diag.Diagnostics, int) {
	if hintsUsed > 0 {
		return ds, 0
	}
	out := make(diag.Diagnostics, len(ds))
	held := 0
	for i, d := range ds {
		if !d.Hint.IsZero() && (strings.HasPrefix(d.Rule, "k8s/") || strings.HasPrefix(d.Rule, "tf/")) {
			d.Hint = msg.Text{}
			held++
		}
		out[i] = d
	}
	return out, held
}

// CarryMovedAnswers copies a learner's answers to questions that moved to
// another lesson (their `was:`) to where the questions are now, so splitting
// a lesson does not ask again what was answered. It reports whether
// anything was copied; answers already given in the new place win.
func CarryMovedAnswers(st *progress.State, c *course.Course) bool {
	changed := false
	for _, l := range c.Lessons {
		if l.Checkpoint == nil {
			continue
		}
		for _, q := range l.Checkpoint.Questions {
			lesson, id, ok := strings.Cut(q.Was, "/")
			if !ok {
				continue
			}
			old, ok := st.Checkpoints[lesson]
			if !ok || !old.Answered[id] {
				continue
			}
			if now, ok := st.Checkpoints[l.ID]; ok && now.Answered[q.ID] {
				continue
			}
			now := st.Checkpoint(l.ID)
			now.Answered[q.ID] = true
			now.Correct[q.ID] = old.Correct[id]
			if n := old.Attempts[id]; n > 0 {
				now.Attempts[q.ID] = n
			}
			changed = true
		}
	}
	return changed
}
