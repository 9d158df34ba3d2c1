package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/progress"
	"github.com/iactutor/iactutor/internal/source"
	"github.com/iactutor/iactutor/lessons"
)

func testWorkspace(t *testing.T) (*Workspace, *course.Exercise) {
	return exerciseWorkspace(t, "[a.yaml, k8s/b.yaml]", nil)
}

// exerciseWorkspace builds a one-exercise course whose files: entry is
// files, with a.yaml and k8s/b.yaml in both trees plus extra ones (name →
// start text; the solution says "sol" where the start says "start").
func exerciseWorkspace(t *testing.T, files string, extra map[string]string) (*Workspace, *course.Exercise) {
	t.Helper()
	const dir = "exercises/kubernetes/01-x/"
	m := fstest.MapFS{
		dir + "exercise.yaml": {Data: []byte("id: x\nlesson: l\ntitle: X\nkind: fix\ndifficulty: 1\ntopics: [a]\nfiles: " + files + "\nhints: [a, b]\nchecks:\n  - {id: v, points: 1, message: ok, validators: {}}\n")},
		dir + "task.md":       {Data: []byte("Do it.")},
		dir + "task.es.md":    {Data: []byte("Hazlo.")},
	}
	trees := map[string]string{"a.yaml": "start a\n", "k8s/b.yaml": "start b\n"}
	for name, text := range extra {
		trees[name] = text
	}
	for name, text := range trees {
		m[dir+"start/"+name] = &fstest.MapFile{Data: []byte(text)}
		m[dir+"solution/"+name] = &fstest.MapFile{Data: []byte(strings.Replace(text, "start", "sol", 1))}
	}
	src := course.Source{FS: m}
	c, ds := course.Load(src)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return &Workspace{Dir: filepath.Join(t.TempDir(), "ws"), Course: c, Src: src}, c.Exercises[0]
}

func TestResolve(t *testing.T) {
	env := map[string]string{"HOME": "/home/ana"}
	get := func(k string) string { return env[k] }
	if d, _ := Resolve("", get); d != "/home/ana/iactutor" {
		t.Errorf("default = %s", d)
	}
	env["IACTUTOR_WORKSPACE"] = "/srv/ws"
	if d, _ := Resolve("", get); d != "/srv/ws" {
		t.Errorf("env = %s", d)
	}
	if d, _ := Resolve("mine", get); d != "mine" {
		t.Errorf("flag = %s", d)
	}
}

func TestInitNeverOverwrites(t *testing.T) {
	w, ex := testWorkspace(t)
	written, kept, err := w.Init(ex, "es")
	if err != nil || len(written) != 3 || len(kept) != 0 {
		t.Fatalf("first init: %v %v %v", written, kept, err)
	}
	if b, _ := os.ReadFile(filepath.Join(w.ExerciseDir("x"), TaskFile)); string(b) != "Hazlo." {
		t.Errorf("task in Spanish = %q", b)
	}
	a := filepath.Join(w.ExerciseDir("x"), "a.yaml")
	os.WriteFile(a, []byte("my work"), 0o644)
	written, kept, _ = w.Init(ex, "en")
	if len(written) != 0 || len(kept) != 3 {
		t.Fatalf("second init wrote %v", written)
	}
	if b, _ := os.ReadFile(a); string(b) != "my work" {
		t.Error("init overwrote the learner's file")
	}
}

func TestResetBacksUp(t *testing.T) {
	w, ex := testWorkspace(t)
	w.Init(ex, "en")
	os.WriteFile(filepath.Join(w.ExerciseDir("x"), "k8s", "b.yaml"), []byte("my b"), 0o644)
	backup, err := w.Reset(ex, "en", time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(backup, "x-20260304T050607.000Z") {
		t.Errorf("backup = %s", backup)
	}
	if b, _ := os.ReadFile(filepath.Join(backup, "k8s", "b.yaml")); string(b) != "my b" {
		t.Errorf("backup holds %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(w.ExerciseDir("x"), "k8s", "b.yaml")); string(b) != "start b\n" {
		t.Errorf("restored %q", b)
	}
}

func TestSubmissionRefusesAndReportsMissing(t *testing.T) {
	w, ex := testWorkspace(t)
	w.Init(ex, "en")
	dir := w.ExerciseDir("x")
	os.Remove(filepath.Join(dir, "a.yaml"))
	os.Remove(filepath.Join(dir, "k8s", "b.yaml"))
	os.Symlink("/etc/passwd", filepath.Join(dir, "k8s", "b.yaml"))
	sub, err := w.Submission(ex)
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.Files) != 0 || len(sub.Refused) != 2 {
		t.Fatalf("files %v refused %v", sub.Files, sub.Refused)
	}
	cat, err := msg.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p, err := cat.Printer("en")
	if err != nil {
		t.Fatal(err)
	}
	rules := sub.Refused[0].Rule + " " + sub.Refused[1].Rule
	summaries := p.Text(sub.Refused[0].Summary) + p.Text(sub.Refused[1].Summary)
	if !strings.Contains(rules, source.RuleLink) || !strings.Contains(summaries, "a.yaml is missing") {
		t.Errorf("refusals: %+v", sub.Refused)
	}
}

// folderWorkspace is a capstone-shaped exercise: one named file and a
// folder entry that takes whatever manifests the learner keeps in it.
func folderWorkspace(t *testing.T) (*Workspace, *course.Exercise) {
	return exerciseWorkspace(t, "[a.yaml, k8s/]", map[string]string{"k8s/c.yml": "start c\n"})
}

func TestFolderEntryTakesTheLearnersFiles(t *testing.T) {
	w, ex := folderWorkspace(t)
	written, _, err := w.Init(ex, "en")
	if err != nil || len(written) != 4 {
		t.Fatalf("init wrote %v, %v; want a.yaml, k8s/b.yaml, k8s/c.yml and the task", written, err)
	}
	dir := w.ExerciseDir("x")
	// The learner splits c.yml in two and leaves notes beside the manifests.
	os.Remove(filepath.Join(dir, "k8s", "c.yml"))
	os.WriteFile(filepath.Join(dir, "k8s", "c1.yaml"), []byte("mine c1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "k8s", "c2.yaml"), []byte("mine c2\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "k8s", "notes.md"), []byte("notes"), 0o644)
	os.MkdirAll(filepath.Join(dir, "k8s", "old"), 0o755)
	os.WriteFile(filepath.Join(dir, "k8s", "old", "d.yaml"), []byte("old"), 0o644)

	want := []string{"a.yaml", "k8s/b.yaml", "k8s/c1.yaml", "k8s/c2.yaml"}
	if got := w.FileNames(ex); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("FileNames = %v, want %v", got, want)
	}
	sub, err := w.Submission(ex)
	if err != nil || len(sub.Refused) != 0 {
		t.Fatalf("submission: %v %v", err, sub.Refused)
	}
	var names []string
	for _, f := range sub.Files {
		names = append(names, sub.Names[f.Path])
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("graded %v, want %v", names, want)
	}
	if len(sub.Start) != 3 || string(sub.Start["k8s/c.yml"]) != "start c\n" {
		t.Errorf("start = %v", sub.Start)
	}

	diffs, err := w.SolutionDiff(ex)
	if err != nil {
		t.Fatal(err)
	}
	var shown []string
	for _, d := range diffs {
		shown = append(shown, d.Name)
	}
	if got := strings.Join(shown, " "); got != "a.yaml k8s/b.yaml k8s/c.yml k8s/c1.yaml k8s/c2.yaml" {
		t.Errorf("solution diff covers %s", got)
	}

	backup, err := w.Reset(ex, "en", time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"k8s/c1.yaml", "k8s/c2.yaml"} {
		if _, err := os.Stat(filepath.Join(backup, filepath.FromSlash(n))); err != nil {
			t.Errorf("reset did not back up the learner's new %s: %v", n, err)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(n))); err == nil {
			t.Errorf("reset left %s to be graded with the fresh start", n)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "k8s", "c.yml")); string(b) != "start c\n" {
		t.Errorf("reset did not restore c.yml: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "k8s", "notes.md")); err != nil {
		t.Error("reset moved a file the exercise does not take")
	}
}

func TestMissingFolderIsReported(t *testing.T) {
	w, ex := folderWorkspace(t)
	w.Init(ex, "en")
	os.RemoveAll(filepath.Join(w.ExerciseDir("x"), "k8s"))
	sub := ReadSubmission(w.ExerciseDir("x"), ex)
	if len(sub.Refused) != 1 || len(sub.Files) != 1 {
		t.Fatalf("refused %d, read %d; want the folder reported missing and a.yaml read", len(sub.Refused), len(sub.Files))
	}
	cat, err := msg.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p, err := cat.Printer("en")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Text(sub.Refused[0].Summary); !strings.Contains(got, "k8s/") {
		t.Errorf("missing folder said as %q", got)
	}
}

func TestHoldHints(t *testing.T) {
	ds := diag.Diagnostics{
		{Rule: "k8s/quantity-unit", Hint: msg.Plain("write 512Mi")},
		{Rule: "tf/provider-version", Hint: msg.Plain("pin ~> 5.0")},
		{Rule: source.RuleRead, Hint: msg.Plain("run iactutor init")},
		{Rule: "k8s/api-invalid"},
		{Summary: msg.Plain("Not yet: the check"), Hint: msg.Plain("kept")},
	}
	shown, held := HoldHints(ds, 0)
	if held != 2 {
		t.Errorf("held %d hints, want the two rules' with a hint", held)
	}
	for i, want := range []bool{false, false, true, false, true} {
		if got := !shown[i].Hint.IsZero(); got != want {
			t.Errorf("diagnostic %d (%s): hint shown %v, want %v", i, ds[i].Rule, got, want)
		}
	}
	if ds[0].Hint.IsZero() {
		t.Error("HoldHints changed the result it was given")
	}
	if shown, held := HoldHints(ds, 1); held != 0 || shown[0].Hint.IsZero() {
		t.Error("hints held after the learner asked for one")
	}
}

func TestCarryMovedAnswers(t *testing.T) {
	src := course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}}
	c, ds := course.Load(src)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	st := progress.New()
	old := st.Checkpoint("k8s-resources-probes")
	old.Answered["describe-pod"], old.Correct["describe-pod"], old.Attempts["describe-pod"] = true, true, 2
	old.Answered["previous-logs"], old.Correct["previous-logs"] = true, false
	// Already answered in the new place: that answer stays.
	now := st.Checkpoint("k8s-debugging")
	old.Answered["sorted-events"], old.Correct["sorted-events"] = true, true
	now.Answered["sorted-events"], now.Correct["sorted-events"] = true, false

	if !CarryMovedAnswers(st, c) {
		t.Fatal("nothing carried")
	}
	got := st.Checkpoints["k8s-debugging"]
	if !got.Answered["describe-pod"] || !got.Correct["describe-pod"] || got.Attempts["describe-pod"] != 2 {
		t.Errorf("describe-pod not carried: %+v", got)
	}
	if !got.Answered["previous-logs"] || got.Correct["previous-logs"] {
		t.Errorf("a wrong answer must stay wrong: %+v", got)
	}
	if got.Correct["sorted-events"] {
		t.Error("an answer given in the new place was overwritten")
	}
	if CarryMovedAnswers(st, c) {
		t.Error("a second carry changed something again")
	}
}
