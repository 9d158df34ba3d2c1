package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
)

// homeRow is one selectable line of the course map.
type homeRow struct {
	lesson *course.Lesson
	ex     *course.Exercise
}

// homeModel is the course map: lessons in order with their exercises, the
// module checklist and the overall progress.
type homeModel struct {
	c      *common
	rows   []homeRow
	cursor int
	first  int
	filter listFilter
}

func newHome(c *common) *homeModel {
	h := &homeModel{c: c, filter: newListFilter(c)}
	h.refresh()
	return h
}

// refresh rebuilds the rows for the current filter.
func (h *homeModel) refresh() {
	q := h.filter.query()
	match := func(parts ...string) bool {
		if q == "" {
			return true
		}
		for _, p := range parts {
			if strings.Contains(strings.ToLower(p), q) {
				return true
			}
		}
		return false
	}
	h.rows = nil
	for _, l := range h.c.course.Lessons {
		lm := match(l.ID, l.Title.In(h.c.lang))
		var exRows []homeRow
		for _, ex := range h.c.course.ExercisesOf(l.ID) {
			if lm || match(append([]string{ex.ID, ex.Title.In(h.c.lang)}, ex.Topics...)...) {
				exRows = append(exRows, homeRow{ex: ex})
			}
		}
		if lm || len(exRows) > 0 {
			h.rows = append(h.rows, homeRow{lesson: l})
			h.rows = append(h.rows, exRows...)
		}
	}
	if h.cursor >= len(h.rows) {
		h.cursor = max(0, len(h.rows)-1)
	}
}

func (h *homeModel) init() tea.Cmd { return nil }

func (h *homeModel) typing() bool { return h.filter.active }

func (h *homeModel) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	keys := h.c.keys
	if h.filter.active {
		cmd := h.filter.update(msg)
		h.refresh()
		return cmd
	}
	if c, moved := moveCursor(k, keys, h.cursor, len(h.rows)); moved {
		h.cursor = c
		return nil
	}
	switch {
	case keyIs(k, keys.Filter):
		return h.filter.start()
	case keyIs(k, keys.Glossary):
		return h.c.navigate(openGlossaryMsg{})
	case keyIs(k, keys.Back):
		if h.filter.clear() {
			h.refresh()
		}
	case keyIs(k, keys.Open):
		if h.cursor < len(h.rows) {
			r := h.rows[h.cursor]
			if r.lesson != nil {
				return h.c.navigate(openLessonMsg{r.lesson})
			}
			return h.c.navigate(openExerciseMsg{r.ex})
		}
	}
	return nil
}

// status words for an exercise; each has a symbol so it reads without colour.
func (c *common) exerciseStatus(id string) (symbol, word string) {
	e, ok := c.state.Exercises[id]
	switch {
	case !ok || e.Attempts == 0 && !e.Passed && !e.SolutionRevealed:
		return "·", c.printer.S("tui.status.not-started", nil)
	case e.Passed && e.SolutionRevealed:
		return "✓", c.printer.S("tui.status.passed-revealed", nil)
	case e.Passed:
		return "✓", c.printer.S("tui.status.passed", nil)
	case e.SolutionRevealed:
		return "!", c.printer.S("tui.status.revealed", nil)
	}
	return "✗", c.printer.S("tui.status.failing", nil)
}

func (c *common) statusStyle(symbol string) func(...string) string {
	switch symbol {
	case "✓":
		return c.styles.Pass.Render
	case "✗":
		return c.styles.Fail.Render
	case "!":
		return c.styles.Warn.Render
	}
	return c.styles.Subtle.Render
}

func (h *homeModel) view() string {
	c, p, s := h.c, h.c.printer, h.c.styles
	var b strings.Builder
	b.WriteString(s.Title.Render(p.S("tui.home.title", nil)) + "\n")
	passed, right, questions := 0, 0, 0
	for _, ex := range c.course.Exercises {
		if c.state.ExercisePassed(ex.ID) {
			passed++
		}
	}
	for _, l := range c.course.Lessons {
		if l.Checkpoint != nil {
			questions += len(l.Checkpoint.Questions)
			right += c.state.Checkpoint(l.ID).Score()
		}
	}
	done, total := passed+right, len(c.course.Exercises)+questions
	pct := 0
	if total > 0 {
		pct = done * 100 / total
	}
	fmt.Fprintf(&b, "%s %3d%%  %s\n", progressBar(done, total, min(30, c.width/3)), pct, p.S("tui.home.progress", msg.Args{"Passed": passed, "Exercises": len(c.course.Exercises), "Right": right, "Questions": questions}))

	// The module checklist.
	if c.course.Module != nil && len(c.course.Module.Items) > 0 {
		b.WriteString("\n" + s.Heading.Render(p.S("tui.home.module", nil)) + "\n")
		todo, done := p.S("tui.home.item-todo", nil), p.S("tui.home.item-done", nil)
		for _, it := range c.course.Module.Items {
			mark, word := "[ ]", todo
			if it.Done(c.state) {
				mark, word = "[x]", done
			}
			fmt.Fprintf(&b, "  %s %s (%s)\n", mark, it.Title.In(c.lang), word)
		}
	}
	b.WriteString("\n" + s.Heading.Render(p.S("tui.home.lessons", nil)) + "\n")
	b.WriteString(h.filter.view())
	used := strings.Count(b.String(), "\n")
	avail := c.height - used - 2
	if len(h.rows) == 0 {
		b.WriteString("  " + p.S("tui.filter.no-match", nil) + "\n")
		return b.String()
	}
	h.first = scrollWindow(h.cursor, len(h.rows), avail, h.first)
	for i := h.first; i < len(h.rows) && i < h.first+max(avail, 1); i++ {
		r := h.rows[i]
		pointer := "  "
		if i == h.cursor {
			pointer = "> "
		}
		var line string
		if r.lesson != nil {
			score := ""
			if r.lesson.Checkpoint != nil {
				n := len(r.lesson.Checkpoint.Questions)
				score = p.S("tui.home.questions", msg.Args{"Right": c.state.Checkpoint(r.lesson.ID).Score(), "Total": n})
			}
			line = fmt.Sprintf("%2d. %s  %s", r.lesson.Order, r.lesson.Title.In(c.lang), s.Subtle.Render("("+score+")"))
		} else {
			sym, word := c.exerciseStatus(r.ex.ID)
			line = fmt.Sprintf("      %s %s  %s", c.statusStyle(sym)(sym), r.ex.Title.In(c.lang), s.Subtle.Render("["+word+"]"))
		}
		if i == h.cursor {
			line = s.Selected.Render(line)
		}
		b.WriteString(pointer + line + "\n")
	}
	return b.String()
}

func (h *homeModel) helpKeys() helpKeys {
	k := h.c.keys
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.Glossary, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Open, k.Filter, k.Glossary, k.Back}, {k.Quit, k.ForceQuit, k.Help}},
	}
}
