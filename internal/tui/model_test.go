package tui

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/progress"
)

func TestHomeNavigationAndFilter(t *testing.T) {
	m, _ := newTestModel(t, "", 80, 24)
	press(t, m, "j", "enter")
	if on[*exerciseModel](m) == nil && on[*lessonModel](m) == nil {
		t.Fatalf("enter on the second row opened screen %T", m.active)
	}
	press(t, m, "esc")
	if m.active != m.home {
		t.Fatalf("esc went to screen %T, want home", m.active)
	}
	press(t, m, "/", "h", "p", "a", "enter")
	for _, r := range m.home.rows {
		if r.lesson != nil && r.lesson.ID != "k8s-hpa" && !strings.Contains(strings.ToLower(r.lesson.Title.In("en")), "hpa") {
			if len(m.c.course.ExercisesOf(r.lesson.ID)) == 0 {
				t.Errorf("filter hpa kept lesson %s", r.lesson.ID)
			}
		}
	}
	if !strings.Contains(m.View(), "filter: hpa") || len(m.home.rows) == 0 || len(m.home.rows) >= len(m.c.course.Lessons) {
		t.Errorf("filtered rows = %d\n%s", len(m.home.rows), m.View())
	}
	press(t, m, "esc")
	if len(m.home.rows) != len(m.c.course.Lessons)+len(m.c.course.Exercises) {
		t.Errorf("esc must clear the filter: %d rows", len(m.home.rows))
	}
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if cmd == nil || cmd() != tea.Quit() {
		t.Error("q on the home screen must quit")
	}
}

// answerRight presses the keys that answer the current question correctly.
func answerRight(t *testing.T, m *Model) {
	cp := on[*checkpointModel](m)
	q := cp.q()
	switch q.Kind {
	case course.Single:
		for i := 0; i < *q.Answer; i++ {
			press(t, m, "j")
		}
	case course.TrueFalse:
		if !*q.Truth {
			press(t, m, "j")
		}
	case course.Multiple:
		for i := range q.Choices {
			if slices.Contains(q.Answers, i) {
				press(t, m, "space")
			}
			press(t, m, "j")
		}
	case course.Order:
		// Selection sort with the move keys.
		for pos := range cp.order {
			at := slices.Index(cp.order, pos)
			for cp.cursor < at {
				press(t, m, "j")
			}
			for cp.cursor > at {
				press(t, m, "k")
			}
			for cp.cursor > pos {
				press(t, m, "K")
			}
		}
	case course.Command:
		// An equivalent form, not the literal text.
		given := strings.Replace(q.Command, " -n mlops", " --namespace=mlops", 1)
		if len(q.Accept) > 0 {
			// Another form the question accepts (iac-why's drift check).
			given = q.Accept[len(q.Accept)-1]
		}
		for _, r := range given {
			m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	press(t, m, "enter")
}

func TestCheckpointEveryKind(t *testing.T) {
	for _, lesson := range []string{"iac-why", "k8s-resources-probes"} {
		t.Run(lesson, func(t *testing.T) {
			m, ws := newTestModel(t, lesson, 80, 24)
			run(t, m, m.Init())
			press(t, m, "c")
			if on[*checkpointModel](m) == nil {
				t.Fatal("c did not open the checkpoint")
			}
			n := len(on[*checkpointModel](m).l.Checkpoint.Questions)
			for i := 0; i < n; i++ {
				answerRight(t, m)
				if !on[*checkpointModel](m).answered || !on[*checkpointModel](m).correct {
					t.Fatalf("question %d (%s, %s) judged wrong:\n%s", i+1, on[*checkpointModel](m).q().ID, on[*checkpointModel](m).q().Kind, m.View())
				}
				if !strings.Contains(m.View(), "✓ Right.") {
					t.Fatalf("no feedback shown:\n%s", m.View())
				}
				press(t, m, "enter")
			}
			if !on[*checkpointModel](m).finished || !strings.Contains(m.View(), "Checkpoint done") {
				t.Fatalf("not finished:\n%s", m.View())
			}
			st, _, err := progress.NewStore(ws).Load()
			if err != nil || st.Checkpoint(lesson).Score() != n {
				t.Fatalf("saved score %d, want %d (%v)", st.Checkpoint(lesson).Score(), n, err)
			}
			press(t, m, "enter")
			if m.active != m.lesson {
				t.Errorf("after the checkpoint: screen %T, want the lesson", m.active)
			}
		})
	}
}

func TestCheckpointWrongAnswerShowsTheRightOne(t *testing.T) {
	m, _ := newTestModel(t, "iac-why", 80, 24)
	run(t, m, m.Init())
	press(t, m, "c", "space", "enter") // the first question, only the first choice ticked
	v := m.View()
	// The pick and every right choice are marked in words, not by colour.
	if on[*checkpointModel](m).correct || !strings.Contains(v, "✗ Not quite.") || !strings.Contains(v, "(right answer, your choice)") || strings.Count(v, "(right answer)") != 2 {
		t.Errorf("wrong answer view:\n%s", m.View())
	}
}

func TestExerciseHintsSolutionAndReset(t *testing.T) {
	c, _ := testCourse(t)
	ex := c.Exercises[0]
	m, ws := newTestModel(t, ex.ID, 100, 30)
	run(t, m, m.Init())
	press(t, m, "h")
	h1 := on[*exerciseModel](m).message
	press(t, m, "h")
	h2 := on[*exerciseModel](m).message
	if !strings.HasPrefix(h1, "Hint 1 of") || !strings.HasPrefix(h2, "Hint 2 of") || h1 == h2 {
		t.Fatalf("hints %q then %q", h1, h2)
	}
	press(t, m, "s")
	if on[*exerciseModel](m).confirm != "solution" || !strings.Contains(m.View(), "Reveal the solution?") {
		t.Fatalf("no confirmation:\n%s", m.View())
	}
	press(t, m, "n")
	if on[*exerciseModel](m).diff != "" {
		t.Fatal("n must not reveal")
	}
	press(t, m, "s", "y")
	if !strings.Contains(on[*exerciseModel](m).diff, "+++ solution/") {
		t.Fatalf("diff = %q", on[*exerciseModel](m).diff)
	}
	st, _, _ := progress.NewStore(ws).Load()
	if !st.Exercises[ex.ID].SolutionRevealed || st.Exercises[ex.ID].HintsUsed != 2 {
		t.Errorf("progress = %+v", st.Exercises[ex.ID])
	}
	// Reset asks, then backs up and restores.
	f := filepath.Join(ws, ex.ID, ex.Files[0])
	os.WriteFile(f, []byte("mine"), 0o644)
	press(t, m, "r", "y")
	if b, _ := os.ReadFile(f); string(b) == "mine" {
		t.Fatal("reset did not restore the start file")
	}
	if !strings.Contains(on[*exerciseModel](m).message, ".iactutor/backups/") {
		t.Errorf("message = %q", on[*exerciseModel](m).message)
	}
}

func TestEditWithoutEditorExplains(t *testing.T) {
	c, _ := testCourse(t)
	m, _ := newTestModel(t, c.Exercises[0].ID, 80, 24)
	run(t, m, m.Init())
	press(t, m, "e")
	if !strings.Contains(on[*exerciseModel](m).message, "$EDITOR") {
		t.Errorf("message = %q", on[*exerciseModel](m).message)
	}
}

func TestMonochromeShowsStatesAsWords(t *testing.T) {
	c, _ := testCourse(t)
	m, _ := newTestModel(t, "", 120, 40)
	m.c.state.Exercise(c.Exercises[0].ID).Attempts = 1
	m.c.state.Exercise(c.Exercises[1].ID).Attempts = 1
	m.c.state.Exercise(c.Exercises[1].ID).Passed = true
	v := m.View()
	for _, want := range []string{"✗", "[failing]", "✓", "[passed]", "·", "[not started]"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q", want)
		}
	}
	if strings.Contains(v, "\x1b[") {
		t.Error("the ASCII profile must not emit colour codes")
	}
}

// teatest flows drive the real program loop.

func waitText(t *testing.T, tm *teatest.TestModel, text string, d time.Duration) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(d), teatest.WithCheckInterval(20*time.Millisecond))
}

func TestFlowReadLesson(t *testing.T) {
	m, _ := newTestModel(t, "", 80, 24)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitText(t, tm, "Lessons and exercises", 2*time.Second)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "From console clicks", 3*time.Second)
	tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")})
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitText(t, tm, "enter open", 2*time.Second)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(2*time.Second))
	if fm := tm.FinalModel(t).(*Model); fm.active != fm.home {
		t.Errorf("finished on screen %T", fm.active)
	}
}

func TestFlowAnswerCheckpoint(t *testing.T) {
	m, ws := newTestModel(t, "iac-why", 80, 24)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitText(t, tm, "From console clicks", 3*time.Second)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")})
	waitText(t, tm, "Question 1 of", 2*time.Second)
	tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "Not quite", 2*time.Second)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(2*time.Second))
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		if st, _, _ := progress.NewStore(ws).Load(); st.Checkpoint("iac-why").Answered[m.c.course.Lessons[0].Checkpoint.Questions[0].ID] {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("the answer was not saved")
}

// TestFlowExerciseWatch fails an exercise, writes the solution from outside
// as an editor would, and sees full points without a key press.
func TestFlowExerciseWatch(t *testing.T) {
	c, src := testCourse(t)
	var ex *course.Exercise
	for _, e := range c.Exercises {
		if e.Track == course.Kubernetes {
			ex = e
			break
		}
	}
	m, ws := newTestModel(t, ex.ID, 100, 30)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitText(t, tm, "watching for saves", 3*time.Second)
	start := time.Now()
	for _, name := range ex.Files {
		b, err := fsRead(src, ex.Dir+"/solution/"+name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ws, ex.ID, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	full := strings.Replace(strings.Replace("X/X points", "X", itoaPlain(ex.Points()), 2), "X", itoaPlain(ex.Points()), 1)
	waitText(t, tm, full, 2*time.Second)
	t.Logf("re-graded to %q %v after the write", full, time.Since(start))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(2*time.Second))
}

func TestModuleItemShownDoneWhenProven(t *testing.T) {
	m, _ := newTestModel(t, "", 120, 40)
	it := m.c.course.Module.Items[len(m.c.course.Module.Items)-1]
	for _, q := range it.Questions {
		les, qid, _ := strings.Cut(q, "/")
		m.c.state.Checkpoint(les).Correct[qid] = true
	}
	for _, e := range it.Exercises {
		m.c.state.Exercise(e).Passed = true
	}
	v := m.View()
	if !strings.Contains(v, "[x] "+it.Title.In("en")+" (done)") {
		t.Errorf("item %s not shown as done:\n%s", it.ID, v)
	}
	if strings.Count(v, "[x]") != 1 {
		t.Error("only the proven item may be done")
	}
}

func TestLessonRewrapsOnResize(t *testing.T) {
	m, _ := newTestModel(t, "iac-why", 80, 24)
	run(t, m, m.Init())
	narrow := m.lesson.rendered
	_, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	run(t, m, cmd)
	if m.lesson.width != 120 || m.lesson.rendered == narrow {
		t.Fatalf("not re-rendered for 120 columns (width %d)", m.lesson.width)
	}
	checkFrame(t, m.View(), 120, 40)
	// Back to 80: served from the cache, same text as before.
	_, cmd = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(t, m, cmd)
	if m.lesson.rendered != narrow {
		t.Error("the 80-column rendering changed")
	}
}

func TestSpanishInterface(t *testing.T) {
	c, src := testCourse(t)
	m, err := New(Options{Course: c, Source: src, Workspace: filepath.Join(t.TempDir(), "ws"), Lang: "es", Printer: testPrinter(t, "es"), MarkdownTheme: "notty"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	v := m.View()
	for _, want := range []string{"Lecciones y ejercicios", "Lista del módulo", "sin empezar", c.Lessons[0].Title.In("es")} {
		if !strings.Contains(v, want) {
			t.Errorf("Spanish view lacks %q", want)
		}
	}
}

func TestEditChoosesAmongFiles(t *testing.T) {
	c, _ := testCourse(t)
	var ex *course.Exercise
	for _, e := range c.Exercises {
		if len(e.Files) > 1 {
			ex = e
			break
		}
	}
	if ex == nil {
		t.Fatal("the course has no exercise with several files")
	}
	for _, tc := range []struct {
		name string
		keys []string
		want int // index of the file opened; -1: none
	}{
		{"by number", []string{"e", "2"}, 1},
		{"by cursor", []string{"e", "j", "enter"}, 1},
		{"first with enter", []string{"e", "enter"}, 0},
		{"cancelled", []string{"e", "esc"}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, ws := newTestModel(t, ex.ID, 80, 24)
			m.c.editor = "true"
			run(t, m, m.Init())
			press(t, m, tc.keys[0])
			v := m.View()
			for i, f := range ex.Files {
				if !strings.Contains(v, itoaPlain(i+1)+". "+f) {
					t.Errorf("the chooser lacks %q:\n%s", f, v)
				}
			}
			press(t, m, tc.keys[1:]...)
			e := on[*exerciseModel](m)
			if e == nil {
				t.Fatal("left the exercise")
			}
			if e.choosing {
				t.Error("the chooser is still open")
			}
			want := ""
			if tc.want >= 0 {
				want = filepath.Join(ws, ex.ID, filepath.FromSlash(ex.Files[tc.want]))
			}
			if e.opened != want {
				t.Errorf("opened %q, want %q", e.opened, want)
			}
		})
	}
}

func TestGlossaryScreen(t *testing.T) {
	m, _ := newTestModel(t, "", 100, 30)
	all := len(m.c.course.Glossary.Terms)
	press(t, m, "t")
	g := on[*glossaryModel](m)
	if g == nil || len(g.terms) != all {
		t.Fatalf("t on home: screen %T, want the glossary with all %d terms", m.active, all)
	}
	v := m.View()
	if !strings.HasPrefix(v, "Glossary\n") || strings.Contains(v, "terms from lesson") {
		t.Errorf("home glossary title:\n%s", v)
	}
	// The filter finds a term by alias; the detail shows its definition.
	press(t, m, "/", "a", "u", "t", "o", "s", "c", "a", "l", "e", "r", "enter")
	if sel, ok := g.selected(); !ok || sel.ID != "hpa" {
		t.Fatalf("filter autoscaler selected %+v", sel)
	}
	if v := m.View(); !strings.Contains(v, "replica count") || !strings.Contains(v, "See also:") || !strings.Contains(v, "Taught in:") {
		t.Errorf("the HPA entry is incomplete:\n%s", v)
	}
	// q does not quit from here; enter opens the lesson that teaches it.
	press(t, m, "enter")
	if m.active != m.lesson || m.lesson.l.ID != "k8s-hpa" {
		t.Fatalf("enter on HPA opened screen %T", m.active)
	}
	// From a lesson, t shows that lesson's terms and esc returns to it.
	press(t, m, "t")
	refs := m.lesson.l.GlossaryRefs()
	g = on[*glossaryModel](m)
	if g == nil || len(refs) == 0 || len(g.terms) != len(refs) {
		t.Fatalf("t in a lesson: screen %T for %d links", m.active, len(refs))
	}
	if !strings.Contains(m.View(), "terms from lesson") {
		t.Errorf("a lesson's glossary must say so:\n%s", m.View())
	}
	press(t, m, "G", "k", "g")
	if g.cursor != 0 {
		t.Errorf("g must go to the first term, cursor %d", g.cursor)
	}
	press(t, m, "q")
	if m.active != m.lesson {
		t.Fatalf("q in the glossary went to screen %T, want back to the lesson", m.active)
	}
	press(t, m, "esc", "t", "/", "z", "z", "z", "q", "enter")
	if v := m.View(); !strings.Contains(v, "Nothing matches.") {
		t.Errorf("a filter that matches nothing must say so:\n%s", v)
	}
	press(t, m, "esc", "esc")
	if m.active != m.home {
		t.Errorf("esc clears the filter, then goes back home: screen %T", m.active)
	}
}

func TestGlossaryScreenSpanish(t *testing.T) {
	c, src := testCourse(t)
	m, err := New(Options{Course: c, Source: src, Workspace: filepath.Join(t.TempDir(), "ws"), Lang: "es", Printer: testPrinter(t, "es"), MarkdownTheme: "notty"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(t, m, "t", "/", "h", "p", "a", "enter")
	v := m.View()
	for _, want := range []string{"Glosario", "Ver también:", "Se explica en:", "sube o baja el número de réplicas"} {
		if !strings.Contains(v, want) {
			t.Errorf("Spanish glossary lacks %q:\n%s", want, v)
		}
	}
	press(t, m, "esc", "esc")
	if v := m.View(); !strings.Contains(v, "t términos") {
		t.Errorf("the Spanish home footer must offer the glossary:\n%s", v)
	}
}

// TestWatchProblemReachesTheLearner: when saves can no longer be noticed,
// the exercise screen says so in the learner's language and keeps going.
func TestWatchProblemReachesTheLearner(t *testing.T) {
	c, _ := testCourse(t)
	ex := c.Exercises[0]
	m, ws := newTestModel(t, ex.ID, 100, 30)
	run(t, m, m.Init())
	dir := filepath.Join(ws, ex.ID)
	err := msg.Errorf("watch.folder-unreadable", msg.Args{"Path": dir}, fs.ErrNotExist)
	m.Update(changedMsg{id: ex.ID, err: err})
	got := on[*exerciseModel](m).message
	if !strings.Contains(got, "cannot watch "+dir) || !strings.Contains(got, "no such file or folder") {
		t.Errorf("message = %q", got)
	}
}

// TestRuleHintsWaitForTheFirstHint: the exercise screen holds a rule's
// hint back, saying so, until the learner presses h.
func TestRuleHintsWaitForTheFirstHint(t *testing.T) {
	// Tall enough that the whole result fits the viewport.
	m, _ := newTestModel(t, "k8s-resource-units", 120, 400)
	run(t, m, m.Init())
	press(t, m, "c")
	content := func() string { return strings.Join(strings.Fields(m.View()), " ") }
	const fix = "Did you mean `512Mi`?"
	if v := content(); strings.Contains(v, fix) || !strings.Contains(v, "held back until you ask for a hint (h)") {
		t.Fatalf("before any hint, the fix shows or the note is missing:\n%s", v)
	}
	press(t, m, "h")
	if v := content(); !strings.Contains(v, fix) || strings.Contains(v, "held back") {
		t.Fatalf("after h, the rule's hint is still held:\n%s", v)
	}
}
