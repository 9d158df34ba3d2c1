package tui

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/msg/msgtest"
	"github.com/iactutor/iactutor/internal/watch"
	"github.com/iactutor/iactutor/lessons"
)

// updating reports the -update flag, which teatest's golden package already
// registers for this test binary.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// goldenDir is absolute because tests change into a temporary folder.
var goldenDir = func() string {
	d, err := filepath.Abs("testdata")
	if err != nil {
		panic(err)
	}
	return d
}()

func testCourse(t testing.TB) (*course.Course, course.Source) {
	t.Helper()
	src := course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}}
	c, ds := course.Load(src)
	if ds.HasErrors() {
		t.Fatalf("course: %v", ds)
	}
	return c, src
}

// newTestModel builds the interface with an ASCII renderer, English, a
// fresh workspace and no hyperlinks, so views are stable.
func newTestModel(t testing.TB, open string, w, h int) (*Model, string) {
	t.Helper()
	return newTestModelIn(t, open, w, h, "en", false)
}

// newTestModelIn is newTestModel in a language, with or without colour
// (true colour on a dark background, fixed so views are stable).
func newTestModelIn(t testing.TB, open string, w, h int, lang string, color bool) (*Model, string) {
	t.Helper()
	c, src := testCourse(t)
	// A short relative workspace path keeps views the same on every machine.
	t.Chdir(t.TempDir())
	ws := "ws"
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	style := "notty"
	if color {
		r.SetColorProfile(termenv.TrueColor)
		r.SetHasDarkBackground(true)
		style = "dark"
	}
	m, err := New(Options{Course: c, Source: src, Workspace: ws, Lang: lang, Printer: testPrinter(t, lang), Renderer: r, Open: open, MarkdownTheme: style, Color: color, BackgroundKnown: color})
	if err != nil {
		t.Fatal(err)
	}
	m.notice = ""
	// Tests that need what other processes write send pollMsg themselves.
	m.c.pollEvery = 0
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, ws
}

// exec runs a command and feeds its messages back, as the Bubble Tea loop
// would; commands that wait for file changes are left alone after limit.
func run(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(300 * time.Millisecond):
		// A watcher waiting for a save, or slow work. Before the test's
		// folder goes (cleanups run last registered first, so before
		// t.Chdir's), stop the screen's watcher and let the command end,
		// so nothing it writes lands in the package folder.
		t.Cleanup(func() {
			if s, ok := m.active.(stopper); ok {
				s.stop()
			}
			select {
			case <-done:
			case <-time.After(5 * time.Second):
			}
		})
		return
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			run(t, m, c)
		}
	default:
		_, next := m.Update(msg)
		run(t, m, next)
	}
}

func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "space":
			msg = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}
		case "down":
			msg = tea.KeyMsg{Type: tea.KeyDown}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		_, cmd := m.Update(msg)
		run(t, m, cmd)
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join(goldenDir, name+".golden")
	if updating() {
		os.MkdirAll(goldenDir, 0o755)
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/tui -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

func checkFrame(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("line %d is %d cells wide, over %d: %q", i+1, lipgloss.Width(l), w, l)
		}
	}
}

// TestGoldenScreens snapshots every screen at 80×24, 120×40 and 40×12, in
// English and Spanish, and in colour at 80×24; every frame fits the
// terminal, and the facts each screen is for are there whole.
func TestGoldenScreens(t *testing.T) {
	c, _ := testCourse(t)
	ex := c.Exercises[0]
	type variant struct {
		lang  string
		color bool
		w, h  int
	}
	var variants []variant
	for _, lang := range []string{"en", "es"} {
		for _, size := range [][2]int{{80, 24}, {120, 40}, {40, 12}} {
			variants = append(variants, variant{lang, false, size[0], size[1]})
		}
	}
	variants = append(variants, variant{"en", true, 80, 24}, variant{"es", true, 40, 12})
	screens := []struct {
		name, open string
		keys       []string
		// facts are catalog keys whose words must appear on one line.
		facts []string
	}{
		{"home", "", nil, []string{"tui.home.lessons"}},
		{"lesson", "iac-why", nil, nil},
		{"checkpoint", "iac-why", []string{"c"}, []string{"tui.checkpoint.choose-all"}},
		{"checkpoint-answered", "iac-why", []string{"c", "space", "enter"}, []string{"tui.checkpoint.wrong"}},
		{"glossary", "iac-why", []string{"t", "j"}, []string{"tui.glossary.title"}},
		{"exercise", ex.ID, nil, []string{"tui.exercise.task"}},
	}
	for _, v := range variants {
		suffix := "_" + itoa(v.w) + "x" + itoa(v.h)
		if v.lang != "en" {
			suffix = "_" + v.lang + suffix
		}
		if v.color {
			suffix = "_color" + suffix
		}
		for _, sc := range screens {
			t.Run(sc.name+suffix, func(t *testing.T) {
				m, _ := newTestModelIn(t, sc.open, v.w, v.h, v.lang, v.color)
				run(t, m, m.Init())
				press(t, m, sc.keys...)
				if e := on[*exerciseModel](m); e != nil {
					e.mode = watch.Events
				}
				view := m.View()
				checkFrame(t, view, v.w, v.h)
				plain := ansi.Strip(view)
				p := testPrinter(t, v.lang)
				for _, k := range append(sc.facts, "tui.key.help") {
					if want := p.S(k, nil); !lineHas(plain, want) {
						t.Errorf("%q is not whole on any line:\n%s", want, plain)
					}
				}
				golden(t, sc.name+suffix, view)
			})
		}
	}
}

// lineHas reports whether text appears on one line of the view, or, when
// it is longer than a line, whether its words appear in order.
func lineHas(view, text string) bool {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, text) {
			return true
		}
	}
	flat := strings.Join(strings.Fields(view), " ")
	return strings.Contains(flat, strings.Join(strings.Fields(text), " "))
}

// testPrinter puts the interface's words into lang from the built-in catalog.
func testPrinter(t testing.TB, lang string) *msg.Printer { return msgtest.Printer(t, lang) }

// on is the active screen as a T, or nil when another screen is on.
func on[T screen](m *Model) T {
	s, _ := m.active.(T)
	return s
}

func itoa(n int) string { return fmt.Sprintf("%03d", n) }

func itoaPlain(n int) string { return fmt.Sprint(n) }

func fsRead(src course.Source, p string) ([]byte, error) { return fs.ReadFile(src.FS, p) }
