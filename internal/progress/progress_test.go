package progress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/msg/msgtest"
)

// printer renders notices in lang with the built-in catalog.
func printer(t testing.TB, lang string) *msg.Printer { return msgtest.Printer(t, lang) }

func store(t *testing.T) *Store {
	st := NewStore(t.TempDir())
	st.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	return st
}

func TestRoundTrip(t *testing.T) {
	st := store(t)
	s, notice, err := st.Load()
	if err != nil || !notice.IsZero() || len(s.Exercises) != 0 {
		t.Fatalf("fresh load: %v %q %v", s, notice, err)
	}
	if _, _, err := st.Apply(func(s *State) {
		s.Check("a", 1, 2, false)
		s.Check("a", 2, 2, true)
		s.Check("a", 0, 2, false)
		s.Answer("iac-why", "q1", true)
	}); err != nil {
		t.Fatal(err)
	}
	back, _, err := st.Load()
	if err != nil || !back.Exercises["a"].Passed || back.Exercises["a"].Attempts != 3 || back.Checkpoint("iac-why").Score() != 1 {
		t.Fatalf("reloaded %+v, %v", back, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(st.Path))
	if len(entries) != 2 { // the file and its lock
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestDamagedFileMovedAside(t *testing.T) {
	for name, content := range map[string]string{
		"truncated": `{"version":1,"exercises":{"a":{"passed":tr`,
		"binary":    "\x00\x01\x02",
		"empty":     "",
		"wrong":     `{"exercises": []}`,
		"nothing":   `{"version": 0, "exercises": null, "checkpoints": null}`,
	} {
		t.Run(name, func(t *testing.T) {
			st := store(t)
			os.MkdirAll(filepath.Dir(st.Path), 0o755)
			os.WriteFile(st.Path, []byte(content), 0o644)
			s, notice, err := st.Load()
			if err != nil {
				t.Fatalf("a damaged file must not be an error: %v", err)
			}
			aside := st.Path + ".damaged-20260102T030405Z"
			if s == nil || len(s.Exercises) != 0 || notice.IsZero() {
				t.Fatalf("state %+v notice %+v", s, notice)
			}
			why := "it is empty"
			if name != "nothing" {
				why = "" // the JSON decoder's own words
			}
			en := printer(t, "en").Text(notice)
			if !strings.HasPrefix(en, "The progress file was damaged ("+why) ||
				!strings.HasSuffix(en, "). It was moved to "+aside+" and a fresh one started; your exercise files are untouched.") {
				t.Errorf("English notice: %q", en)
			}
			if es := printer(t, "es").Text(notice); !strings.Contains(es, "dañado") || !strings.Contains(es, aside) {
				t.Errorf("Spanish notice: %q", es)
			}
			b, err := os.ReadFile(aside)
			if err != nil || string(b) != content {
				t.Errorf("the damaged file must be kept as %s: %v", aside, err)
			}
		})
	}
}

func TestNewerFormatRefused(t *testing.T) {
	st := store(t)
	os.MkdirAll(filepath.Dir(st.Path), 0o755)
	os.WriteFile(st.Path, []byte(`{"version": 9, "exercises": {}}`), 0o644)
	if _, _, err := st.Load(); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if b, _ := os.ReadFile(st.Path); !strings.Contains(string(b), `"version": 9`) {
		t.Error("a newer file must be left untouched")
	}
}

func TestApply(t *testing.T) {
	st := store(t)
	for i := 0; i < 3; i++ {
		if _, _, err := st.Apply(func(s *State) { s.Check("x", 0, 1, false) }); err != nil {
			t.Fatal(err)
		}
	}
	s, _, _ := st.Load()
	if s.Exercises["x"].Attempts != 3 {
		t.Errorf("attempts = %d", s.Exercises["x"].Attempts)
	}
}

// FuzzLoad writes arbitrary bytes as the progress file: loading never
// fails for damage (only I/O and newer formats are errors), never panics,
// and a damaged file is always kept aside.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"version":1,"exercises":{"a":{"passed":true}},"checkpoints":{}}`))
	f.Add([]byte(`{"version":1,"exercises":{"a":null}}`))
	f.Add([]byte("\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		st := store(t)
		os.MkdirAll(filepath.Dir(st.Path), 0o755)
		os.WriteFile(st.Path, data, 0o644)
		s, notice, err := st.Load()
		if err != nil {
			if !strings.Contains(err.Error(), "newer") {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		if !notice.IsZero() {
			if _, err := os.Stat(st.Path + ".damaged-20260102T030405Z"); err != nil {
				t.Fatalf("damaged file not kept: %v", err)
			}
		}
		// Whatever loaded can be used and saved.
		_ = s.ExercisePassed("a")
		s.Merge(s.Clone())
		if _, _, err := st.Apply(func(s *State) {
			s.Check("x", 0, 1, false)
			s.Answer("l", "q", true)
			s.UseHint("a", 2)
			s.Retake("l")
			s.ResetExercise("a")
		}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestLastOpened: the place the learner opened last is saved through Apply
// (the latest opening wins, results stay), a file written before the field
// existed still loads with no place, and Merge and Clone carry it.
func TestLastOpened(t *testing.T) {
	st := store(t)
	os.MkdirAll(filepath.Dir(st.Path), 0o755)
	old := `{"version":1,"exercises":{"a":{"passed":true,"attempts":1}},"checkpoints":{}}`
	os.WriteFile(st.Path, []byte(old), 0o644)
	s, notice, err := st.Load()
	if err != nil || !notice.IsZero() || s.Last != "" || !s.ExercisePassed("a") {
		t.Fatalf("a file without last: %+v %q %v", s, notice, err)
	}
	for _, id := range []string{"iac-why", "k8s-pods", ""} {
		if _, _, err := st.Apply(func(s *State) { s.Open(id) }); err != nil {
			t.Fatal(err)
		}
	}
	back, _, err := st.Load()
	if err != nil || back.Last != "k8s-pods" || !back.ExercisePassed("a") {
		t.Fatalf("after opening: last %q, %+v, %v", back.Last, back.Exercises, err)
	}
	b, _ := os.ReadFile(st.Path)
	if !strings.Contains(string(b), `"last": "k8s-pods"`) {
		t.Errorf("the file does not hold the place:\n%s", b)
	}
	if c := back.Clone(); c.Last != "k8s-pods" {
		t.Errorf("Clone lost the place: %q", c.Last)
	}
	tests := []struct{ disk, mem, want string }{
		{"", "k8s-pods", "k8s-pods"},
		{"iac-why", "k8s-pods", "iac-why"},
		{"iac-why", "", "iac-why"},
	}
	for _, tt := range tests {
		s := New()
		s.Last = tt.disk
		m := New()
		m.Last = tt.mem
		if s.Merge(m); s.Last != tt.want {
			t.Errorf("Merge(disk %q, memory %q) = %q, want %q", tt.disk, tt.mem, s.Last, tt.want)
		}
	}
}
