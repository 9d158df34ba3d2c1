package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/markdown"
)

// lessonModel shows one lesson's Markdown in a scrolling viewport.
type lessonModel struct {
	c        *common
	l        *course.Lesson
	vp       viewport.Model
	width    int // the width the content was rendered for
	ready    bool
	rendered string
	// pending holds keys pressed while the lesson was still rendering, to
	// replay once it is there.
	pending []tea.Msg
	// place is how far down the learner had read (0 to 1) when the width
	// changed, restored on the lesson rendered for the new width; wide is
	// true when a code line is wider than the screen.
	place   float64
	restore bool
	wide    bool
}

func newLesson(c *common, l *course.Lesson) *lessonModel {
	return &lessonModel{c: c, l: l, vp: newViewport(c, c.width, max(1, c.bodyH-2))}
}

// newViewport makes a viewport that scrolls with the interface's own keys.
func newViewport(c *common, w, h int) viewport.Model {
	vp := viewport.New(w, h)
	vp.KeyMap = viewport.KeyMap{
		Up: c.keys.Up, Down: c.keys.Down, PageUp: c.keys.PageUp, PageDown: c.keys.PageDown,
		HalfPageUp: key.NewBinding(key.WithKeys("u", "ctrl+u")), HalfPageDown: key.NewBinding(key.WithKeys("d", "ctrl+d")),
		Left: c.keys.Left, Right: c.keys.Right,
	}
	// Code lines wider than the screen are kept whole: the arrows scroll
	// sideways to read them.
	vp.SetHorizontalStep(8)
	return vp
}

type renderedMsg struct {
	key, out string
	err      error
}

func (m *lessonModel) cacheKey() string {
	return fmt.Sprintf("%s/%s/%d", m.l.ID, m.c.lang, m.c.width)
}

// init renders the lesson for the current width, from the cache when it can.
func (m *lessonModel) init() tea.Cmd {
	m.vp.Width, m.vp.Height = m.c.width, max(1, m.c.bodyH-2)
	k := m.cacheKey()
	if out, ok := m.c.rendered[k]; ok {
		m.setContent(out)
		return nil
	}
	m.ready = false
	md := m.l.Markdown(m.c.lang)
	style, width := m.c.markdownTheme, m.c.width
	return func() tea.Msg {
		out, err := RenderMarkdown(md, style, width)
		return renderedMsg{key: k, out: out, err: err}
	}
}

// RenderMarkdown renders lesson Markdown for a terminal of the given width
// with a fixed theme: it never asks the terminal anything, so `iactutor
// lesson` and the interface render lessons alike. Theme "neutral" is for a
// terminal whose background is not known: text and code keep the
// terminal's foreground. Code lines are never folded: a line wider than
// the page stays one line, for the reader to scroll sideways, and tabs are
// expanded.
func RenderMarkdown(md, style string, width int) (string, error) {
	w := min(max(width-4, 20), 100)
	out, err := markdown.Render(md, w, markdown.ThemeFor(style))
	if err != nil {
		return "", fmt.Errorf("rendering Markdown: %w", err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return "\n" + strings.Join(lines, "\n") + "\n", nil
}

func (m *lessonModel) setContent(out string) {
	m.rendered = out
	m.ready = true
	m.width = m.c.width
	end := wrapHang(m.c.printer.S("tui.lesson.end", nil), m.c.width-2, "  ")
	content := strings.TrimRight(out, "\n") + "\n\n" + m.c.styles.Info.Render("  "+end)
	m.vp.Width = m.c.width
	m.vp.SetContent(content)
	m.wide = false
	for _, l := range strings.Split(content, "\n") {
		if ansi.StringWidth(l) > m.c.width {
			m.wide = true
			break
		}
	}
	if m.restore {
		m.restore = false
		m.vp.SetYOffset(int(m.place*float64(m.vp.TotalLineCount()) + 0.5))
	}
	for _, k := range m.pending {
		m.vp, _ = m.vp.Update(k)
	}
	m.pending = nil
}

func (m *lessonModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if m.ready && m.width != m.c.width {
			// Rewrapped text has other line numbers: keep the share read.
			m.place = float64(m.vp.YOffset) / float64(max(1, m.vp.TotalLineCount()))
			m.restore = true
		}
		return m.init()
	case renderedMsg:
		if msg.err != nil {
			// Fall back to the plain Markdown: the lesson is still readable.
			msg.out = m.l.Markdown(m.c.lang)
		}
		m.c.rendered[msg.key] = msg.out
		if msg.key == m.cacheKey() {
			m.setContent(msg.out)
		}
		return nil
	case tea.KeyMsg:
		k := m.c.keys
		switch {
		case keyIs(msg, k.Back):
			return m.c.navigate(backMsg{})
		case keyIs(msg, k.Checkpoint):
			if m.l.Checkpoint != nil {
				return m.c.navigate(openCheckpointMsg{m.l})
			}
			return nil
		case keyIs(msg, k.Exercises):
			if ex := m.nextExercise(); ex != nil {
				return m.c.navigate(openExerciseMsg{ex})
			}
			return nil
		case keyIs(msg, k.Glossary):
			return m.c.navigate(openGlossaryMsg{from: m.l})
		case !m.ready:
			m.pending = append(m.pending, msg)
			return nil
		}
	}
	return scroll(&m.vp, m.c.keys, msg)
}

// scroll moves a viewport for a key (top and bottom included) or any other
// message it understands.
func scroll(vp *viewport.Model, k KeyMap, msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case keyIs(km, k.Top):
			vp.GotoTop()
			return nil
		case keyIs(km, k.Bottom):
			vp.GotoBottom()
			return nil
		}
	}
	var cmd tea.Cmd
	*vp, cmd = vp.Update(msg)
	return cmd
}

// nextExercise is the lesson's first exercise not passed yet, else its first.
func (m *lessonModel) nextExercise() *course.Exercise {
	exs := m.c.course.ExercisesOf(m.l.ID)
	for _, ex := range exs {
		if !m.c.state.ExercisePassed(ex.ID) {
			return ex
		}
	}
	if len(exs) > 0 {
		return exs[0]
	}
	return nil
}

func (m *lessonModel) view() string {
	s := m.c.styles
	title := wrap(s.Title.Render(fmt.Sprintf("%d. %s", m.l.Order, m.l.Title.In(m.c.lang))), m.c.width)
	if !m.ready {
		return title + "\n\n" + m.c.printer.S("tui.lesson.rendering", nil)
	}
	m.vp.Height = max(1, m.c.bodyH-2-strings.Count(title, "\n"))
	pos := fmt.Sprintf("%3.0f%%", m.vp.ScrollPercent()*100)
	if m.wide {
		pos = "←→ " + pos
	}
	rule := s.Subtle.Render(strings.Repeat("─", max(0, m.c.width-ansi.StringWidth(pos)-2)))
	return title + "\n" + m.vp.View() + "\n" + rule + " " + pos
}

func (m *lessonModel) helpKeys() helpKeys {
	k := m.c.keys
	k.Checkpoint.SetEnabled(m.l.Checkpoint != nil)
	k.Exercises.SetEnabled(len(m.c.course.ExercisesOf(m.l.ID)) > 0)
	// Space pages down as in any pager; the full help lists it.
	short := []key.Binding{k.Up, k.Down}
	if k.Checkpoint.Enabled() {
		short = append(short, k.Checkpoint)
	}
	if k.Exercises.Enabled() {
		short = append(short, k.Exercises)
	}
	short = append(short, k.Glossary, k.Back, k.Help)
	return helpKeys{
		short: short,
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Sideways, k.Checkpoint, k.Exercises, k.Glossary}, {k.Back, k.ForceQuit, k.Help}},
	}
}
