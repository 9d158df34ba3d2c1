package tui

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/progress"
	"github.com/iactutor/iactutor/internal/source"
	"github.com/iactutor/iactutor/internal/watch"
	"github.com/iactutor/iactutor/internal/workspace"
)

// exerciseModel is one exercise: the task, the files, and a result panel
// that re-grades whenever a file is saved.
type exerciseModel struct {
	c       *common
	ex      *course.Exercise
	vp      viewport.Model
	result  *grader.Result
	files   []source.File
	grading bool
	mode    watch.Mode
	ctx     context.Context
	cancel  context.CancelFunc
	// watchNext waits for the next save; nil when not watching.
	watchNext func() tea.Cmd
	confirm   string // "", "solution" or "reset"
	message   string // a hint, a notice or an error
	diff      string // the revealed solution
	err       error
	// choosing is true while the edit key's list of files is open, with
	// the cursor on choice.
	choosing bool
	choice   int
	// opened is the file last handed to the editor.
	opened string
	// resultLine and messageLine are where the result and the message
	// start in the panel; toResult moves the view there on the next
	// layout, after a re-grade or a hint.
	resultLine, messageLine int
	toResult                bool
}

func newExercise(c *common, ex *course.Exercise) *exerciseModel {
	return &exerciseModel{c: c, ex: ex, vp: newViewport(c, c.width, max(1, c.bodyH-2))}
}

type (
	preparedMsg struct {
		id      string
		err     error
		changes <-chan watch.Event
		mode    watch.Mode
	}
	gradedMsg struct {
		id    string
		res   grader.Result
		files []source.File
		err   error
		// counted is false for the grade shown on opening, which is no
		// attempt.
		counted bool
	}
	changedMsg struct {
		id  string
		err error
	}
	editedMsg struct {
		editor string
		err    error
	}
	revealedMsg struct {
		id    string
		diffs []workspace.FileDiff
		err   error
	}
	resetMsg struct {
		backup string
		err    error
	}
)

// init writes any missing start files, starts watching and grades.
func (m *exerciseModel) init() tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	m.ctx, m.cancel = ctx, cancel
	ws, ex, lang, poll := m.c.ws, m.ex, m.c.lang, m.c.poll
	m.grading = true
	m.layout()
	prepare := func() tea.Msg {
		if _, _, err := ws.Init(ex, lang); err != nil {
			return preparedMsg{id: ex.ID, err: err}
		}
		ch, mode, err := watch.Watch(ctx, ws.ExerciseDir(ex.ID), watch.Options{Poll: poll})
		return preparedMsg{id: ex.ID, changes: ch, mode: mode, err: err}
	}
	return tea.Batch(prepare, m.renderTask())
}

func (m *exerciseModel) taskKey() string {
	return fmt.Sprintf("task/%s/%s/%d", m.ex.ID, m.c.lang, m.c.width)
}

// renderTask renders the task's Markdown in the background, once per width.
func (m *exerciseModel) renderTask() tea.Cmd {
	k := m.taskKey()
	if _, ok := m.c.rendered[k]; ok {
		return nil
	}
	md, style, width := m.ex.Task.In(m.c.lang), m.c.markdownTheme, m.c.width
	return func() tea.Msg {
		out, err := RenderMarkdown(md, style, width)
		return renderedMsg{key: k, out: out, err: err}
	}
}

func (m *exerciseModel) stop() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
}

// gradeCmd reads and grades in the background; counted says whether the
// result is an attempt (a save, the check key) or just shown (opening).
func (m *exerciseModel) gradeCmd(counted bool) tea.Cmd {
	m.grading = true
	ws, ex, g := m.c.ws, m.ex, m.c.grader
	return func() tea.Msg {
		sub, err := ws.Submission(ex)
		if err != nil {
			return gradedMsg{id: ex.ID, err: err}
		}
		return gradedMsg{id: ex.ID, res: g.Grade(ex, sub), files: sub.Files, counted: counted}
	}
}

// waitChange turns the next save into a message; it ends with the context.
func waitChange(ctx context.Context, id string, ch <-chan watch.Event) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-ch:
			return changedMsg{id: id, err: ev.Err}
		}
	}
}

func (m *exerciseModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.layout()
		return m.renderTask()
	case renderedMsg:
		if msg.err == nil {
			m.c.rendered[msg.key] = msg.out
			m.layout()
		}
		return nil
	case preparedMsg:
		if msg.id != m.ex.ID {
			return nil
		}
		if msg.err != nil {
			m.err = msg.err
			m.grading = false
			m.layout()
			return nil
		}
		m.mode = msg.mode
		cmds := []tea.Cmd{m.gradeCmd(false)}
		if msg.changes != nil && m.cancel != nil {
			ctx, ch, id := m.ctx, msg.changes, m.ex.ID
			m.watchNext = func() tea.Cmd { return waitChange(ctx, id, ch) }
			cmds = append(cmds, m.watchNext())
		}
		return tea.Batch(cmds...)
	case changedMsg:
		if msg.id != m.ex.ID {
			return nil
		}
		if msg.err != nil {
			// Saves may go unnoticed now: tell the learner, who can still
			// check by hand, and keep listening.
			m.message = m.c.printer.Error(msg.err)
			if m.watchNext != nil {
				return m.watchNext()
			}
			return nil
		}
		cmds := []tea.Cmd{m.gradeCmd(true)}
		if m.watchNext != nil {
			cmds = append(cmds, m.watchNext())
		}
		return tea.Batch(cmds...)
	case gradedMsg:
		if msg.id != m.ex.ID {
			return nil
		}
		m.grading = false
		if msg.err != nil {
			m.err = msg.err
			m.layout()
			return nil
		}
		m.err = nil
		res := msg.res
		m.result, m.files = &res, msg.files
		// A new verdict is what the learner waits for after a save: show
		// it, not the task they scrolled past.
		m.toResult = msg.counted
		m.layout()
		if !msg.counted {
			if !res.Passed || res.Unchanged {
				return nil
			}
			return m.c.apply(func(s *progress.State) { workspace.RecordSeen(s, res) })
		}
		if res.Unchanged {
			return nil // reported on screen, not recorded as failing
		}
		return m.c.apply(func(s *progress.State) { workspace.Record(s, res) })
	case editedMsg:
		if msg.err != nil {
			m.message = m.c.printer.S("tui.exercise.editor-failed", map[string]any{"Editor": msg.editor, "Err": msg.err.Error()})
		}
		return m.gradeCmd(true)
	case revealedMsg:
		if msg.id != m.ex.ID {
			return nil
		}
		if msg.err != nil {
			m.message = m.c.printer.Error(msg.err)
			m.layout()
			return nil
		}
		var b strings.Builder
		s := m.c.styles
		for _, d := range msg.diffs {
			if d.Diff == "" {
				b.WriteString(d.Name + ": =\n")
			}
			for _, l := range strings.SplitAfter(d.Diff, "\n") {
				text := strings.TrimSuffix(l, "\n")
				switch {
				case text == "":
				case strings.HasPrefix(text, "+++"), strings.HasPrefix(text, "---"):
					text = s.Title.Render(text)
				case strings.HasPrefix(text, "+"):
					text = s.Pass.Render(text)
				case strings.HasPrefix(text, "-"):
					text = s.Fail.Render(text)
				case strings.HasPrefix(text, "@@"):
					text = s.Info.Render(text)
				}
				b.WriteString(text)
				if strings.HasSuffix(l, "\n") {
					b.WriteString("\n")
				}
			}
		}
		m.diff = b.String()
		m.layout()
		m.vp.GotoTop()
		id := m.ex.ID
		return m.c.apply(func(s *progress.State) { s.RevealSolution(id) })
	case resetMsg:
		if msg.err != nil {
			m.message = m.c.printer.Error(msg.err)
			m.diff = ""
			return m.gradeCmd(true)
		}
		p, id := m.c.printer, m.ex.ID
		var said []string
		if msg.backup != "" {
			said = append(said, p.S("tui.exercise.reset-done", map[string]any{"Backup": msg.backup}))
		}
		// Starting over clears the result, and says so.
		if e := m.c.state.Exercise(id); e.Passed || e.BestScore > 0 {
			said = append(said, p.S("progress.reset.cleared", map[string]any{"Exercise": id}))
		}
		m.message = strings.Join(said, "\n")
		m.diff = ""
		return tea.Batch(m.c.apply(func(s *progress.State) { s.ResetExercise(id) }), m.gradeCmd(true))
	case tea.KeyMsg:
		return m.key(msg)
	}
	return scroll(&m.vp, m.c.keys, msg)
}

func (m *exerciseModel) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	if m.confirm != "" {
		what := m.confirm
		m.confirm = ""
		if keyIs(msg, k.Yes) {
			if what == "solution" {
				return m.reveal()
			}
			return m.reset()
		}
		m.layout()
		return nil
	}
	if m.choosing {
		return m.choose(msg)
	}
	switch {
	case keyIs(msg, k.Back):
		return m.c.navigate(backMsg{lesson: m.ex.Lesson})
	case keyIs(msg, k.Next):
		if next := m.next(); next != nil {
			return m.c.navigate(openExerciseMsg{next})
		}
		return nil
	case keyIs(msg, k.Check):
		m.message = ""
		return m.gradeCmd(true)
	case keyIs(msg, k.Edit):
		files := m.c.ws.FileNames(m.ex)
		if len(files) != 1 {
			m.choosing = len(files) > 1
			return nil
		}
		return m.edit(files[0])
	case keyIs(msg, k.Hint):
		return m.nextHint()
	case keyIs(msg, k.Solution):
		if m.c.state.ExercisePassed(m.ex.ID) || m.c.state.Exercise(m.ex.ID).SolutionRevealed {
			return m.reveal()
		}
		m.confirm = "solution"
		m.layout()
		return nil
	case keyIs(msg, k.Reset):
		m.confirm = "reset"
		m.layout()
		return nil
	}
	return scroll(&m.vp, k, msg)
}

// nextHint shows the next hint and counts it.
func (m *exerciseModel) nextHint() tea.Cmd {
	e := m.c.state.Exercise(m.ex.ID)
	p, n, id := m.c.printer, len(m.ex.Hints), m.ex.ID
	switch {
	case n == 0:
		m.message = p.S("tui.exercise.no-hints", nil)
	case e.HintsUsed >= n:
		m.message = p.S("tui.exercise.hint", msg.Args{"N": n, "Total": n, "Hint": m.ex.Hints[n-1].In(m.c.lang)}) + "\n" + p.S("tui.exercise.no-more-hints", nil)
	default:
		cmd := m.c.apply(func(s *progress.State) { s.UseHint(id, n) })
		m.message = p.S("tui.exercise.hint", msg.Args{"N": e.HintsUsed, "Total": n, "Hint": strings.TrimSpace(m.ex.Hints[e.HintsUsed-1].In(m.c.lang))})
		m.toResult = true
		m.layout()
		return cmd
	}
	m.toResult = true
	m.layout()
	return nil
}

// reveal computes the diff against the solution in the background; the
// reveal is recorded when it arrives.
func (m *exerciseModel) reveal() tea.Cmd {
	ws, ex := m.c.ws, m.ex
	return func() tea.Msg {
		diffs, err := ws.SolutionDiff(ex)
		return revealedMsg{id: ex.ID, diffs: diffs, err: err}
	}
}

func (m *exerciseModel) reset() tea.Cmd {
	ws, ex, lang := m.c.ws, m.ex, m.c.lang
	return func() tea.Msg {
		b, err := ws.Reset(ex, lang, time.Now())
		return resetMsg{backup: b, err: err}
	}
}

// next is the exercise after this one in the course, once this one has
// passed; nil before, or after the last.
func (m *exerciseModel) next() *course.Exercise {
	if !m.c.state.ExercisePassed(m.ex.ID) {
		return nil
	}
	all := m.c.course.Exercises
	i := slices.Index(all, m.ex)
	if i < 0 || i+1 >= len(all) {
		return nil
	}
	return all[i+1]
}

// choose handles a key while the list of files is open: a file by its
// number, or by moving to it and pressing enter.
func (m *exerciseModel) choose(k tea.KeyMsg) tea.Cmd {
	keys := m.c.keys
	files := m.c.ws.FileNames(m.ex)
	if c, moved := moveCursor(k, keys, m.choice, len(files)); moved {
		m.choice = c
		return nil
	}
	switch {
	case keyIs(k, keys.Open):
		m.choosing = false
		return m.edit(files[m.choice])
	case keyIs(k, keys.Choose):
		n := int(k.Runes[0] - '1')
		if n < len(files) {
			m.choosing, m.choice = false, n
			return m.edit(files[n])
		}
	case keyIs(k, keys.Back):
		m.choosing = false
	}
	return nil
}

// edit suspends the interface and opens one of the exercise's files in
// the editor; saving re-checks as it would from any other editor.
func (m *exerciseModel) edit(name string) tea.Cmd {
	p := m.c.printer
	if m.c.editor == "" {
		m.message = p.S("tui.exercise.editor-missing", nil)
		m.toResult = true
		m.layout()
		return nil
	}
	parts := strings.Fields(m.c.editor)
	if _, err := exec.LookPath(parts[0]); err != nil {
		m.message = p.S("tui.exercise.editor-not-found", msg.Args{"Editor": parts[0]})
		m.toResult = true
		m.layout()
		return nil
	}
	path := filepath.Join(m.c.ws.ExerciseDir(m.ex.ID), filepath.FromSlash(name))
	m.opened = path
	cmd := exec.Command(parts[0], append(parts[1:], path)...)
	editor := parts[0]
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return editedMsg{editor: editor, err: err} })
}

// layout rebuilds the scrolling panel: the task first, as the learner
// reads it, then the result and the diagnostics, then the files.
func (m *exerciseModel) layout() {
	c, s, p := m.c, m.c.styles, m.c.printer
	w := max(c.width-2, 20)
	m.vp.Width, m.vp.Height = c.width, max(1, c.bodyH-2)
	var b strings.Builder
	line := func() int { return strings.Count(b.String(), "\n") }
	b.WriteString(s.Heading.Render(p.S("tui.exercise.task", nil)) + "\n")
	if task, ok := c.rendered[m.taskKey()]; ok {
		b.WriteString(strings.Trim(task, "\n") + "\n")
	} else {
		b.WriteString(wrap(strings.TrimSpace(m.ex.Task.In(c.lang)), w) + "\n")
	}
	if m.diff != "" {
		b.WriteString("\n" + s.Heading.Render(p.S("tui.exercise.solution-title", nil)) + "\n" + m.diff + "\n")
	}
	m.messageLine = -1
	if m.message != "" {
		b.WriteString("\n")
		m.messageLine = line()
		b.WriteString(s.Info.Render(wrap(m.message, w)) + "\n")
	}
	b.WriteString("\n")
	m.resultLine = line()
	b.WriteString(s.Heading.Render(p.S("tui.exercise.result", nil)) + "\n")
	switch {
	case m.err != nil:
		b.WriteString(s.Fail.Render(wrap(m.c.printer.Error(m.err), w)) + "\n")
	case m.result == nil:
		b.WriteString(p.S("tui.exercise.grading", nil) + "\n")
	default:
		r := m.result
		for _, ch := range r.Checks {
			mark := s.Fail.Render("✗")
			if ch.Passed {
				mark = s.Pass.Render("✓")
			}
			head := fmt.Sprintf("%d/%d  ", ch.Points, ch.Max)
			fmt.Fprintf(&b, "  %s %s%s\n", mark, head, hang(p.Text(ch.Message), w-2, 2+len(head)))
		}
		if r.Unchanged {
			b.WriteString("\n" + s.Warn.Render(wrap(p.S("tui.exercise.unchanged", nil), w)) + "\n")
		}
		if len(r.Diagnostics) > 0 {
			var db bytes.Buffer
			src := map[string][]byte{}
			for _, f := range m.files {
				src[f.Path] = f.Data
			}
			used := 0
			if e, ok := c.state.Exercises[m.ex.ID]; ok {
				used = e.HintsUsed
			}
			shown, held := workspace.HoldHints(r.Diagnostics, used)
			_ = diag.WriteText(&db, shown, diag.TextOptions{Width: w, Printer: c.printer, Source: func(n string) []byte { return src[n] }})
			if held > 0 && !r.Passed {
				db.WriteString(p.S("tui.exercise.hints-held", msg.Args{"Count": held}) + "\n")
			}
			// Source lines stay whole, to scroll sideways; the words
			// around them fold.
			b.WriteString("\n" + foldText(strings.TrimRight(db.String(), "\n"), c.width) + "\n")
		}
	}
	b.WriteString("\n" + s.Heading.Render(p.S("tui.exercise.files", nil)) + "\n")
	files := c.ws.FileNames(m.ex)
	for i, f := range files {
		path := filepath.Join(c.ws.ExerciseDir(m.ex.ID), filepath.FromSlash(f))
		shown := wrapHang(path, w-2, "    ")
		if c.hyperlinks {
			if abs, err := filepath.Abs(path); err == nil {
				shown = hyperlink(abs, shown)
			}
		}
		if len(files) > 1 {
			shown = fmt.Sprintf("%d. %s", i+1, shown)
		}
		b.WriteString("  " + shown + "\n")
	}
	m.vp.SetContent(b.String())
	if m.toResult {
		m.toResult = false
		at := m.resultLine
		if m.messageLine >= 0 {
			at = m.messageLine
		}
		m.vp.SetYOffset(at)
	}
}

func (m *exerciseModel) view() string {
	c, s, p := m.c, m.c.styles, m.c.printer
	title := wrap(s.Title.Render(m.ex.Title.In(c.lang))+s.Subtle.Render("  ("+m.ex.ID+")"), c.width)
	if m.choosing {
		var b strings.Builder
		b.WriteString(title + "\n\n" + wrap(p.S("tui.exercise.choose-file", nil), c.width) + "\n\n")
		for i, f := range m.c.ws.FileNames(m.ex) {
			pointer := "  "
			line := fmt.Sprintf("%d. %s", i+1, f)
			if i == m.choice {
				pointer, line = "> ", s.Selected.Render(line)
			}
			b.WriteString(pointer + wrapHang(line, c.width-2, "     ") + "\n")
		}
		return b.String()
	}
	score := "–"
	if m.result != nil {
		score = p.S("tui.exercise.points", msg.Args{"Score": m.result.Score, "Max": m.result.Max})
		if m.result.Passed {
			score += "  " + p.S("tui.exercise.passed", nil)
		}
	}
	state := p.S("tui.exercise.not-watching", nil)
	switch m.mode {
	case watch.Events:
		state = p.S("tui.exercise.watching", nil)
	case watch.Polling:
		state = p.S("tui.exercise.polling", nil)
	}
	if m.grading {
		state = p.S("tui.exercise.grading", nil)
	}
	status := s.Status.Render(" "+score+" ") + " " + s.Subtle.Render(state)
	switch m.confirm {
	case "solution":
		status = s.Warn.Render(p.S("tui.exercise.confirm-solution", nil))
	case "reset":
		status = s.Warn.Render(p.S("tui.exercise.confirm-reset", nil))
	}
	status = wrap(status, c.width)
	m.vp.Height = max(1, c.bodyH-strings.Count(title, "\n")-strings.Count(status, "\n")-2)
	return title + "\n" + m.vp.View() + "\n" + status
}

func (m *exerciseModel) helpKeys() helpKeys {
	k := m.c.keys
	if m.confirm != "" {
		return helpKeys{short: []key.Binding{k.Yes, k.No}, full: [][]key.Binding{{k.Yes, k.No}}}
	}
	if m.choosing {
		short := []key.Binding{k.Up, k.Down, k.Choose, k.Open, k.Back}
		return helpKeys{short: short, full: [][]key.Binding{short, {k.ForceQuit, k.Help}}}
	}
	k.Next.SetEnabled(m.next() != nil)
	short := []key.Binding{k.Check, k.Edit, k.Hint, k.Solution, k.Reset, k.Back, k.Help}
	if k.Next.Enabled() {
		short = append([]key.Binding{k.Next}, short...)
	}
	return helpKeys{short: short, full: [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Sideways}, {k.Next, k.Check, k.Edit, k.Hint, k.Solution, k.Reset}, {k.Back, k.ForceQuit, k.Help}}}
}
