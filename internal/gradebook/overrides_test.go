package gradebook

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/msg"
)

func overridesFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "overrides.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOverrides: a check given after review and an exercise's points set
// by hand change the totals, and every format says so with the note.
func TestOverrides(t *testing.T) {
	class, c, src := smallClass(t)
	gb := grade(t, class, Options{Course: c, Source: src, KeepSources: true})
	p := overridesFile(t, `
- student: carol
  exercise: demo-labels
  check: replicas
  note: Two replicas were set in the Helm values she sent by e-mail.
- student: bob
  exercise: demo-pins
  points: 1
  note: Pinned in class, shown on the projector.
`)
	ovs, err := ReadOverrides(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := ApplyOverrides(gb, ovs, p); err != nil {
		t.Fatal(err)
	}
	scores := map[string]int{}
	for _, s := range gb.Students {
		scores[s.Name] = s.Score
	}
	if scores["carol"] != 3 || scores["bob"] != 1 {
		t.Errorf("scores after overrides: %v", scores)
	}
	note := "Two replicas were set in the Helm values she sent by e-mail."
	for _, format := range []string{"table", "json", "junit", "classroom"} {
		g := gb
		if format == "classroom" {
			one := *gb
			for _, s := range gb.Students {
				if s.Name == "carol" {
					one.Students = []Student{s}
				}
			}
			g = &one
		}
		want := note
		if format == "table" {
			want = "replicas: 0 → 1 points after review: Two replicas were set" // wrapped at 80 columns
		}
		if out := render(t, g, format, WriterOptions{}); !strings.Contains(out, want) {
			t.Errorf("%s does not show the override's note:\n%s", format, out)
		}
	}
	dir := t.TempDir()
	en := printer(t, "en")
	if err := NewFeedback(dir, en).Write(gb); err != nil {
		t.Fatal(err)
	}
	if err := (gradescopeWriter{dir: filepath.Join(dir, "gs"), p: en}).Write(gb); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"carol.md", "gs/carol/results.json"} {
		if b := readFile(t, filepath.Join(dir, f)); !strings.Contains(b, "replicas: 0 → 1 points after review") {
			t.Errorf("%s does not show the override:\n%s", f, b)
		}
	}
	if b := readFile(t, filepath.Join(dir, "bob.md")); !strings.Contains(b, "demo-pins: 0 → 1 points after review: Pinned in class") {
		t.Errorf("bob.md:\n%s", b)
	}
}

func TestOverrideMistakes(t *testing.T) {
	class, c, src := smallClass(t)
	tests := []struct {
		name, text, key string
	}{
		{"unknown student", "- {student: zoe, exercise: demo-pins, points: 1, note: x}", "gradebook.overrides.no-student"},
		{"unknown exercise", "- {student: bob, exercise: demo-pin, points: 1, note: x}", "gradebook.overrides.no-exercise"},
		{"unknown check", "- {student: bob, exercise: demo-pins, check: nmae, note: x}", "gradebook.overrides.no-check"},
		{"too many points", "- {student: bob, exercise: demo-pins, points: 9, note: x}", "gradebook.overrides.points"},
		{"no note", "- {student: bob, exercise: demo-pins, points: 1}", "gradebook.overrides.no-note"},
		{"nothing to change", "- {student: bob, exercise: demo-pins, note: x}", "gradebook.overrides.what"},
		{"not a list", "student: bob", "gradebook.overrides.invalid"},
		{"a check of an unreadable exercise", "- {student: frank, exercise: demo-pins, check: name, note: x}", "gradebook.overrides.not-graded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gb := grade(t, class, Options{Course: c, Source: src})
			p := overridesFile(t, tc.text)
			ovs, err := ReadOverrides(p)
			if err == nil {
				err = ApplyOverrides(gb, ovs, p)
			}
			var me *msg.Error
			if !errors.As(err, &me) || me.Text.Key != tc.key {
				t.Errorf("err = %v, want %s", err, tc.key)
			}
		})
	}
}
