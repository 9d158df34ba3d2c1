package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/workspace"
)

// firstExercise is the built-in course's first exercise with its folder.
func firstExercise(t *testing.T) (id, dir string) {
	t.Helper()
	var out, errb bytes.Buffer
	if run([]string{"list", "--format", "json"}, strings.NewReader(""), &out, &errb, func(string) string { return "" }, builtin(t)) != 0 {
		t.Fatal(errb.String())
	}
	var l listJSON
	if err := json.Unmarshal(out.Bytes(), &l); err != nil || len(l.Exercises) == 0 {
		t.Fatalf("no exercises: %v", err)
	}
	a := &app{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }, catalog: builtin(t)}
	c, _, err := a.course()
	if err != nil {
		t.Fatal(err)
	}
	ex, _ := c.Exercise(l.Exercises[0].ID)
	return ex.ID, filepath.Join("..", "..", "exercises", strings.TrimPrefix(ex.Dir, "exercises/"))
}

func copySolution(t *testing.T, exDir, dst string) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(exDir, "solution"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(exDir, "solution"), p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755)
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestExerciseLoop walks the learner's loop as a new user would: init, a
// failing check with the task and a positioned diagnostic, two different
// hints, the solution copied in, a passing check with full points.
func TestExerciseLoop(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	id, exDir := firstExercise(t)
	out, errOut, code := runCLI(t, nil, "init", ws)
	if code != 0 || !strings.Contains(out, "files written") {
		t.Fatalf("init: exit %d %s %s", code, out, errOut)
	}
	// init never overwrites.
	mine := filepath.Join(ws, id, workspace.TaskFile)
	os.WriteFile(mine, []byte("my notes"), 0o644)
	out, _, _ = runCLI(t, nil, "init", ws)
	if b, _ := os.ReadFile(mine); string(b) != "my notes" || !strings.Contains(out, "kept as they were") {
		t.Fatalf("init overwrote a file: %q / %s", b, out)
	}

	out, _, code = runCLI(t, nil, "check", "--dir", ws)
	if code != 1 || !strings.Contains(out, "Exercise "+id) || !strings.Contains(out, " line ") || !strings.Contains(out, "0/") {
		t.Fatalf("first check: exit %d\n%s", code, out)
	}
	h1, _, _ := runCLI(t, nil, "hint", id, "--dir", ws)
	h2, _, _ := runCLI(t, nil, "hint", id, "--dir", ws)
	if !strings.HasPrefix(h1, "Hint 1/") || !strings.HasPrefix(h2, "Hint 2/") || h1 == h2 {
		t.Fatalf("hints: %q then %q", h1, h2)
	}

	copySolution(t, exDir, filepath.Join(ws, id))
	out, _, code = runCLI(t, nil, "check", id, "--dir", ws, "--format", "json")
	var res resultJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bad JSON %v:\n%s", err, out)
	}
	if code != 0 || !res.Passed || res.Score != res.Max || res.Max == 0 {
		t.Fatalf("after the solution: exit %d, %+v", code, res)
	}
	var raw map[string]any
	json.Unmarshal([]byte(out), &raw)
	for _, k := range []string{"exercise", "score", "max", "passed", "checks", "diagnostics"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("check JSON lacks %q", k)
		}
	}
	b, _ := os.ReadFile(filepath.Join(ws, ".iactutor", "progress.json"))
	if !strings.Contains(string(b), `"passed": true`) || !strings.Contains(string(b), `"hintsUsed": 2`) {
		t.Errorf("progress not recorded:\n%s", b)
	}
	// Once passed, the solution is shown without asking and not recorded as revealed.
	out, _, code = runCLI(t, nil, "solution", id, "--dir", ws)
	if code != 0 || !strings.Contains(out, "identical to the solution") {
		t.Errorf("solution after passing: exit %d\n%s", code, out)
	}
}

func TestSolutionNeedsConfirmation(t *testing.T) {
	ws := t.TempDir()
	id, _ := firstExercise(t)
	runCLI(t, nil, "init", ws)
	_, errOut, code := runCLI(t, nil, "solution", id, "--dir", ws)
	if code != 2 || !strings.Contains(errOut, "--yes") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	out, _, code := runCLI(t, nil, "solution", id, "--dir", ws, "--yes")
	if code != 0 || !strings.Contains(out, "+++ solution/") || !strings.Contains(out, "@@ ") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	b, _ := os.ReadFile(filepath.Join(ws, ".iactutor", "progress.json"))
	if !strings.Contains(string(b), `"solutionRevealed": true`) {
		t.Errorf("reveal not recorded:\n%s", b)
	}
}

func TestResetKeepsBackup(t *testing.T) {
	ws := t.TempDir()
	id, exDir := firstExercise(t)
	runCLI(t, nil, "init", ws)
	copySolution(t, exDir, filepath.Join(ws, id))
	out, _, code := runCLI(t, nil, "reset", id, "--dir", ws)
	if code != 0 || !strings.Contains(out, "kept in") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	backups, _ := filepath.Glob(filepath.Join(ws, ".iactutor", "backups", id+"-*"))
	if len(backups) != 1 {
		t.Fatalf("backups = %v", backups)
	}
	// The backup holds the learner's (solution) files; the folder has the start again.
	out, _, code = runCLI(t, nil, "check", id, "--dir", ws)
	if code != 1 || !strings.Contains(out, "same as the start files") {
		t.Errorf("after reset: exit %d\n%s", code, out)
	}
}

func TestDamagedProgressIsMovedAside(t *testing.T) {
	ws := t.TempDir()
	id, _ := firstExercise(t)
	runCLI(t, nil, "init", ws)
	os.MkdirAll(filepath.Join(ws, ".iactutor"), 0o755)
	os.WriteFile(filepath.Join(ws, ".iactutor", "progress.json"), []byte("{not json"), 0o644)
	_, errOut, code := runCLI(t, nil, "check", id, "--dir", ws)
	if code != 1 || !strings.Contains(errOut, "damaged") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if m, _ := filepath.Glob(filepath.Join(ws, ".iactutor", "progress.json.damaged-*")); len(m) != 1 {
		t.Errorf("damaged file not kept: %v", m)
	}
}

func TestCheckWithoutInit(t *testing.T) {
	_, errOut, code := runCLI(t, nil, "check", "--dir", t.TempDir())
	if code != 2 || !strings.Contains(errOut, "iactutor init") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// syncBuffer lets the test read output while the watch loop writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestCheckWatch drives `check --watch` in both modes: writing the solution
// from outside turns the result to full points within a second.
func TestCheckWatch(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "events", true: "polling"}[poll], func(t *testing.T) {
			ws := t.TempDir()
			id, exDir := firstExercise(t)
			runCLI(t, nil, "init", ws)
			out := &syncBuffer{}
			a := &app{stdin: strings.NewReader(""), stdout: out, stderr: out, getenv: func(string) string { return "" }, catalog: builtin(t)}
			ws2 := &workspace.Workspace{Dir: ws}
			c, src, err := a.course()
			if err != nil {
				t.Fatal(err)
			}
			ws2.Course, ws2.Src = c, src
			ex, _ := c.Exercise(id)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			// The clock is only read by the loop, one report at a time.
			tick := time.Date(2026, 3, 1, 9, 59, 55, 0, time.Local)
			clock := func() time.Time { tick = tick.Add(5 * time.Second); return tick }
			go func() { done <- a.watchLoop(ctx, grader.New(), ws2, ex, "text", poll, clock) }()
			waitFor(t, out, "Watching", 2*time.Second)
			if !strings.HasPrefix(out.String(), "── checked at 10:00:00 ──\n\n") {
				t.Errorf("the first report does not start with its time:\n%s", out.String())
			}
			start := time.Now()
			copySolution(t, exDir, filepath.Join(ws, id))
			waitFor(t, out, "Passed!", time.Second)
			// Saves can arrive as more than one event; every report after
			// the first is set off by a blank line and its own time.
			if !strings.Contains(out.String(), "ctrl+c to stop.\n\n── checked at 10:00:05 ──\n\n") {
				t.Errorf("the second report is not separated by its time:\n%s", out.String())
			}
			t.Logf("re-graded %v after the write", time.Since(start))
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		})
	}
}

func waitFor(t *testing.T, out *syncBuffer, want string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if strings.Contains(out.String(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%q did not appear within %v:\n%s", want, limit, out.String())
}

func TestLintContract(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "deploy.yaml"), []byte(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: churn-api
  template:
    metadata:
      labels:
        app: churn
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/churn-api:1.4.2
`), 0o644)
	os.WriteFile(filepath.Join(dir, "main.tf"), []byte("variable \"region\" {\n  type = string\n}\n"), 0o644)
	out, _, code := runCLI(t, nil, "lint", "--format", "json", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	var got struct {
		Diagnostics []map[string]any `json:"diagnostics"`
		Summary     map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Summary["files"] != 2 || got.Summary["errors"] < 1 {
		t.Errorf("summary = %v", got.Summary)
	}
	found := false
	for _, d := range got.Diagnostics {
		for _, k := range []string{"file", "line", "column", "endLine", "endColumn", "severity", "rule", "message", "hint"} {
			if _, ok := d[k]; !ok {
				t.Errorf("diagnostic lacks %q: %v", k, d)
			}
		}
		if d["rule"] == "k8s/selector-mismatch" && d["file"] == filepath.Join(dir, "deploy.yaml") {
			found = true
		}
	}
	if !found {
		t.Errorf("no selector-mismatch diagnostic on %s:\n%s", filepath.Join(dir, "deploy.yaml"), out)
	}

	// A clean folder exits 0; a missing path exits 2.
	clean := t.TempDir()
	os.WriteFile(filepath.Join(clean, "ns.yaml"), []byte("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mlops\n"), 0o644)
	if out, _, code := runCLI(t, nil, "lint", clean); code != 0 || !strings.Contains(out, "1 file checked: 0 errors") {
		t.Errorf("clean: exit %d\n%s", code, out)
	}
	if _, _, code := runCLI(t, nil, "lint", filepath.Join(clean, "nope")); code != 2 {
		t.Errorf("missing path: exit %d, want 2", code)
	}
}

func TestExplainAndRules(t *testing.T) {
	out, _, code := runCLI(t, nil, "explain", "k8s/selector-mismatch")
	if code != 0 || !strings.Contains(out, "Why it matters") || !strings.Contains(out, "iactutor lesson ") {
		t.Errorf("explain: exit %d\n%s", code, out)
	}
	es, _, _ := runCLI(t, nil, "--lang", "es", "explain", "k8s/selector-mismatch")
	if !strings.Contains(es, "Por qué importa") || es == out {
		t.Errorf("Spanish explain:\n%s", es)
	}
	_, errOut, code := runCLI(t, nil, "explain", "k8s/selector-mismatc")
	if code != 2 || !strings.Contains(errOut, "did you mean") {
		t.Errorf("typo: exit %d %q", code, errOut)
	}
	out, _, code = runCLI(t, nil, "rules", "--format", "json")
	var rs struct {
		Rules []ruleJSON `json:"rules"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rs) != nil || len(rs.Rules) < 40 {
		t.Fatalf("rules: exit %d, %d rules", code, len(rs.Rules))
	}
	for _, r := range rs.Rules {
		if r.Why == "" || r.Fix == "" || r.Title == "" {
			t.Errorf("rule %s lacks text", r.ID)
		}
	}
}

// TestCheckFailUnder: --fail-under N decides the exit status by the score
// alone, and is refused where it cannot mean anything.
func TestCheckFailUnder(t *testing.T) {
	ws := t.TempDir()
	id, exDir := firstExercise(t)
	runCLI(t, nil, "init", ws)
	// Not passed, yet not under the threshold: the threshold decides.
	if _, errOut, code := runCLI(t, nil, "check", id, "--dir", ws); code != 1 {
		t.Fatalf("start files: exit %d, want 1: %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, nil, "check", id, "--dir", ws, "--fail-under", "0"); code != 0 {
		t.Fatalf("start files with --fail-under 0: exit %d, want 0: %s", code, errOut)
	}
	copySolution(t, exDir, filepath.Join(ws, id))
	out, errOut, code := runCLI(t, nil, "check", id, "--dir", ws, "--format", "json")
	var res resultJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || res.Score == 0 {
		t.Fatalf("solution: exit %d, score %d, %v: %s", code, res.Score, err, errOut)
	}
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--fail-under", fmt.Sprint(res.Score)}, 0, ""},
		{[]string{"--fail-under", "0"}, 0, ""},
		{[]string{"--fail-under", fmt.Sprint(res.Score + 1)}, 1, fmt.Sprintf("the score %d is under %d points", res.Score, res.Score+1)},
		{[]string{"--fail-under", "-1"}, 2, "--fail-under"},
		{[]string{"--fail-under", "1", "--watch"}, 2, "--watch"},
	}
	for _, tt := range tests {
		args := append([]string{"check", id, "--dir", ws}, tt.args...)
		_, errOut, code := runCLI(t, nil, args...)
		if code != tt.code || !strings.Contains(errOut, tt.err) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.err)
		}
	}
}

// TestRuleHintsWaitForTheFirstHint: in an exercise, a rule's hint (often
// the fix itself) is held back, with a note saying how to see it, until the
// learner asks for the first hint; lint keeps every hint.
func TestRuleHintsWaitForTheFirstHint(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	const id = "k8s-resource-units"
	if _, errOut, code := runCLI(t, nil, "init", ws); code != 0 {
		t.Fatalf("init: exit %d %s", code, errOut)
	}
	const fix = "Did you mean `512Mi`?"
	out, _, _ := runCLI(t, nil, "check", id, "--dir", ws)
	if strings.Contains(out, fix) || !strings.Contains(out, "held back until you ask: `iactutor hint "+id+"`") {
		t.Fatalf("before any hint, the fix shows or the note is missing:\n%s", out)
	}
	es, _, _ := runCLI(t, nil, "--lang", "es", "check", id, "--dir", ws)
	if !strings.Contains(es, "se reservan hasta que las pidas") {
		t.Errorf("no held-back note in Spanish:\n%s", es)
	}
	lint, _, _ := runCLI(t, nil, "lint", filepath.Join(ws, id))
	if !strings.Contains(lint, fix) {
		t.Errorf("lint lost the rule's hint:\n%s", lint)
	}
	runCLI(t, nil, "hint", id, "--dir", ws)
	out, _, _ = runCLI(t, nil, "check", id, "--dir", ws)
	if !strings.Contains(out, fix) || strings.Contains(out, "held back") {
		t.Fatalf("after the first hint, the rule's hint is still held:\n%s", out)
	}
}
