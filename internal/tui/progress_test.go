package tui

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/progress"
	"github.com/iactutor/iactutor/internal/testbin"
)

// cliRun runs the real program on the workspace and returns its exit code.
func cliRun(t *testing.T, ws string, args ...string) int {
	t.Helper()
	abs, _ := filepath.Abs(ws)
	cmd := exec.Command(testbin.Path(t), append([]string{"--workspace", abs, "--lang", "en", "--no-color"}, args...)...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
	return 0
}

// writeSolution puts an exercise's reference solution in the workspace, as
// a learner's editor would.
func writeSolution(t *testing.T, src course.Source, ws string, ex *course.Exercise) {
	t.Helper()
	for _, name := range ex.Files {
		b, err := fsRead(src, ex.Dir+"/solution/"+name)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(ws, ex.ID, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// poll is one look at the progress file, as the running program's ticker
// makes every half second.
func poll(t *testing.T, m *Model) {
	t.Helper()
	_, cmd := m.Update(pollMsg{})
	run(t, m, cmd)
}

// TestInterfaceAndCheckInterleave is the bug this was written for: with
// the interface open on the course map, `iactutor check` in another
// terminal passes an exercise; answering a checkpoint question in the
// interface must not write that pass away, and the map shows it.
func TestInterfaceAndCheckInterleave(t *testing.T) {
	c, src := testCourse(t)
	m, ws := newTestModel(t, "", 120, 60)
	ex := c.Exercises[0]
	cliRun(t, ws, "init")
	writeSolution(t, src, ws, ex)
	if code := cliRun(t, ws, "check", ex.ID); code != 0 {
		t.Fatalf("check of the solution exited %d", code)
	}
	// The interface answers one question from its memory, which predates
	// the check.
	press(t, m, "enter", "c", "space", "enter")
	if !on[*checkpointModel](m).answered {
		t.Fatalf("not answered:\n%s", m.View())
	}
	st, _, err := progress.NewStore(ws).Load()
	if err != nil {
		t.Fatal(err)
	}
	q := c.Lessons[0].Checkpoint.Questions[0].ID
	if !st.ExercisePassed(ex.ID) || !st.Checkpoint(c.Lessons[0].ID).Answered[q] {
		t.Fatalf("a record was lost: %s passed %v, %s answered %v", ex.ID, st.ExercisePassed(ex.ID), q, st.Checkpoint(c.Lessons[0].ID).Answered[q])
	}
	// Back on the map, the pass made elsewhere shows.
	press(t, m, "esc", "esc")
	poll(t, m)
	if m.active != m.home || !strings.Contains(m.View(), ex.Title.In("en")+"  [passed]") {
		t.Fatalf("the map does not show the pass:\n%s", m.View())
	}
	// And the other way round: a check after the interface wrote.
	ex2 := c.Exercises[1]
	writeSolution(t, src, ws, ex2)
	cliRun(t, ws, "check", ex2.ID)
	poll(t, m)
	if !strings.Contains(m.View(), ex2.Title.In("en")+"  [passed]") {
		t.Fatalf("the second pass is not shown:\n%s", m.View())
	}
	st, _, _ = progress.NewStore(ws).Load()
	if !st.ExercisePassed(ex.ID) || !st.ExercisePassed(ex2.ID) || !st.Checkpoint(c.Lessons[0].ID).Answered[q] {
		t.Fatalf("final state lost something: %+v %+v", st.Exercises, st.Checkpoints)
	}
}

// damagedModel starts the interface on a workspace whose progress file is
// not JSON.
func damagedModel(t *testing.T) (*Model, string) {
	t.Helper()
	c, src := testCourse(t)
	t.Chdir(t.TempDir())
	ws := "ws"
	os.MkdirAll(filepath.Join(ws, ".iactutor"), 0o755)
	os.WriteFile(filepath.Join(ws, filepath.FromSlash(progress.FileName)), []byte("{not json"), 0o644)
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	m, err := New(Options{Course: c, Source: src, Workspace: ws, Lang: "en", Printer: testPrinter(t, "en"), Renderer: r, MarkdownTheme: "notty"})
	if err != nil {
		t.Fatal(err)
	}
	m.c.pollEvery = 0
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	return m, ws
}

// TestDamagedNoticeStaysUntilDismissed: the notice with the full path of
// the set-aside file survives moving around, and goes with d.
func TestDamagedNoticeStaysUntilDismissed(t *testing.T) {
	m, ws := damagedModel(t)
	matches, _ := filepath.Glob(filepath.Join(ws, ".iactutor", "progress.json.damaged-*"))
	if len(matches) != 1 {
		t.Fatalf("damaged file not set aside: %v", matches)
	}
	aside := matches[0]
	flat := func() string { return strings.Join(strings.Fields(m.View()), " ") }
	if !strings.Contains(flat(), "It was moved to "+aside) || !strings.Contains(flat(), "d dismiss the notice") {
		t.Fatalf("no notice with the path %s:\n%s", aside, m.View())
	}
	press(t, m, "j", "k", "enter", "esc", "?", "?")
	if !strings.Contains(flat(), aside) {
		t.Fatalf("the notice went before it was dismissed:\n%s", m.View())
	}
	press(t, m, "d")
	if strings.Contains(flat(), aside) || strings.Contains(flat(), "dismiss") {
		t.Fatalf("d did not dismiss the notice:\n%s", m.View())
	}
}

// TestDamagedWhileRunningKeepsWhatTheInterfaceKnows: the file goes bad
// while the interface runs; it is set aside, the learner told, and what
// the interface had shown is written back.
func TestDamagedWhileRunningKeepsWhatTheInterfaceKnows(t *testing.T) {
	c, _ := testCourse(t)
	m, ws := newTestModel(t, c.Lessons[0].ID, 100, 40)
	press(t, m, "c")
	answerRight(t, m)
	p := filepath.Join(ws, filepath.FromSlash(progress.FileName))
	os.WriteFile(p, []byte("\x00garbage"), 0o644)
	poll(t, m)
	if !strings.Contains(strings.Join(strings.Fields(m.View()), " "), "progress.json.damaged-") {
		t.Fatalf("no notice:\n%s", m.View())
	}
	st, _, err := progress.NewStore(ws).Load()
	q := c.Lessons[0].Checkpoint.Questions[0].ID
	if err != nil || !st.QuestionCorrect(c.Lessons[0].ID, q) {
		t.Fatalf("the interface's answers were not put back: %+v %v", st.Checkpoints, err)
	}
}

// TestEmptyAnswersAreNotRecorded: nothing ticked and an empty command ask
// again with a message and record nothing.
func TestEmptyAnswersAreNotRecorded(t *testing.T) {
	const lesson = "k8s-resources-probes"
	m, ws := newTestModel(t, lesson, 100, 40)
	press(t, m, "c")
	cp := on[*checkpointModel](m)
	sawMultiple, sawCommand := false, false
	for !cp.finished {
		q := cp.q()
		switch q.Kind {
		case course.Multiple:
			press(t, m, "enter")
			sawMultiple = true
			if cp.answered || !strings.Contains(m.View(), "Nothing is ticked") {
				t.Fatalf("an empty choice was taken as an answer:\n%s", m.View())
			}
		case course.Command:
			press(t, m, "space", "space", "enter")
			sawCommand = true
			if cp.answered || !strings.Contains(m.View(), "Type a command first") {
				t.Fatalf("an empty command was taken as an answer:\n%s", m.View())
			}
			for range 2 {
				m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
			}
		}
		if st, _, _ := progress.NewStore(ws).Load(); st.Checkpoint(lesson).Answered[q.ID] {
			t.Fatalf("question %s recorded before it was answered", q.ID)
		}
		answerRight(t, m)
		press(t, m, "enter")
	}
	if !sawMultiple || !sawCommand {
		t.Fatalf("lesson %s no longer has both a multiple and a command question", lesson)
	}
}

// TestOpeningIsNoAttempt: opening an exercise and checking the untouched
// start files record nothing; a real change is an attempt.
func TestOpeningIsNoAttempt(t *testing.T) {
	c, _ := testCourse(t)
	ex := c.Exercises[0]
	m, ws := newTestModel(t, ex.ID, 100, 30)
	run(t, m, m.Init())
	press(t, m, "c")
	if on[*exerciseModel](m).result == nil {
		t.Fatal("not graded")
	}
	st, _, _ := progress.NewStore(ws).Load()
	if e, ok := st.Exercises[ex.ID]; ok && (e.Attempts != 0 || e.Passed) {
		t.Fatalf("opening recorded %+v", *e)
	}
	press(t, m, "esc", "esc")
	if v := m.View(); !strings.Contains(v, ex.Title.In("en")+"  [not started]") {
		t.Fatalf("the map shows the opened exercise as started:\n%s", v)
	}
	f := filepath.Join(ws, ex.ID, filepath.FromSlash(ex.Files[0]))
	b, _ := os.ReadFile(f)
	// A comment would not do: an unchanged meaning is no attempt.
	change := "\nlocals {\n  attempt = 1\n}\n"
	if ext := filepath.Ext(f); ext == ".yaml" || ext == ".yml" {
		change = "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: attempt\n"
	}
	if err := os.WriteFile(f, append(b, change...), 0o644); err != nil {
		t.Fatal(err)
	}
	m.active = newExercise(m.c, ex)
	run(t, m, m.active.init())
	press(t, m, "c")
	st, _, _ = progress.NewStore(ws).Load()
	if st.Exercise(ex.ID).Attempts != 1 {
		t.Errorf("a check of changed files: %d attempts recorded, want 1", st.Exercise(ex.ID).Attempts)
	}
}

// TestRetakeAsksAndClears: r asks, n keeps the answers, y clears them and
// says so.
func TestRetakeAsksAndClears(t *testing.T) {
	c, _ := testCourse(t)
	l := c.Lessons[0]
	m, ws := newTestModel(t, l.ID, 100, 40)
	press(t, m, "c")
	answerRight(t, m)
	press(t, m, "r")
	if !strings.Contains(m.View(), "take it again") {
		t.Fatalf("no confirmation:\n%s", m.View())
	}
	press(t, m, "n")
	st, _, _ := progress.NewStore(ws).Load()
	if st.Checkpoint(l.ID).Score() != 1 {
		t.Fatal("n must keep the answers")
	}
	press(t, m, "r", "y")
	if !strings.Contains(strings.Join(strings.Fields(m.View()), " "), "answers to this checkpoint were cleared") || on[*checkpointModel](m).idx != 0 {
		t.Fatalf("no retake:\n%s", m.View())
	}
	st, _, _ = progress.NewStore(ws).Load()
	if st.Checkpoint(l.ID).Score() != 0 || st.Checkpoint(l.ID).Attempts[l.Checkpoint.Questions[0].ID] != 1 {
		t.Fatalf("after the retake: %+v", st.Checkpoints[l.ID])
	}
}

// TestTwoInterfaces: two interfaces on one workspace, each answering from
// its own memory, keep both answers, and each sees the other's after a poll.
func TestTwoInterfaces(t *testing.T) {
	c, src := testCourse(t)
	l := c.Lessons[0]
	a, ws := newTestModel(t, l.ID, 100, 40)
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	b, err := New(Options{Course: c, Source: src, Workspace: ws, Lang: "en", Printer: testPrinter(t, "en"), Renderer: r, Open: l.ID, MarkdownTheme: "notty"})
	if err != nil {
		t.Fatal(err)
	}
	b.c.pollEvery = 0
	b.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	press(t, a, "c")
	answerRight(t, a) // question 1, right, in a
	press(t, b, "c")
	answerRight(t, b)
	press(t, b, "enter")
	answerRight(t, b)                      // questions 1 and 2 in b, which never saw a's answer
	press(t, a, "enter", "space", "enter") // question 2, wrong, in a
	st, _, _ := progress.NewStore(ws).Load()
	cp := st.Checkpoint(l.ID)
	q1, q2 := l.Checkpoint.Questions[0].ID, l.Checkpoint.Questions[1].ID
	if !cp.Correct[q1] || !cp.Correct[q2] || cp.Attempts[q1] != 2 || cp.Attempts[q2] != 2 {
		t.Fatalf("after both: %+v", *cp)
	}
	poll(t, a)
	if !a.c.state.QuestionCorrect(l.ID, q2) {
		t.Error("a does not show b's right answer")
	}
}

// TestQuickChangesStayOnScreen: changes made faster than the file is
// written are not taken back on screen by a state that lacks them.
func TestQuickChangesStayOnScreen(t *testing.T) {
	c, _ := testCourse(t)
	ex := c.Exercises[0]
	m, ws := newTestModel(t, ex.ID, 100, 30)
	run(t, m, m.Init())
	// Two hints whose writes have not come back yet.
	_, first := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("h")})
	_, second := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("h")})
	if got := m.c.state.Exercise(ex.ID).HintsUsed; got != 2 {
		t.Fatalf("hints shown %d", got)
	}
	// The first write comes back: the second hint is still shown.
	m.Update(first())
	if got := m.c.state.Exercise(ex.ID).HintsUsed; got != 2 {
		t.Fatalf("the first write took back the second hint: %d", got)
	}
	m.Update(second())
	st, _, _ := progress.NewStore(ws).Load()
	if got := m.c.state.Exercise(ex.ID).HintsUsed; got != 2 || st.Exercise(ex.ID).HintsUsed != 2 || len(m.c.pending) != 0 {
		t.Fatalf("shown %d, saved %d, pending %d", got, st.Exercise(ex.ID).HintsUsed, len(m.c.pending))
	}
}

func TestMain(m *testing.M) { testbin.Main(m) }

// TestMapOpensOnTheLastOpened: the map's cursor starts on the lesson or
// exercise recorded as opened last, even where results point elsewhere; a
// place the course no longer has falls back to the guess from results.
func TestMapOpensOnTheLastOpened(t *testing.T) {
	c, src := testCourse(t)
	worked := c.ExercisesOf(c.Lessons[2].ID)[0]
	other := c.ExercisesOf(c.Lessons[1].ID)[0]
	tests := []struct {
		name, last, want string
	}{
		{"a lesson before the work", c.Lessons[0].ID, c.Lessons[0].ID},
		{"an exercise of another lesson", other.ID, other.ID},
		{"a place the course lost", "gone-lesson", worked.ID},
		{"no place (an older file)", "", worked.ID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := filepath.Join(t.TempDir(), "ws")
			st := progress.NewStore(ws)
			if _, _, err := st.Apply(func(s *progress.State) { s.Check(worked.ID, 0, 1, false); s.Open(tt.last) }); err != nil {
				t.Fatal(err)
			}
			m, err := New(Options{Course: c, Source: src, Workspace: ws, Lang: "en", Printer: testPrinter(t, "en"), MarkdownTheme: "notty"})
			if err != nil {
				t.Fatal(err)
			}
			if got := rowID(m.home.rows[m.home.cursor]); got != tt.want {
				t.Errorf("the map opens on %s, want %s", got, tt.want)
			}
		})
	}
}

func rowID(r homeRow) string {
	if r.ex != nil {
		return r.ex.ID
	}
	return r.lesson.ID
}

// TestOpeningRecordsThePlace: opening a lesson or an exercise from the
// map, or starting on one, is saved as the place, and the next start of
// the map is there.
func TestOpeningRecordsThePlace(t *testing.T) {
	c, _ := testCourse(t)
	m, ws := newTestModel(t, "", 100, 40)
	last := func() string {
		t.Helper()
		st, _, err := progress.NewStore(ws).Load()
		if err != nil {
			t.Fatal(err)
		}
		return st.Last
	}
	if got := last(); got != "" {
		t.Fatalf("a place before anything was opened: %q", got)
	}
	target := c.Lessons[1].ID
	for rowID(m.home.rows[m.home.cursor]) != target {
		press(t, m, "j")
	}
	press(t, m, "enter")
	if got := last(); got != target {
		t.Fatalf("after opening lesson %s the place is %q", target, got)
	}
	if m.c.opened(target) != nil {
		t.Error("opening the same place again writes the file again")
	}
	press(t, m, "esc")
	ex := c.ExercisesOf(c.Lessons[2].ID)[0]
	for rowID(m.home.rows[m.home.cursor]) != ex.ID {
		press(t, m, "j")
	}
	press(t, m, "enter")
	if got := last(); got != ex.ID {
		t.Fatalf("after opening exercise %s the place is %q", ex.ID, got)
	}
	m.leave()

	again, err := New(Options{Course: c, Source: m.c.ws.Src, Workspace: ws, Lang: "en", Printer: testPrinter(t, "en"), MarkdownTheme: "notty"})
	if err != nil {
		t.Fatal(err)
	}
	if got := rowID(again.home.rows[again.home.cursor]); got != ex.ID {
		t.Errorf("the map opens on %s, want %s", got, ex.ID)
	}

	// Starting on a lesson (iactutor open ID) records it with Init.
	started, err := New(Options{Course: c, Source: m.c.ws.Src, Workspace: ws, Lang: "en", Printer: testPrinter(t, "en"), MarkdownTheme: "notty", Open: c.Lessons[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	started.c.pollEvery = 0
	run(t, started, started.opened)
	if got := last(); got != c.Lessons[0].ID {
		t.Errorf("starting on lesson %s leaves the place %q", c.Lessons[0].ID, got)
	}
}

// TestAnswersFollowMovedQuestions: answers given before lesson 6 was split
// count in the debugging lesson, on screen and in the progress file.
func TestAnswersFollowMovedQuestions(t *testing.T) {
	c, src := testCourse(t)
	ws := filepath.Join(t.TempDir(), "ws")
	st := progress.NewStore(ws)
	if _, _, err := st.Apply(func(s *progress.State) {
		old := s.Checkpoint("k8s-resources-probes")
		old.Answered["describe-pod"], old.Correct["describe-pod"] = true, true
	}); err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Course: c, Source: src, Workspace: ws, Lang: "en", Printer: testPrinter(t, "en"), MarkdownTheme: "notty"})
	if err != nil {
		t.Fatal(err)
	}
	if !m.c.state.Checkpoints["k8s-debugging"].Correct["describe-pod"] {
		t.Error("the interface does not count the moved answer")
	}
	saved, _, err := st.Load()
	if err != nil || !saved.Checkpoints["k8s-debugging"].Correct["describe-pod"] {
		t.Errorf("the moved answer was not written (%v)", err)
	}
}
