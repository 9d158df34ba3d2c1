package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"

	"github.com/iactutor/iactutor/internal/course"
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
}

func newLesson(c *common, l *course.Lesson) *lessonModel {
	return &lessonModel{c: c, l: l, vp: newViewport(c, c.width, max(1, c.height-3))}
}

// newViewport makes a viewport that scrolls with the interface's own keys.
func newViewport(c *common, w, h int) viewport.Model {
	vp := viewport.New(w, h)
	vp.KeyMap = viewport.KeyMap{
		Up: c.keys.Up, Down: c.keys.Down, PageUp: c.keys.PageUp, PageDown: c.keys.PageDown,
		HalfPageUp: key.NewBinding(key.WithKeys("u", "ctrl+u")), HalfPageDown: key.NewBinding(key.WithKeys("d", "ctrl+d")),
	}
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
	m.vp.Width, m.vp.Height = m.c.width, max(1, m.c.height-3)
	k := m.cacheKey()
	if out, ok := m.c.rendered[k]; ok {
		m.setContent(out)
		return nil
	}
	m.ready = false
	md := m.l.Markdown(m.c.lang)
	style, width := m.c.glamourStyle, m.c.width
	return func() tea.Msg {
		out, err := RenderMarkdown(md, style, width)
		return renderedMsg{key: k, out: out, err: err}
	}
}

// RenderMarkdown runs glamour with a fixed style for a terminal of the given
// width: it never asks the terminal anything, so `iactutor lesson` and the
// interface render lessons alike.
func RenderMarkdown(md, style string, width int) (string, error) {
	w := min(max(width-4, 20), 100)
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(w))
	if err != nil {
		return "", fmt.Errorf("preparing the Markdown renderer: %w", err)
	}
	out, err := r.Render(md)
	if err != nil {
		return "", fmt.Errorf("rendering Markdown: %w", err)
	}
	return out, nil
}

func (m *lessonModel) setContent(out string) {
	m.rendered = out
	m.ready = true
	m.width = m.c.width
	m.vp.SetContent(strings.TrimRight(out, "\n") + "\n\n" + m.c.styles.Info.Render("  "+m.c.printer.S("tui.lesson.end", nil)))
	for _, k := range m.pending {
		m.vp, _ = m.vp.Update(k)
	}
	m.pending = nil
}

func (m *lessonModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
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
		case keyIs(msg, k.Back), keyIs(msg, k.Quit):
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
	title := s.Title.Render(fmt.Sprintf("%d. %s", m.l.Order, m.l.Title.In(m.c.lang)))
	if !m.ready {
		return title + "\n\n" + m.c.printer.S("tui.lesson.rendering", nil)
	}
	pos := fmt.Sprintf("%3.0f%%", m.vp.ScrollPercent()*100)
	return title + "\n" + m.vp.View() + "\n" + s.Subtle.Render(strings.Repeat("─", max(0, m.c.width-6))) + " " + pos
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
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Checkpoint, k.Exercises, k.Glossary}, {k.Back, k.ForceQuit, k.Help}},
	}
}
