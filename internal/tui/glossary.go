package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
)

// glossaryModel lists the course's terms with the selected one's whole
// definition under the list. Opened from a lesson it starts on the terms
// that lesson links to, the ones its reader is most likely to need; the
// filter always searches the whole glossary.
type glossaryModel struct {
	c *common
	// from is the lesson the glossary was opened from, nil from home.
	from *course.Lesson
	// all is every term; scoped the lesson's, or all when there is no lesson.
	all, scoped []course.Term
	terms       []course.Term
	cursor      int
	first       int
	filter      listFilter
}

func newGlossary(c *common, from *course.Lesson) *glossaryModel {
	g := &glossaryModel{c: c, from: from, filter: newListFilter(c)}
	if c.course.Glossary != nil {
		g.all, g.scoped = c.course.Glossary.Terms, c.course.Glossary.Terms
		if from != nil {
			var scoped []course.Term
			for _, id := range from.GlossaryRefs() {
				if t, ok := c.course.Glossary.Lookup(id); ok {
					scoped = append(scoped, t)
				}
			}
			if len(scoped) > 0 {
				g.scoped = scoped
			} else {
				g.from = nil
			}
		}
	}
	g.all, g.scoped = g.sorted(g.all), g.sorted(g.scoped)
	g.refresh()
	return g
}

// sorted is the terms in alphabetical order of their names in the
// learner's language, as a reader looks them up.
func (g *glossaryModel) sorted(terms []course.Term) []course.Term {
	col := collate.New(language.Make(g.c.lang), collate.IgnoreCase)
	out := slices.Clone(terms)
	slices.SortStableFunc(out, func(a, b course.Term) int {
		return col.CompareString(a.Term.In(g.c.lang), b.Term.In(g.c.lang))
	})
	return out
}

// refresh applies the filter to the term's ID, aliases and name in the
// learner's language.
func (g *glossaryModel) refresh() {
	q := g.filter.query()
	if q == "" {
		g.terms = append(g.terms[:0], g.scoped...)
	} else {
		g.terms = g.terms[:0]
		for _, t := range g.all {
			if g.matches(t, q) {
				g.terms = append(g.terms, t)
			}
		}
	}
	if g.cursor >= len(g.terms) {
		g.cursor = max(0, len(g.terms)-1)
	}
}

// matches finds a term as `iactutor glossary` does: by ID, alias or name
// in any language, ignoring case, spaces, dashes and underscores, so
// "config map" finds ConfigMap; here a part of a name is enough.
func (g *glossaryModel) matches(t course.Term, q string) bool {
	key := foldTerm(q)
	names := append([]string{t.ID}, t.Aliases...)
	for _, n := range t.Term {
		names = append(names, n)
	}
	return slices.ContainsFunc(names, func(n string) bool { return strings.Contains(foldTerm(n), key) })
}

func foldTerm(s string) string {
	return strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(s)))
}

func (g *glossaryModel) selected() (course.Term, bool) {
	if g.cursor < len(g.terms) {
		return g.terms[g.cursor], true
	}
	return course.Term{}, false
}

// lessonOf is the first lesson that teaches a term, if any.
func (g *glossaryModel) lessonOf(t course.Term) *course.Lesson {
	for _, id := range t.Lessons {
		if l, ok := g.c.course.Lesson(id); ok {
			return l
		}
	}
	return nil
}

func (g *glossaryModel) init() tea.Cmd { return nil }

func (g *glossaryModel) typing() bool { return g.filter.active }

// back returns to the lesson the glossary was opened on, if any.
func (g *glossaryModel) back() tea.Cmd {
	if g.from != nil {
		return g.c.navigate(backMsg{lesson: g.from.ID})
	}
	return g.c.navigate(backMsg{})
}

func (g *glossaryModel) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	keys := g.c.keys
	if g.filter.active {
		cmd := g.filter.update(msg)
		g.refresh()
		return cmd
	}
	if c, moved := moveCursor(k, keys, g.cursor, len(g.terms)); moved {
		g.cursor = c
		return nil
	}
	switch {
	case keyIs(k, keys.Filter):
		return g.filter.start()
	case keyIs(k, keys.ClearFilter) && g.filter.clear():
		g.refresh()
	case keyIs(k, keys.Back):
		return g.back()
	case keyIs(k, keys.OpenLesson):
		if t, ok := g.selected(); ok {
			if l := g.lessonOf(t); l != nil {
				return g.c.navigate(openLessonMsg{l})
			}
		}
	}
	return nil
}

func (g *glossaryModel) view() string {
	c, p, s := g.c, g.c.printer, g.c.styles
	var b strings.Builder
	title := p.S("tui.glossary.title", nil)
	if g.from != nil && g.filter.query() == "" {
		title += " · " + p.S("tui.glossary.of-lesson", msg.Args{"Order": g.from.Order, "Title": g.from.Title.In(c.lang)})
	}
	b.WriteString(wrap(s.Title.Render(title), c.width) + "\n")
	if c.course.Glossary == nil {
		b.WriteString("\n  " + p.S("tui.glossary.none", nil) + "\n")
		return b.String()
	}
	b.WriteString(g.filter.view())
	b.WriteString("\n")
	detail := g.detail()
	detailLines := strings.Count(detail, "\n") + 1
	// The list takes what the definition leaves, and at least a third.
	used := strings.Count(b.String(), "\n")
	avail := max(c.bodyH-used-detailLines-1, (c.bodyH-used)/3, 1)
	if len(g.terms) == 0 {
		b.WriteString("  " + p.S("tui.filter.no-match", nil) + "\n")
		return b.String()
	}
	g.first = scrollWindow(g.cursor, len(g.terms), avail, g.first)
	// The names make a column as wide as the longest one shown, up to
	// half the screen, with the definition's first sentence beside it.
	col := 0
	for i := g.first; i < len(g.terms) && i < g.first+avail; i++ {
		col = max(col, ansi.StringWidth(g.terms[i].Term.In(c.lang)))
	}
	col = min(col, c.width/2)
	for i := g.first; i < len(g.terms) && i < g.first+avail; i++ {
		term := g.terms[i]
		pointer := "  "
		name := term.Term.In(c.lang)
		pad := strings.Repeat(" ", max(0, col-ansi.StringWidth(name)))
		line := name + pad + "  " + s.Subtle.Render(firstSentence(term.Definition.In(c.lang)))
		if i == g.cursor {
			pointer = "> "
			line = s.Selected.Render(term.Term.In(c.lang))
		}
		// A preview: the whole definition is under the list.
		b.WriteString(truncate(pointer+line, c.width) + "\n")
	}
	b.WriteString(s.Subtle.Render(strings.Repeat("─", max(0, c.width-2))) + "\n")
	b.WriteString(detail)
	return b.String()
}

// detail is the selected term's whole entry, wrapped to the screen.
func (g *glossaryModel) detail() string {
	term, ok := g.selected()
	if !ok {
		return ""
	}
	c, p, s := g.c, g.c.printer, g.c.styles
	w := max(c.width-4, 20)
	var b strings.Builder
	b.WriteString(s.Heading.Render(term.Term.In(c.lang)))
	b.WriteString("\n" + indent(wrap(strings.TrimSpace(term.Definition.In(c.lang)), w), "  ") + "\n")
	var see []string
	for _, id := range term.See {
		if st, ok := c.course.Glossary.Lookup(id); ok {
			see = append(see, st.Term.In(c.lang))
		}
	}
	if len(see) > 0 {
		b.WriteString(indent(wrap(p.S("tui.glossary.see-also", msg.Args{"Terms": strings.Join(see, ", ")}), w), "  ") + "\n")
	}
	var taught []string
	for _, id := range term.Lessons {
		if l, ok := c.course.Lesson(id); ok {
			taught = append(taught, fmt.Sprintf("%d. %s", l.Order, l.Title.In(c.lang)))
		}
	}
	if len(taught) > 0 {
		b.WriteString(indent(wrap(p.S("tui.glossary.taught-in", msg.Args{"Lessons": strings.Join(taught, ", ")}), w), "  "))
	}
	return strings.TrimRight(b.String(), "\n")
}

// firstSentence is a definition cut at its first full stop, for the list.
func firstSentence(def string) string {
	def = strings.TrimSpace(def)
	if i := strings.Index(def, ". "); i > 0 {
		return def[:i+1]
	}
	return def
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

func (g *glossaryModel) helpKeys() helpKeys {
	k := g.c.keys
	if t, ok := g.selected(); !ok || g.lessonOf(t) == nil {
		k.OpenLesson.SetEnabled(false)
	}
	short := []key.Binding{k.Up, k.Down, k.Filter}
	if k.OpenLesson.Enabled() {
		short = append(short, k.OpenLesson)
	}
	short = append(short, k.Back, k.Help)
	return helpKeys{
		short: short,
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Filter, k.ClearFilter, k.OpenLesson}, {k.Back, k.ForceQuit, k.Help}},
	}
}
