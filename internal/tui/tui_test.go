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
	c, src := testCourse(t)
	// A short relative workspace path keeps views the same on every machine.
	t.Chdir(t.TempDir())
	ws := "ws"
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	m, err := New(Options{Course: c, Source: src, Workspace: ws, Lang: "en", Printer: testPrinter(t, "en"), Renderer: r, Open: open, GlamourStyle: "notty"})
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
		return // a watcher waiting for a save
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

// TestGoldenScreens snapshots every screen at 80×24 and 120×40.
func TestGoldenScreens(t *testing.T) {
	c, _ := testCourse(t)
	ex := c.Exercises[0]
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		suffix := "_" + strings.Join([]string{itoa(w), itoa(h)}, "x")
		t.Run("home"+suffix, func(t *testing.T) {
			m, _ := newTestModel(t, "", w, h)
			v := m.View()
			checkFrame(t, v, w, h)
			golden(t, "home"+suffix, v)
		})
		t.Run("lesson"+suffix, func(t *testing.T) {
			m, _ := newTestModel(t, "iac-why", w, h)
			run(t, m, m.Init())
			v := m.View()
			checkFrame(t, v, w, h)
			golden(t, "lesson"+suffix, v)
		})
		t.Run("checkpoint"+suffix, func(t *testing.T) {
			m, _ := newTestModel(t, "iac-why", w, h)
			run(t, m, m.Init())
			press(t, m, "c")
			v := m.View()
			checkFrame(t, v, w, h)
			golden(t, "checkpoint"+suffix, v)
		})
		t.Run("glossary"+suffix, func(t *testing.T) {
			m, _ := newTestModel(t, "iac-why", w, h)
			run(t, m, m.Init())
			press(t, m, "t", "j")
			v := m.View()
			checkFrame(t, v, w, h)
			golden(t, "glossary"+suffix, v)
		})
		t.Run("exercise"+suffix, func(t *testing.T) {
			m, _ := newTestModel(t, ex.ID, w, h)
			run(t, m, m.Init())
			on[*exerciseModel](m).mode = watch.Events
			v := m.View()
			checkFrame(t, v, w, h)
			golden(t, "exercise"+suffix, v)
		})
	}
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
