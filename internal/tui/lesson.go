package tui

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
	gansi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/x/ansi"

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
	style, width := m.c.glamourStyle, m.c.width
	return func() tea.Msg {
		out, err := RenderMarkdown(md, style, width)
		return renderedMsg{key: k, out: out, err: err}
	}
}

// RenderMarkdown runs glamour with a fixed style for a terminal of the given
// width: it never asks the terminal anything, so `iactutor lesson` and the
// interface render lessons alike. Style "neutral" is for a terminal whose
// background is not known: text and code keep the terminal's foreground.
// Code lines are never folded: a line wider than the page stays one line,
// for the reader to scroll sideways, and tabs are expanded.
func RenderMarkdown(md, style string, width int) (string, error) {
	w := min(max(width-4, 20), 100)
	md, long := holdLongCode(joinSoftBreaks(md), w-8)
	r, err := glamour.NewTermRenderer(glamour.WithStyles(markdownStyle(style)), glamour.WithWordWrap(w))
	if err != nil {
		return "", fmt.Errorf("preparing the Markdown renderer: %w", err)
	}
	out, err := r.Render(md)
	if err != nil {
		return "", fmt.Errorf("rendering Markdown: %w", err)
	}
	for i, line := range long {
		out = strings.ReplaceAll(out, codeMark(i), line)
	}
	return out, nil
}

// markdownStyle is glamour's style of that name, with two changes: without
// colour, bold and italic text loses its ** and * markers (they read as
// noise, not emphasis), and "neutral" is the dark style without the
// foreground colours that vanish on a light background.
func markdownStyle(name string) gansi.StyleConfig {
	switch name {
	case "light":
		return styles.LightStyleConfig
	case "dark":
		return styles.DarkStyleConfig
	case "neutral":
		cfg := styles.DarkStyleConfig
		cfg.Document.Color = nil
		cfg.CodeBlock.Color = nil
		cfg.CodeBlock.Chroma = nil
		return cfg
	}
	cfg := styles.NoTTYStyleConfig
	cfg.Strong.BlockPrefix, cfg.Strong.BlockSuffix = "", ""
	cfg.Emph.BlockPrefix, cfg.Emph.BlockSuffix = "", ""
	return cfg
}

// codeMark is the stand-in for the i-th held code line: letters only, of
// one length, so the highlighter keeps it one word and no mark is the
// start of another.
func codeMark(i int) string {
	b := []byte("iactutorcodeline")
	for range 4 {
		b = append(b, byte('a'+i%26))
		i /= 26
	}
	return string(b)
}

// holdLongCode expands tabs in fenced code blocks and replaces every code
// line wider than limit by a mark, which glamour cannot fold; the lines
// come back after rendering.
func holdLongCode(md string, limit int) (string, []string) {
	lines := strings.Split(md, "\n")
	var long []string
	fence, fenceIndent := "", 0
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		ind := len(l) - len(trimmed)
		if fence == "" {
			if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
				fence, fenceIndent = trimmed[:3], ind
			}
			continue
		}
		if strings.HasPrefix(trimmed, fence) && strings.TrimSpace(strings.TrimLeft(trimmed, fence[:1])) == "" {
			fence = ""
			continue
		}
		cut := min(ind, fenceIndent)
		code := expandTabs(l[cut:])
		lines[i] = l[:cut] + code
		if ansi.StringWidth(code) > max(limit-fenceIndent, 10) {
			lines[i] = l[:cut] + codeMark(len(long))
			long = append(long, code)
		}
	}
	return strings.Join(lines, "\n"), long
}

// blockStart matches a line that starts a Markdown block of its own: a
// heading, a list item, a quote, a table row, a fence, a rule or HTML.
var blockStart = regexp.MustCompile("^\\s*([#>|<]|[-*+]\\s|\\d+[.)]\\s|```|~~~|---|\\*\\*\\*)")

// joinSoftBreaks puts the lines of a paragraph or list item on one line.
// glamour keeps a list item's source line breaks after folding it, which
// leaves a word alone on a line; joined, the item folds evenly.
func joinSoftBreaks(md string) string {
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	inFence, joinable := false, false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			out = append(out, l)
			joinable = false
			continue
		}
		if inFence || t == "" || blockStart.MatchString(l) {
			out = append(out, l)
			// Text after a heading, rule or table is a new block.
			joinable = !inFence && t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "|") && !strings.HasPrefix(t, "<") && strings.Trim(t, "-*") != ""
			continue
		}
		prev := ""
		if len(out) > 0 {
			prev = out[len(out)-1]
		}
		if joinable && !strings.HasSuffix(prev, "  ") && !strings.HasSuffix(prev, "\\") {
			out[len(out)-1] = prev + " " + t
			continue
		}
		out = append(out, l)
		joinable = true
	}
	return strings.Join(out, "\n")
}

// expandTabs puts spaces to the next multiple of four for each tab, as
// editors show Terraform and YAML.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col += runewidth(r)
	}
	return b.String()
}

func runewidth(r rune) int { return ansi.StringWidth(string(r)) }

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
