package cli

import (
	"bytes"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/msg/msgtest"
	"github.com/iactutor/iactutor/internal/tui"
)

// pseudoCatalog is the built-in catalog plus the accented pseudo-language,
// added as one more file: no Go code knows about it.
func pseudoCatalog(t *testing.T) *msg.Catalog {
	t.Helper()
	fsys, err := msgtest.WithPseudo()
	if err != nil {
		t.Fatal(err)
	}
	c, err := msg.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// englishLines are the runs of English catalog text (between placeholders,
// 12 characters or more) that a pseudo-language reader must never see.
func englishLines(t *testing.T, c *msg.Catalog) []string {
	t.Helper()
	en, err := c.Messages(msg.Default)
	if err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`\{\{[^}]*\}\}|` + "`[^`]*`")
	var out []string
	for _, k := range slices.Sorted(maps.Keys(en)) {
		for _, f := range placeholder.Split(en[k], -1) {
			for _, line := range strings.Split(f, "\n") {
				line = strings.TrimSpace(line)
				// Only runs with a letter the accents change can betray
				// English; "kubectl get pods" cannot.
				if utf8.RuneCountInString(line) >= 12 && strings.ContainsAny(line, "aeiounAEIOUN") {
					out = append(out, line)
				}
			}
		}
	}
	return out
}

func runWith(t *testing.T, c *msg.Catalog, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb, func(string) string { return "" }, c)
	return out.String(), errb.String(), code
}

// TestPseudoLanguage proves a language is data: with one more catalog file,
// a lint, a check, the gradebook table and an interface screen speak it,
// and no English sentence of the catalog is left in what they print.
func TestPseudoLanguage(t *testing.T) {
	c := pseudoCatalog(t)
	lang := msgtest.PseudoLang
	english := englishLines(t, c)
	ws := filepath.Join(t.TempDir(), "ws")
	id, _ := firstExercise(t)
	class := gradeClass(t)

	screen := func() string {
		p, err := c.Printer(lang)
		if err != nil {
			t.Fatal(err)
		}
		a := &app{getenv: func(string) string { return "" }, catalog: c}
		co, src, err := a.course()
		if err != nil {
			t.Fatal(err)
		}
		r := lipgloss.NewRenderer(&bytes.Buffer{})
		r.SetColorProfile(termenv.Ascii)
		m, err := tui.New(tui.Options{Course: co, Source: src, Workspace: ws, Printer: p, MarkdownTheme: "notty", Renderer: r})
		if err != nil {
			t.Fatal(err)
		}
		return m.View()
	}

	for _, tc := range []struct {
		name string
		out  func() string
	}{
		{"lint", func() string {
			out, errOut, code := runWith(t, c, "--lang", lang, "lint", filepath.Join("testdata", "lint"))
			if code != ExitFailed {
				t.Errorf("lint exit %d: %s", code, errOut)
			}
			return out + errOut
		}},
		{"check", func() string {
			if _, errOut, code := runWith(t, c, "--lang", lang, "init", ws); code != ExitOK {
				t.Fatalf("init: %s", errOut)
			}
			out, errOut, code := runWith(t, c, "--lang", lang, "--workspace", ws, "check", id)
			if code != ExitFailed {
				t.Errorf("check exit %d: %s", code, errOut)
			}
			return out + errOut
		}},
		{"gradebook table", func() string {
			out, errOut, code := runWith(t, c, "--lang", lang, "--course", gradeCourse, "grade", class)
			if code != ExitOK {
				t.Errorf("grade exit %d: %s", code, errOut)
			}
			return out + errOut
		}},
		{"interface", screen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := tc.out()
			if !strings.Contains(out, "⟦") {
				t.Fatalf("nothing in the pseudo-language:\n%s", out)
			}
			for _, e := range english {
				if strings.Contains(out, e) {
					t.Errorf("English catalog text %q in the output:\n%s", e, out)
					break
				}
			}
		})
	}
}
