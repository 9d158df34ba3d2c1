package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/progress"
)

// TestProgressRules walks the commands that change progress and checks
// what each recorded and said: a check of the untouched start files is no
// attempt, a failing check never undoes a pass, and reset clears the result
// saying so, keeping the counters.
func TestProgressRules(t *testing.T) {
	ws := t.TempDir()
	id, exDir := firstExercise(t)
	runCLI(t, nil, "init", ws)
	load := func() progress.Exercise {
		t.Helper()
		st, _, err := progress.NewStore(ws).Load()
		if err != nil {
			t.Fatal(err)
		}
		return *st.Exercise(id)
	}
	for _, step := range []struct {
		name  string
		args  []string
		setup func()
		code  int
		says  string
		want  progress.Exercise
	}{
		{"untouched start files", []string{"check", id, "--dir", ws}, nil, 1,
			"not counted as an attempt", progress.Exercise{}},
		{"a hint", []string{"hint", id, "--dir", ws}, nil, 0,
			"Hint 1/", progress.Exercise{HintsUsed: 1}},
		{"the solution passes", []string{"check", id, "--dir", ws}, func() { copySolution(t, exDir, filepath.Join(ws, id)) }, 0,
			"Passed", progress.Exercise{Passed: true, Attempts: 1, HintsUsed: 1}},
		{"reset clears the result and says so", []string{"reset", id, "--dir", ws}, nil, 0,
			"was cleared", progress.Exercise{Attempts: 1, HintsUsed: 1}},
		{"after reset the start files are no attempt", []string{"check", id, "--dir", ws}, nil, 1,
			"not counted", progress.Exercise{Attempts: 1, HintsUsed: 1}},
		{"a reset with nothing to clear says nothing of it", []string{"reset", id, "--dir", ws}, nil, 0,
			"", progress.Exercise{Attempts: 1, HintsUsed: 1}},
	} {
		if step.setup != nil {
			step.setup()
		}
		out, errOut, code := runCLI(t, nil, step.args...)
		if code != step.code || !strings.Contains(out, step.says) {
			t.Fatalf("%s: exit %d, want %d; output lacks %q:\n%s%s", step.name, code, step.code, step.says, out, errOut)
		}
		if step.says == "" && strings.Contains(out, "was cleared") {
			t.Errorf("%s: nothing was cleared, yet:\n%s", step.name, out)
		}
		got := load()
		// Scores are the grader's business; the rules are about the rest.
		got.BestScore, got.LastScore, got.Max = 0, 0, 0
		if got != step.want {
			t.Errorf("%s: recorded %+v, want %+v", step.name, got, step.want)
		}
	}
}
