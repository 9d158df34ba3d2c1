package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/progress"
	"github.com/iactutor/iactutor/internal/workspace"
)

// typeAtOnce sends keys as one read, as a fast typist or a script does.
func typeAtOnce(t *testing.T, m *Model, keys string) {
	t.Helper()
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(keys)})
	run(t, m, cmd)
}

func TestKeysInOneReadAreEachHandled(t *testing.T) {
	m, _ := newTestModel(t, "", 80, 24)
	typeAtOnce(t, m, "jjj")
	if got := m.home.cursor; got != 3 {
		t.Errorf("after jjj in one read the cursor is on row %d, want 3", got)
	}
	typeAtOnce(t, m, "k/terra")
	if !m.home.filter.active || m.home.filter.input.Value() != "terra" {
		t.Errorf("keys after / are the filter's text: active %v, text %q", m.home.filter.active, m.home.filter.input.Value())
	}
	if m.home.cursor != 0 {
		t.Errorf("the cursor is on row %d after filtering, want the first", m.home.cursor)
	}
}

func TestResizeKeepsTheReadingPlace(t *testing.T) {
	m, _ := newTestModel(t, "iac-why", 80, 24)
	run(t, m, m.Init())
	l := on[*lessonModel](m)
	for range 40 {
		press(t, m, "j")
	}
	before := float64(l.vp.YOffset) / float64(l.vp.TotalLineCount())
	for _, size := range [][2]int{{120, 40}, {40, 12}, {100, 15}} {
		_, cmd := m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		run(t, m, cmd)
		after := float64(l.vp.YOffset) / float64(l.vp.TotalLineCount())
		if after < before-0.05 || after > before+0.05 {
			t.Errorf("at %dx%d the lesson is at %.2f of its length, was %.2f", size[0], size[1], after, before)
		}
		checkFrame(t, m.View(), size[0], size[1])
	}
}

// TestSmallTerminalsShowLessons: an editor's terminal panel still lists
// lessons, and below a usable size the screen says so.
func TestSmallTerminalsShowLessons(t *testing.T) {
	for _, size := range [][2]int{{40, 12}, {100, 15}, {30, 8}} {
		m, _ := newTestModel(t, "", size[0], size[1])
		v := m.View()
		checkFrame(t, v, size[0], size[1])
		rows := 0
		for _, l := range strings.Split(v, "\n") {
			if strings.HasPrefix(strings.TrimLeft(l, "> "), "1.") || strings.HasPrefix(strings.TrimLeft(l, "> "), "2.") || strings.Contains(l, "·") && strings.Contains(l, "[") {
				rows++
			}
		}
		if rows < 2 {
			t.Errorf("at %dx%d the map shows %d lesson rows:\n%s", size[0], size[1], rows, v)
		}
	}
	m, _ := newTestModel(t, "", 20, 6)
	v := m.View()
	checkFrame(t, v, 20, 6)
	if !strings.Contains(strings.Join(strings.Fields(v), " "), "needs at least 30×8") {
		t.Errorf("no minimum-size message:\n%s", v)
	}
}

// TestQIsBackEverywhereButTheMap: q goes one level up on every screen,
// quits on the map, and is text while a command is typed.
func TestQIsBackEverywhereButTheMap(t *testing.T) {
	c, _ := testCourse(t)
	m, _ := newTestModel(t, "iac-why", 80, 24)
	run(t, m, m.Init())
	press(t, m, "t", "q")
	if on[*lessonModel](m) == nil {
		t.Fatalf("q on the glossary: screen %T, want the lesson", m.active)
	}
	press(t, m, "c", "q")
	if on[*lessonModel](m) == nil {
		t.Fatalf("q on the checkpoint: screen %T, want the lesson", m.active)
	}
	press(t, m, "q")
	if m.active != m.home {
		t.Fatalf("q on the lesson: screen %T, want the map", m.active)
	}
	ex := c.ExercisesOf(c.Lessons[1].ID)[0]
	m2, _ := newTestModel(t, ex.ID, 80, 24)
	run(t, m2, m2.Init())
	press(t, m2, "q")
	if on[*exerciseModel](m2) != nil {
		t.Fatal("q on an exercise did nothing")
	}
	_, cmd := m2.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if cmd == nil {
		t.Fatal("q on the map does not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q on the map does not quit")
	}

	// A command question: q is a letter of the answer.
	var lesson *course.Lesson
	for _, l := range c.Lessons {
		if l.Checkpoint != nil && l.Checkpoint.Questions[0].Kind == course.Command {
			lesson = l
		}
	}
	if lesson == nil {
		t.Skip("no checkpoint starts with a command question")
	}
	m3, _ := newTestModel(t, lesson.ID, 80, 24)
	run(t, m3, m3.Init())
	press(t, m3, "c", "q")
	cp := on[*checkpointModel](m3)
	if cp == nil || cp.input.Value() != "q" {
		t.Fatalf("q while typing a command: screen %T", m3.active)
	}
}

func TestExerciseTaskFirstAndResultAfterRegrade(t *testing.T) {
	c, src := testCourse(t)
	ex := c.Exercises[0]
	m, ws := newTestModel(t, ex.ID, 80, 24)
	run(t, m, m.Init())
	e := on[*exerciseModel](m)
	if e.vp.YOffset != 0 || !strings.Contains(e.vp.View(), "Task") {
		t.Fatalf("the exercise does not open on its task:\n%s", m.View())
	}
	if !e.vp.AtTop() || e.resultLine < 3 {
		t.Fatalf("the result comes before the task (line %d)", e.resultLine)
	}
	press(t, m, "n")
	if on[*exerciseModel](m) != e {
		t.Fatal("n moved on before the exercise passed")
	}
	writeSolution(t, src, ws, ex)
	press(t, m, "c")
	if !e.result.Passed {
		t.Fatalf("the solution did not pass:\n%s", m.View())
	}
	if e.vp.YOffset != min(e.resultLine, e.vp.TotalLineCount()-e.vp.Height) {
		t.Errorf("after the re-grade the view is at line %d, the result at %d", e.vp.YOffset, e.resultLine)
	}
	if !strings.Contains(m.View(), "n next exercise") {
		t.Errorf("no next-exercise key after passing:\n%s", m.View())
	}
	press(t, m, "n")
	if next := on[*exerciseModel](m); next == nil || next.ex.ID != c.Exercises[1].ID {
		t.Fatalf("n opened %T, want the next exercise", m.active)
	}
}

// TestSyntaxErrorComesFirst: a file that does not parse is the first
// problem shown, before the checks it keeps from being evaluated.
func TestSyntaxErrorComesFirst(t *testing.T) {
	c, _ := testCourse(t)
	ex := c.Exercises[0]
	m, ws := newTestModel(t, ex.ID, 80, 24)
	run(t, m, m.Init())
	p := filepath.Join(ws, ex.ID, filepath.FromSlash(ex.Files[0]))
	if err := os.WriteFile(p, []byte("terraform {\n  required_providers {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	press(t, m, "c")
	ds := on[*exerciseModel](m).result.Diagnostics
	if len(ds) == 0 || ds[0].Check != "" {
		t.Fatalf("the first problem is %+v, want the syntax error", ds)
	}
}

func TestEditorProblemsAreSentences(t *testing.T) {
	c, _ := testCourse(t)
	ex := c.Exercises[0]
	m, _ := newTestModel(t, ex.ID, 80, 24)
	run(t, m, m.Init())
	m.c.editor = "no-such-editor-here --wait"
	press(t, m, "e")
	flat := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(flat, "The editor no-such-editor-here (from $VISUAL or $EDITOR) was not found.") {
		t.Errorf("no clear message for a missing editor:\n%s", m.View())
	}
	if strings.Contains(flat, "executable file not found") {
		t.Errorf("a raw Go error reached the learner:\n%s", m.View())
	}
}

func TestCheckpointFeedbackScrolls(t *testing.T) {
	m, _ := newTestModel(t, "iac-why", 40, 12)
	run(t, m, m.Init())
	press(t, m, "c", "space", "enter")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Not quite.") {
		t.Fatalf("the verdict is not on screen after answering:\n%s", v)
	}
	for range 3 {
		press(t, m, "b")
	}
	var seen strings.Builder
	for range 10 {
		seen.WriteString(ansi.Strip(m.View()) + "\n")
		press(t, m, "j")
	}
	if v := strings.Join(strings.Fields(seen.String()), " "); !strings.Contains(v, "(right answer, your choice)") {
		t.Errorf("scrolling back does not show the choices marked:\n%s", seen.String())
	}
	for range 3 {
		press(t, m, "f")
	}
	if v := m.View(); !strings.Contains(v, "enter: next question") {
		t.Errorf("scrolling down does not reach the end:\n%s", v)
	}
}

// TestGlossarySearchLikeTheCommandLine: "config map" finds ConfigMap as
// `iactutor glossary config map` does, and the list is alphabetical.
func TestGlossarySearchLikeTheCommandLine(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		m, _ := newTestModelIn(t, "", 80, 24, lang, false)
		press(t, m, "t")
		g := on[*glossaryModel](m)
		col := collate.New(language.Make(lang), collate.IgnoreCase)
		if !slices.IsSortedFunc(g.terms, func(a, b course.Term) int { return col.CompareString(a.Term.In(lang), b.Term.In(lang)) }) {
			t.Errorf("%s: the glossary is not in alphabetical order", lang)
		}
		press(t, m, "/")
		typeAtOnce(t, m, "config map")
		press(t, m, "enter")
		if !slices.ContainsFunc(g.terms, func(t course.Term) bool { return t.ID == "configmap" }) {
			t.Errorf("%s: \"config map\" does not find ConfigMap: %d terms", lang, len(g.terms))
		}
	}
}

// TestLessonsRenderCleanly: without colour no ** or * markers are left,
// and code lines are neither folded nor cut, with tabs expanded.
func TestLessonsRenderCleanly(t *testing.T) {
	c, _ := testCourse(t)
	for _, l := range c.Lessons {
		for _, lang := range l.Languages() {
			// Code keeps its stars (a glob such as infra/**).
			out, err := RenderMarkdown(fencedCode.ReplaceAllString(l.Markdown(lang), ""), "notty", 80)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(out, "**") {
				t.Errorf("%s (%s): raw ** in the lesson without colour", l.ID, lang)
			}
		}
	}
	long := `resource "aws_ecs_service" "api" { name = "churn-api" desired_count = 2 launch_type = "FARGATE" }`
	md := "Some text.\n\n```hcl\n" + long + "\n\tcount = 1\n```\n\n- a list\n\n  ```yaml\n  key: value\n  ```\n"
	for _, style := range []string{"notty", "neutral", "dark", "light"} {
		out, err := RenderMarkdown(md, style, 40)
		if err != nil {
			t.Fatal(err)
		}
		plain := ansi.Strip(out)
		if !strings.Contains(plain, long) {
			t.Errorf("%s: the long code line was folded or cut:\n%s", style, plain)
		}
		if style == "neutral" && strings.Contains(out, "38;5;252m") {
			t.Errorf("neutral: text is drawn light grey, unreadable on a light background")
		}
		if strings.Contains(plain, "\t") || !strings.Contains(plain, "    count = 1") {
			t.Errorf("%s: tabs not expanded:\n%q", style, plain)
		}
	}
}

var fencedCode = regexp.MustCompile("(?ms)^\\s*```.*?^\\s*```")

// TestMapOpensWhereTheLearnerLeftOff: after work on an exercise, the map
// opens on it, not on lesson 1.
func TestMapOpensWhereTheLearnerLeftOff(t *testing.T) {
	c, src := testCourse(t)
	ex := c.ExercisesOf(c.Lessons[2].ID)[0]
	// An absolute workspace: work the model starts may outlive the test
	// and must not land in the package folder.
	ws := filepath.Join(t.TempDir(), "ws")
	st := progress.NewStore(ws)
	if _, _, err := st.Apply(func(s *progress.State) { s.UseHint(ex.ID, 1) }); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Apply(func(s *progress.State) { s.Exercise(ex.ID).Attempts = 1 }); err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Course: c, Source: src, Workspace: ws, Lang: "en", Printer: testPrinter(t, "en"), MarkdownTheme: "notty"})
	if err != nil {
		t.Fatal(err)
	}
	if r := m.home.rows[m.home.cursor]; r.ex == nil || r.ex.ID != ex.ID {
		t.Errorf("the map opens on %+v, want %s", r, ex.ID)
	}
}

// TestFlowEditorHandOff drives the real program loop through a multi-file
// exercise: the edit key's chooser, a scripted editor that writes the
// reference file, the re-grade shown at once, n for the next exercise,
// keys in one read and a resize.
func TestFlowEditorHandOff(t *testing.T) {
	c, src := testCourse(t)
	var ex *course.Exercise
	for _, e := range c.Exercises {
		if len(e.Files) == 2 && e.Track == course.Terraform {
			ex = e
			break
		}
	}
	if ex == nil {
		t.Fatal("no Terraform exercise with two files")
	}
	sol := t.TempDir()
	for _, name := range ex.Files {
		b, err := fsRead(src, ex.Dir+"/solution/"+name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sol, filepath.Base(name)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The "editor" saves the reference version of the file it is given.
	script := filepath.Join(sol, "editor.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ncp \""+sol+"/$(basename \"$1\")\" \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	m, ws := newTestModel(t, ex.ID, 100, 30)
	m.c.editor = "sh " + script
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitText(t, tm, "watching for saves", 3*time.Second)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("e")})
	waitText(t, tm, "Which file do you want to open?", 2*time.Second)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("2")})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("e")})
	waitText(t, tm, "Which file do you want to open?", 2*time.Second)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("1")})
	full := itoaPlain(ex.Points()) + "/" + itoaPlain(ex.Points()) + " points"
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(string(b), full) && strings.Contains(string(b), "n next exercise")
	}, teatest.WithDuration(3*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(tea.WindowSizeMsg{Width: 40, Height: 12})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjn")})
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))
	fm := tm.FinalModel(t).(*Model)
	e := on[*exerciseModel](fm)
	if e == nil || e.ex.ID == ex.ID {
		t.Fatalf("n after passing left the learner on %T", fm.active)
	}
	checkFrame(t, fm.View(), 40, 12)
	// The next exercise's start files are written by a command the ended
	// program does not wait for; let it finish in this test's folder.
	task := filepath.Join(ws, e.ex.ID, workspace.TaskFile)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(task); err == nil {
			break
		}
	}
	e.stop()
}

// TestDamagedNoticeWrapsWhole: on a narrow terminal the path where the
// damaged file went is folded over lines, never cut, and stays on keys.
func TestDamagedNoticeWrapsWhole(t *testing.T) {
	m, ws := damagedModel(t)
	matches, _ := filepath.Glob(filepath.Join(ws, ".iactutor", "progress.json.damaged-*"))
	if len(matches) != 1 {
		t.Fatalf("damaged file not set aside: %v", matches)
	}
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 24})
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, k := range []string{"j", "x", "enter", "esc", "q"} {
		v := m.View()
		checkFrame(t, v, 40, 24)
		if !strings.Contains(squeeze(v), squeeze(matches[0])) {
			t.Fatalf("after %q the path %s is not whole:\n%s", k, matches[0], v)
		}
		if m.active != m.home {
			break
		}
		press(t, m, k)
	}
}
