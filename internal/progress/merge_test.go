package progress

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestBestResult applies sequences of changes and checks the best-result
// rules: passes, right answers and counters are never taken back, except by
// ResetExercise and Retake.
func TestBestResult(t *testing.T) {
	for _, tc := range []struct {
		name    string
		changes []Change
		ex      Exercise
		correct map[string]bool
		tries   map[string]int
	}{
		{"a failing check after a pass", []Change{
			func(s *State) { s.Check("e", 3, 3, true) },
			func(s *State) { s.Check("e", 1, 3, false) },
		}, Exercise{Passed: true, Attempts: 2, BestScore: 3, LastScore: 1, Max: 3}, nil, nil},
		{"a pass seen on opening counts no attempt", []Change{
			func(s *State) { s.Pass("e", 3, 3) },
		}, Exercise{Passed: true, BestScore: 3, Max: 3}, nil, nil},
		{"hints stop at the last one", []Change{
			func(s *State) { s.UseHint("e", 2) },
			func(s *State) { s.UseHint("e", 2) },
			func(s *State) { s.UseHint("e", 2) },
		}, Exercise{HintsUsed: 2}, nil, nil},
		{"a solution revealed stays revealed", []Change{
			func(s *State) { s.RevealSolution("e") },
			func(s *State) { s.Check("e", 3, 3, true) },
			func(s *State) { s.RevealSolution("e") },
		}, Exercise{Passed: true, Attempts: 1, BestScore: 3, LastScore: 3, Max: 3, SolutionRevealed: true}, nil, nil},
		{"no reveal recorded after a pass", []Change{
			func(s *State) { s.Check("e", 3, 3, true) },
			func(s *State) { s.RevealSolution("e") },
		}, Exercise{Passed: true, Attempts: 1, BestScore: 3, LastScore: 3, Max: 3}, nil, nil},
		{"reset clears the result, not the counters", []Change{
			func(s *State) { s.Check("e", 3, 3, true) },
			func(s *State) { s.UseHint("e", 2) },
			func(s *State) { s.ResetExercise("e") },
		}, Exercise{Attempts: 1, Max: 3, HintsUsed: 1}, nil, nil},
		{"a wrong answer after a right one", []Change{
			func(s *State) { s.Answer("l", "q1", true) },
			func(s *State) { s.Answer("l", "q1", false) },
			func(s *State) { s.Answer("l", "q2", false) },
		}, Exercise{}, map[string]bool{"q1": true}, map[string]int{"q1": 2, "q2": 1}},
		{"a retake clears the answers, not the count", []Change{
			func(s *State) { s.Answer("l", "q1", true) },
			func(s *State) { s.Retake("l") },
			func(s *State) { s.Answer("l", "q1", false) },
		}, Exercise{}, map[string]bool{}, map[string]int{"q1": 2}},
		{"merging an older copy takes nothing back", []Change{
			func(s *State) { s.Check("e", 3, 3, true) },
			func(s *State) { s.Answer("l", "q1", true) },
			func(s *State) {
				old := New()
				old.Check("e", 1, 3, false)
				old.UseHint("e", 2)
				old.Answer("l", "q1", false)
				old.Answer("l", "q1", false)
				s.Merge(old)
			},
		}, Exercise{Passed: true, Attempts: 1, BestScore: 3, LastScore: 3, Max: 3, HintsUsed: 1}, map[string]bool{"q1": true}, map[string]int{"q1": 2}},
		{"merging a newer copy takes its counts and last score", []Change{
			func(s *State) { s.Check("e", 3, 3, true) },
			func(s *State) {
				newer := New()
				newer.Check("e", 3, 3, true)
				newer.Check("e", 2, 3, false)
				newer.RevealSolution("x")
				s.Merge(newer)
			},
		}, Exercise{Passed: true, Attempts: 2, BestScore: 3, LastScore: 2, Max: 3}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := New()
			for _, c := range tc.changes {
				c(s)
			}
			if got := *s.Exercise("e"); got != tc.ex {
				t.Errorf("exercise = %+v, want %+v", got, tc.ex)
			}
			cp := s.Checkpoint("l")
			for q, want := range tc.correct {
				if cp.Correct[q] != want {
					t.Errorf("correct[%s] = %v", q, cp.Correct[q])
				}
			}
			if tc.correct != nil && cp.Score() != len(tc.correct) {
				t.Errorf("score %d, want %d", cp.Score(), len(tc.correct))
			}
			for q, want := range tc.tries {
				if cp.Attempts[q] != want {
					t.Errorf("attempts[%s] = %d, want %d", q, cp.Attempts[q], want)
				}
			}
		})
	}
}

// TestApplyConcurrent runs many writers through separate stores (each with
// its own lock file handle, as separate processes have) and loses nothing.
func TestApplyConcurrent(t *testing.T) {
	dir := t.TempDir()
	const writers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := NewStore(dir)
			id := string(rune('a' + w))
			for range each {
				if _, _, err := st.Apply(func(s *State) {
					s.Check(id, 0, 1, false)
					s.Answer("l", id, false)
				}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s, _, err := NewStore(dir).Load()
	if err != nil {
		t.Fatal(err)
	}
	for w := range writers {
		id := string(rune('a' + w))
		if got := s.Exercise(id).Attempts; got != each {
			t.Errorf("%s: %d attempts recorded, want %d", id, got, each)
		}
		if got := s.Checkpoint("l").Attempts[id]; got != each {
			t.Errorf("%s: %d answers recorded, want %d", id, got, each)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".iactutor", ".progress-*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestDamagedFilesNeverOverwritten sets two damaged files aside in the
// same second: both are kept.
func TestDamagedFilesNeverOverwritten(t *testing.T) {
	st := store(t)
	os.MkdirAll(filepath.Dir(st.Path), 0o755)
	for _, content := range []string{"first", "second"} {
		os.WriteFile(st.Path, []byte(content), 0o644)
		if _, notice, err := st.Load(); err != nil || notice.IsZero() {
			t.Fatalf("load: %v %v", notice, err)
		}
	}
	a, _ := os.ReadFile(st.Path + ".damaged-20260102T030405Z")
	b, _ := os.ReadFile(st.Path + ".damaged-20260102T030405Z-2")
	if string(a) != "first" || string(b) != "second" {
		t.Errorf("aside files hold %q and %q", a, b)
	}
}
