package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

func testWorkspace(t *testing.T) (*Workspace, *course.Exercise) {
	t.Helper()
	m := fstest.MapFS{
		"exercises/kubernetes/01-x/exercise.yaml":       {Data: []byte("id: x\nlesson: l\ntitle: X\nkind: fix\ndifficulty: 1\ntopics: [a]\nfiles: [a.yaml, k8s/b.yaml]\nhints: [a, b]\nchecks:\n  - {id: v, points: 1, message: ok, validators: {}}\n")},
		"exercises/kubernetes/01-x/task.md":             {Data: []byte("Do it.")},
		"exercises/kubernetes/01-x/task.es.md":          {Data: []byte("Hazlo.")},
		"exercises/kubernetes/01-x/start/a.yaml":        {Data: []byte("start a\n")},
		"exercises/kubernetes/01-x/start/k8s/b.yaml":    {Data: []byte("start b\n")},
		"exercises/kubernetes/01-x/solution/a.yaml":     {Data: []byte("sol a\n")},
		"exercises/kubernetes/01-x/solution/k8s/b.yaml": {Data: []byte("sol b\n")},
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
