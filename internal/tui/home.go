package tui

import (
	"fmt"
	"slices"
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

// resume puts the cursor where the learner left off: on the lesson or
// exercise opened last. A progress file from before places were recorded
// (or naming one the course no longer has) keeps only results, so then it
// is the last lesson with a result: on its first exercise not passed yet,
// on the lesson itself while its checkpoint is not all right, else on the
// lesson after it.
func (h *homeModel) resume() {
	c := h.c
	if id := c.state.Last; id != "" {
		for i, r := range h.rows {
			if r.ex != nil && r.ex.ID == id || r.lesson != nil && r.lesson.ID == id {
				h.cursor = i
				return
			}
		}
	}
	last := -1
	for i, l := range c.course.Lessons {
		if cp, ok := c.state.Checkpoints[l.ID]; ok && len(cp.Answered) > 0 {
			last = i
		}
		for _, ex := range c.course.ExercisesOf(l.ID) {
			if e, ok := c.state.Exercises[ex.ID]; ok && (e.Attempts > 0 || e.Passed) {
				last = i
			}
		}
	}
	if last < 0 {
		return
	}
	l := c.course.Lessons[last]
	var target homeRow
	// The exercise being worked on, else the first not passed after the
	// last one worked on, else the first not passed.
	exs := c.course.ExercisesOf(l.ID)
	after := 0
	for i, ex := range exs {
		e, ok := c.state.Exercises[ex.ID]
		if ok && !e.Passed && e.Attempts > 0 {
			target = homeRow{ex: ex}
			break
		}
		if ok && (e.Attempts > 0 || e.Passed) {
			after = i + 1
		}
	}
	for _, ex := range slices.Concat(exs[after:], exs[:after]) {
		if target.ex != nil {
			break
		}
		if !c.state.ExercisePassed(ex.ID) {
			target = homeRow{ex: ex}
		}
	}
	if target.ex == nil {
		target = homeRow{lesson: l}
		cp, ok := c.state.Checkpoints[l.ID]
		whole := l.Checkpoint == nil || ok && cp.Score() >= len(l.Checkpoint.Questions)
		if whole && last+1 < len(c.course.Lessons) {
			target = homeRow{lesson: c.course.Lessons[last+1]}
		}
	}
	for i, r := range h.rows {
		if r == target {
			h.cursor = i
			return
		}
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
		before := h.filter.query()
		cmd := h.filter.update(msg)
		if h.filter.query() != before {
			h.cursor, h.first = 0, 0
		}
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
	case keyIs(k, keys.ClearFilter):
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
	// A short terminal (an editor's panel) gets the checklist on one line
	// and no blank lines, then no title and checklist either, so the
	// lessons keep most of the room.
	var out string
	for level := range 3 {
		v, room := h.render(level)
		out = v
		if room >= min(len(h.rows), 6) {
			break
		}
	}
	return out
}

// render draws the map at a level of compactness: 0 whole, 1 with the
// module checklist on one line, 2 without title and checklist. It returns
// the rows' room too.
func (h *homeModel) render(level int) (string, int) {
	c, p, s := h.c, h.c.printer, h.c.styles
	w := c.width
	compact := level > 0
	gap := "\n"
	if compact {
		gap = ""
	}
	var b strings.Builder
	if level < 2 {
		b.WriteString(wrap(s.Title.Render(p.S("tui.home.title", nil)), w) + "\n")
	}
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
	bar := fmt.Sprintf("%s %3d%%  ", progressBar(done, total, min(30, w/3)), pct)
	counts := p.S("tui.home.progress", msg.Args{"Passed": passed, "Exercises": len(c.course.Exercises), "Right": right, "Questions": questions})
	b.WriteString(wrap(bar+counts, w) + "\n")

	// The module checklist.
	if c.course.Module != nil && len(c.course.Module.Items) > 0 && level < 2 {
		items := c.course.Module.Items
		ticked := 0
		for _, it := range items {
			if it.Done(c.state) {
				ticked++
			}
		}
		if compact {
			line := s.Heading.Render(p.S("tui.home.module", nil)) + ": " + p.S("tui.home.module-count", msg.Args{"Done": ticked, "Total": len(items)})
			b.WriteString(wrap(line, w) + "\n")
		} else {
			b.WriteString("\n" + s.Heading.Render(p.S("tui.home.module", nil)) + "\n")
			todo, doneWord := p.S("tui.home.item-todo", nil), p.S("tui.home.item-done", nil)
			for _, it := range items {
				mark, word := "[ ]", todo
				if it.Done(c.state) {
					mark, word = "[x]", doneWord
				}
				b.WriteString("  " + wrapHang(fmt.Sprintf("%s %s (%s)", mark, it.Title.In(c.lang), word), w-2, "    ") + "\n")
			}
		}
	}
	b.WriteString(gap + s.Heading.Render(p.S("tui.home.lessons", nil)) + "\n")
	b.WriteString(h.filter.view())
	used := strings.Count(b.String(), "\n")
	room := c.bodyH - used
	avail := max(room, 1)
	if len(h.rows) == 0 {
		b.WriteString("  " + p.S("tui.filter.no-match", nil) + "\n")
		return b.String(), room
	}
	h.first = scrollWindow(h.cursor, len(h.rows), avail, h.first)
	for i := h.first; i < len(h.rows) && i < h.first+avail; i++ {
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
				score = "  " + s.Subtle.Render("("+p.S("tui.home.questions", msg.Args{"Right": c.state.Checkpoint(r.lesson.ID).Score(), "Total": n})+")")
			}
			line = fmt.Sprintf("%2d. %s%s", r.lesson.Order, r.lesson.Title.In(c.lang), score)
		} else {
			sym, word := c.exerciseStatus(r.ex.ID)
			line = fmt.Sprintf("      %s %s  %s", c.statusStyle(sym)(sym), r.ex.Title.In(c.lang), s.Subtle.Render("["+word+"]"))
		}
		if i == h.cursor {
			line = s.Selected.Render(line)
		}
		// One row per entry, so the cursor moves a line at a time; a
		// title too long for the row ends in "…".
		b.WriteString(truncate(pointer+line, w) + "\n")
	}
	return b.String(), room
}

func (h *homeModel) helpKeys() helpKeys {
	k := h.c.keys
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.Glossary, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Open, k.Filter, k.ClearFilter, k.Glossary}, {k.Quit, k.ForceQuit, k.Help}},
	}
}
