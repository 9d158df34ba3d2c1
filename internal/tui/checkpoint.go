package tui

import (
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/iactutor/iactutor/internal/cmdmatch"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/progress"
)

// checkpointModel asks a lesson's questions one at a time and gives
// feedback with the explanation straight after each answer.
type checkpointModel struct {
	c        *common
	l        *course.Lesson
	idx      int
	cursor   int
	selected map[int]bool
	order    []int // for order questions: step indexes as currently arranged
	input    textinput.Model
	answered bool
	correct  bool
	finished bool
	right    int
	// confirm is true while the retake question is asked; message is what
	// the screen says above the question (an empty answer, a retake).
	confirm bool
	message string
	// first is the first line shown when the question and its feedback
	// do not fit; jump moves it to the feedback once, after an answer;
	// overflow notes that the last view did not fit, for the help.
	first    int
	jump     bool
	overflow bool
}

func newCheckpoint(c *common, l *course.Lesson) *checkpointModel {
	m := &checkpointModel{c: c, l: l}
	m.input = textinput.New()
	m.input.Prompt = "$ "
	m.input.CharLimit = 300
	m.setup()
	return m
}

func (m *checkpointModel) init() tea.Cmd { return nil }

func (m *checkpointModel) q() course.Question { return m.l.Checkpoint.Questions[m.idx] }

// setup prepares the current question.
func (m *checkpointModel) setup() {
	m.cursor, m.answered, m.correct, m.first = 0, false, false, 0
	m.selected = map[int]bool{}
	m.input.SetValue("")
	m.input.Blur()
	q := m.q()
	switch q.Kind {
	case course.Order:
		m.order = shuffled(len(q.Steps), q.ID)
	case course.Command:
		m.input.Focus()
	}
}

// shuffled is a fixed permutation of n steps that is never the right order,
// so the same question always looks the same (deterministic output).
func shuffled(n int, seed string) []int {
	h := fnv.New32a()
	h.Write([]byte(seed))
	s := h.Sum32()
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		s = s*1664525 + 1013904223
		j := int(s % uint32(i+1))
		p[i], p[j] = p[j], p[i]
	}
	if n > 1 && slices.IsSorted(p) {
		p[0], p[n-1] = p[n-1], p[0]
	}
	return p
}

func (m *checkpointModel) typing() bool {
	return m.q().Kind == course.Command && !m.answered && !m.finished
}

func (m *checkpointModel) choices() []string {
	q := m.q()
	if q.Kind == course.TrueFalse {
		return []string{m.c.printer.S("tui.checkpoint.true", nil), m.c.printer.S("tui.checkpoint.false", nil)}
	}
	out := make([]string, len(q.Choices))
	for i, ch := range q.Choices {
		out[i] = ch.In(m.c.lang)
	}
	return out
}

func (m *checkpointModel) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		if m.typing() {
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			return cmd
		}
		return nil
	}
	keys := m.c.keys
	back := backMsg{lesson: m.l.ID}
	if m.confirm {
		m.confirm = false
		if keyIs(k, keys.Yes) {
			return m.retake()
		}
		return nil
	}
	if keyIs(k, keys.Retake) && (!m.typing() || k.String() == "ctrl+r") {
		m.confirm = true
		return nil
	}
	m.message = ""
	if m.scroll(k) {
		return nil
	}
	if m.finished {
		if keyIs(k, keys.Continue) || keyIs(k, keys.Back) {
			return m.c.navigate(back)
		}
		return nil
	}
	if m.answered {
		switch {
		case keyIs(k, keys.Up):
			m.first = max(0, m.first-1)
		case keyIs(k, keys.Down):
			m.first++
		case keyIs(k, keys.Continue):
			if m.idx+1 >= len(m.l.Checkpoint.Questions) {
				m.finished = true
				return nil
			}
			m.idx++
			m.setup()
		case keyIs(k, keys.Back):
			return m.c.navigate(back)
		}
		return nil
	}
	q := m.q()
	if keyIs(k, keys.Escape) || keyIs(k, keys.Back) && !m.typing() {
		return m.c.navigate(back)
	}
	if q.Kind == course.Command {
		if keyIs(k, keys.Answer) {
			if strings.TrimSpace(m.input.Value()) == "" {
				m.message = m.c.printer.S("progress.checkpoint.empty-command", nil)
				return nil
			}
			return m.answer(cmdmatch.MatchAny(m.input.Value(), append([]string{q.Command}, q.Accept...)...))
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return cmd
	}
	n := len(m.choices())
	if q.Kind == course.Order {
		n = len(m.order)
	}
	switch {
	case keyIs(k, keys.MoveUp) && q.Kind == course.Order && m.cursor > 0:
		m.order[m.cursor], m.order[m.cursor-1] = m.order[m.cursor-1], m.order[m.cursor]
		m.cursor--
	case keyIs(k, keys.MoveDown) && q.Kind == course.Order && m.cursor < n-1:
		m.order[m.cursor], m.order[m.cursor+1] = m.order[m.cursor+1], m.order[m.cursor]
		m.cursor++
	case keyIs(k, keys.Up):
		m.cursor = max(0, m.cursor-1)
	case keyIs(k, keys.Down):
		m.cursor = min(n-1, m.cursor+1)
	case keyIs(k, keys.Toggle) && q.Kind == course.Multiple:
		m.selected[m.cursor] = !m.selected[m.cursor]
	case keyIs(k, keys.Answer):
		if q.Kind == course.Multiple && !slices.Contains(slices.Collect(maps.Values(m.selected)), true) {
			// Nothing ticked is no answer: ask again rather than record
			// a wrong one.
			m.message = m.c.printer.S("progress.checkpoint.nothing-ticked", nil)
			return nil
		}
		return m.answer(m.judge())
	}
	return nil
}

// scroll pages through a question and its feedback when they do not fit;
// the arrows move the cursor until the question is answered. Space ticks
// a choice on a question with several answers.
func (m *checkpointModel) scroll(k tea.KeyMsg) bool {
	keys := m.c.keys
	page := max(1, m.c.bodyH-2)
	tick := !m.answered && m.q().Kind == course.Multiple && keyIs(k, keys.Toggle)
	switch {
	case keyIs(k, keys.PageDown) && !m.typing() && !tick:
		m.first += page
	case keyIs(k, keys.PageUp) && !m.typing():
		m.first = max(0, m.first-page)
	default:
		return false
	}
	return true
}

// retake clears the checkpoint's saved answers and starts it again from the
// first question, saying so.
func (m *checkpointModel) retake() tea.Cmd {
	lesson := m.l.ID
	m.idx, m.right, m.finished = 0, 0, false
	m.setup()
	m.message = m.c.printer.S("progress.checkpoint.retaken", nil)
	return m.c.apply(func(s *progress.State) { s.Retake(lesson) })
}

// judge checks a choice, true/false, multiple or order answer.
func (m *checkpointModel) judge() bool {
	q := m.q()
	switch q.Kind {
	case course.Single:
		return q.Answer != nil && m.cursor == *q.Answer
	case course.TrueFalse:
		return q.Truth != nil && (m.cursor == 0) == *q.Truth
	case course.Multiple:
		for i := range q.Choices {
			if m.selected[i] != slices.Contains(q.Answers, i) {
				return false
			}
		}
		return true
	case course.Order:
		return slices.IsSorted(m.order)
	}
	return false
}

// answer records the result and saves progress in the background; a wrong
// answer is counted but never takes back an earlier right one.
func (m *checkpointModel) answer(ok bool) tea.Cmd {
	m.answered, m.correct, m.jump = true, ok, true
	m.input.Blur()
	if ok {
		m.right++
	}
	lesson, q := m.l.ID, m.q().ID
	return m.c.apply(func(s *progress.State) { s.Answer(lesson, q, ok) })
}

func (m *checkpointModel) view() string {
	c, s := m.c, m.c.styles
	title := wrap(s.Title.Render(m.l.Title.In(c.lang)), c.width)
	body, cursorLine, cursorEnd, feedbackLine := m.body()
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	h := max(1, c.bodyH-strings.Count(title, "\n")-1)
	m.overflow = len(lines) > h
	if !m.overflow {
		m.first = 0
		return title + "\n" + body
	}
	switch {
	case m.jump && feedbackLine >= 0:
		// Show the verdict and as much of the explanation as fits.
		m.first = feedbackLine
	case !m.answered && cursorLine >= 0:
		// The whole choice under the cursor, its first line above all.
		m.first = scrollWindow(cursorEnd, len(lines), h, m.first)
		m.first = min(m.first, cursorLine)
	}
	m.jump = false
	m.first = min(max(m.first, 0), len(lines)-h)
	return title + "\n" + strings.Join(lines[m.first:m.first+h], "\n")
}

// body is the screen under the title, with the lines the cursor's choice
// starts and ends on and the line the feedback starts on (-1: none).
func (m *checkpointModel) body() (text string, cursorLine, cursorEnd, feedbackLine int) {
	c, s, p := m.c, m.c.styles, m.c.printer
	w := max(c.width-2, 20)
	var b strings.Builder
	lines := func() int { return strings.Count(b.String(), "\n") }
	cursorLine, cursorEnd, feedbackLine = -1, -1, -1
	total := len(m.l.Checkpoint.Questions)
	if m.confirm {
		b.WriteString("\n" + s.Warn.Render(wrap(p.S("progress.checkpoint.confirm-retake", nil), w)) + "\n")
	}
	if m.message != "" {
		b.WriteString("\n" + s.Info.Render(wrap(m.message, w)) + "\n")
	}
	if m.finished {
		fmt.Fprintf(&b, "\n%s\n", wrap(p.S("tui.checkpoint.finished", msg.Args{"Right": m.right, "Total": total}), w))
		return b.String(), -1, -1, -1
	}
	q := m.q()
	b.WriteString(s.Subtle.Render(p.S("tui.checkpoint.question", msg.Args{"N": m.idx + 1, "Total": total})) + "\n\n")
	b.WriteString(wrap(q.Prompt.In(c.lang), w) + "\n")
	if q.Kind == course.Multiple {
		b.WriteString(s.Subtle.Render(wrap(p.S("tui.checkpoint.choose-all", nil), w)) + "\n")
	}
	b.WriteString("\n")
	switch q.Kind {
	case course.Command:
		if !m.answered {
			b.WriteString(s.Subtle.Render(wrap(p.S("tui.checkpoint.type-command", nil), w)) + "\n")
		}
		cursorLine = lines()
		cursorEnd = cursorLine
		b.WriteString(m.input.View() + "\n")
	case course.Order:
		for i, step := range m.order {
			pointer := "  "
			if m.answered {
				pointer = s.Fail.Render("✗") + " "
				if step == i {
					pointer = s.Pass.Render("✓") + " "
				}
			}
			line := hang(fmt.Sprintf("%d. %s", i+1, q.Steps[step].In(c.lang)), w-2, 3)
			if i == m.cursor && !m.answered {
				pointer = "> "
				line = s.Selected.Render(line)
				cursorLine = lines()
			}
			b.WriteString(pointer + line + "\n")
			if i == m.cursor {
				cursorEnd = lines() - 1
			}
		}
	default:
		for i, ch := range m.choices() {
			pointer := "  "
			box := ""
			if q.Kind == course.Multiple {
				box = "[ ] "
				if m.selected[i] {
					box = "[x] "
				}
			}
			text := box + ch
			if m.answered {
				right, picked := m.isRight(i), m.picked(i)
				var said []string
				switch {
				case right:
					pointer = s.Pass.Render("✓") + " "
					said = append(said, p.S("tui.checkpoint.mark-right", nil))
				case picked:
					pointer = s.Fail.Render("✗") + " "
				}
				if picked {
					said = append(said, p.S("tui.checkpoint.mark-picked", nil))
				}
				if len(said) > 0 {
					text += "  (" + strings.Join(said, ", ") + ")"
				}
			}
			line := hang(text, w-2, len(box))
			if i == m.cursor && !m.answered {
				pointer = "> "
				line = s.Selected.Render(line)
				cursorLine = lines()
			}
			b.WriteString(pointer + line + "\n")
			if i == m.cursor {
				cursorEnd = lines() - 1
			}
		}
	}
	if m.answered {
		b.WriteString("\n")
		feedbackLine = lines()
		if m.correct {
			b.WriteString(s.Pass.Render(p.S("tui.checkpoint.correct", nil)) + "\n")
		} else {
			b.WriteString(s.Fail.Render(p.S("tui.checkpoint.wrong", nil)) + "\n")
			switch q.Kind {
			case course.Command:
				b.WriteString(wrapHang(p.S("tui.checkpoint.right-answer", msg.Args{"Answer": q.Command}), w, "  ") + "\n")
			case course.Order:
				b.WriteString(wrap(p.S("tui.checkpoint.right-order", nil), w) + "\n")
				for i, st := range q.Steps {
					b.WriteString("  " + hang(fmt.Sprintf("%d. %s", i+1, st.In(c.lang)), w-2, 3) + "\n")
				}
			}
		}
		b.WriteString(wrap(q.Explanation.In(c.lang), w) + "\n\n")
		b.WriteString(s.Subtle.Render(wrap(p.S("tui.checkpoint.next", nil), w)) + "\n")
	}
	return b.String(), cursorLine, cursorEnd, feedbackLine
}

// isRight says whether choice i is one of the right answers.
func (m *checkpointModel) isRight(i int) bool {
	q := m.q()
	switch q.Kind {
	case course.Single:
		return q.Answer != nil && i == *q.Answer
	case course.TrueFalse:
		return q.Truth != nil && (i == 0) == *q.Truth
	case course.Multiple:
		return slices.Contains(q.Answers, i)
	}
	return false
}

// picked says whether the learner chose choice i.
func (m *checkpointModel) picked(i int) bool {
	if m.q().Kind == course.Multiple {
		return m.selected[i]
	}
	return i == m.cursor
}

// hang wraps text to w cells, indenting continuation lines by the pointer
// width plus indent so they line up under the text.
func hang(text string, w, indent int) string {
	lines := strings.Split(wrap(text, max(w-indent, 10)), "\n")
	pad := strings.Repeat(" ", 2+indent)
	for i := 1; i < len(lines); i++ {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n")
}

func (m *checkpointModel) helpKeys() helpKeys {
	k := m.c.keys
	if m.confirm {
		return helpKeys{short: []key.Binding{k.Yes, k.No}, full: [][]key.Binding{{k.Yes, k.No}}}
	}
	var short []key.Binding
	switch {
	case m.finished || m.answered:
		short = []key.Binding{k.Continue, k.Back}
	case m.q().Kind == course.Command:
		short = []key.Binding{k.Answer, k.Escape}
	case m.q().Kind == course.Multiple:
		short = []key.Binding{k.Up, k.Down, k.Toggle, k.Answer, k.Back}
	case m.q().Kind == course.Order:
		short = []key.Binding{k.Up, k.Down, k.MoveUp, k.MoveDown, k.Answer, k.Back}
	default:
		short = []key.Binding{k.Up, k.Down, k.Answer, k.Back}
	}
	if m.overflow {
		short = append(short, k.PageDown)
	}
	return helpKeys{short: append(short, k.Help), full: [][]key.Binding{short, {k.PageUp, k.PageDown, k.Retake, k.ForceQuit, k.Help}}}
}
