package cli

import (
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iactutor/iactutor/internal/msg"
)

// englishFragments returns the pieces of English catalog text that a
// Spanish reader must never see, each with the key it comes from: every
// run of literal text between placeholders, of 12 characters or more, of a
// message whose Spanish differs and does not hold that same run (command
// lines and names are the same in both).
func englishFragments(t *testing.T) map[string]string {
	t.Helper()
	c, err := msg.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	en, err := c.Messages("en")
	if err != nil {
		t.Fatal(err)
	}
	es, err := c.Messages("es")
	if err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`\{\{[^}]*\}\}`)
	out := map[string]string{}
	for _, key := range slices.Sorted(maps.Keys(en)) {
		if en[key] == es[key] {
			continue
		}
		for _, f := range placeholder.Split(en[key], -1) {
			for _, line := range strings.Split(f, "\n") {
				line = strings.TrimSpace(line)
				if utf8.RuneCountInString(line) >= 12 && !strings.Contains(es[key], line) {
					out[line] = key
				}
			}
		}
	}
	return out
}

// TestSpanishEverywhere runs every command with --lang es and fails on any
// English catalog text in what it prints, naming the key (whose domain
// tells the package that leaked it).
func TestSpanishEverywhere(t *testing.T) {
	frags := englishFragments(t)
	ws := filepath.Join(t.TempDir(), "ws")
	id, _ := firstExercise(t)
	class := gradeClass(t)
	lintData := filepath.Join("testdata", "lint")
	var runs [][]string
	for _, c := range [][]string{
		{}, {"list"}, {"lesson"}, {"glossary"}, {"explain"}, {"rules"}, {"lint"}, {"check"},
		{"hint"}, {"solution"}, {"reset"}, {"init"}, {"grade"}, {"course"}, {"course", "check"},
		{"version"}, {"open"}, {"help"}, {"completion"}, {"completion", "bash"},
	} {
		runs = append(runs, append(c, "--help"))
	}
	runs = append(runs,
		[]string{"list"},
		[]string{"list", "--format", "json"},
		[]string{"lesson", "iac-why", "--plain"},
		[]string{"lesson", "k8s-hpa", "--plain"},
		[]string{"glossary"},
		[]string{"glossary", "secret"},
		[]string{"explain", "k8s/selector-mismatch"},
		[]string{"explain", "k8s/selector-mismatch", "--format", "json"},
		[]string{"rules"},
		[]string{"lint", lintData},
		[]string{"lint", "--format", "json", lintData},
		[]string{"init", ws},
		[]string{"init", ws},
		[]string{"check", "--dir", ws},
		[]string{"check", id, "--dir", ws, "--format", "json"},
		[]string{"hint", id, "--dir", ws},
		[]string{"hint", id, "--dir", ws},
		[]string{"hint", id, "--dir", ws},
		[]string{"hint", id, "--dir", ws},
		[]string{"solution", id, "--dir", ws},
		[]string{"solution", id, "--dir", ws, "--yes"},
		[]string{"reset", id, "--dir", ws},
		[]string{"--course", gradeCourse, "grade", class},
		[]string{"--course", gradeCourse, "grade", class, "--format", "json"},
		[]string{"--course", gradeCourse, "grade", class, "--format", "junit"},
		[]string{"--course", gradeCourse, "grade", class, "--format", "gradescope", "--out", t.TempDir()},
		[]string{"--course", gradeCourse, "grade", class, "--feedback", t.TempDir()},
		[]string{"course", "check"},
		[]string{"version"},
		// Mistakes are told in Spanish too.
		[]string{},
		[]string{"frob"},
		[]string{"lint"},
		[]string{"lint", "--bogus", "x"},
		[]string{"list", "--format", "xml"},
		[]string{"lesson", "iac-wyh"},
		[]string{"explain", "k8s/nope"},
		[]string{"check", "nope", "--dir", ws},
		[]string{"--course", gradeCourse, "grade", "--jobs", "0", class},
		[]string{"--course", gradeCourse, "grade", filepath.Join(class, "nope")},
	)
	for _, args := range runs {
		out, errOut, _ := runCLI(t, nil, append([]string{"--lang", "es"}, args...)...)
		seen := map[string]bool{}
		for _, s := range []string{out, errOut} {
			for frag, key := range frags {
				if !seen[key] && strings.Contains(s, frag) {
					seen[key] = true
					t.Errorf("iactutor --lang es %s: English text of %s: %q", strings.Join(args, " "), key, frag)
				}
			}
		}
	}
}
