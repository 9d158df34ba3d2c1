package course

import (
	"slices"
	"strings"

	"github.com/iactutor/iactutor/internal/msg"
)

// Term is one glossary entry.
type Term struct {
	ID         string   `yaml:"id"`
	Term       Text     `yaml:"term"`
	Aliases    []string `yaml:"aliases"`
	Definition Text     `yaml:"definition"`
	Lessons    []string `yaml:"lessons"`
	See        []string `yaml:"see"`
	Line       int      `yaml:"-"`
}

// Glossary is lessons/glossary.yaml.
type Glossary struct {
	Terms []Term `yaml:"terms"`
}

// GlossaryFile is where the glossary lives.
const GlossaryFile = "lessons/glossary.yaml"

// MinGlossaryTerms is the smallest glossary course check accepts.
const MinGlossaryTerms = 30

func (l *loader) glossary() *Glossary {
	b, ok := l.readFile(GlossaryFile)
	if !ok {
		return nil
	}
	g := &Glossary{}
	doc, ok := l.decodeStrict(GlossaryFile, b, g)
	if !ok {
		return nil
	}
	lines := itemLines(doc, "terms")
	for i := range g.Terms {
		if i < len(lines) {
			g.Terms[i].Line = lines[i]
		}
	}
	return g
}

// Lookup finds a term by ID, alias or name in any language, ignoring case,
// spaces and dashes, so "config map", "ConfigMap" and "cm" all work.
func (g *Glossary) Lookup(q string) (Term, bool) {
	if g == nil {
		return Term{}, false
	}
	key := fold(q)
	for _, t := range g.Terms {
		if fold(t.ID) == key || slices.ContainsFunc(t.Aliases, func(a string) bool { return fold(a) == key }) {
			return t, true
		}
		for _, name := range t.Term {
			if fold(name) == key {
				return t, true
			}
		}
	}
	return Term{}, false
}

// Keys lists every name a term can be found by, for suggestions.
func (g *Glossary) Keys() []string {
	var out []string
	if g == nil {
		return nil
	}
	for _, t := range g.Terms {
		out = append(out, t.ID)
		out = append(out, t.Aliases...)
	}
	return out
}

func fold(s string) string {
	return strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(s)))
}

func (v *loader) validateGlossary(c *Course) {
	g := c.Glossary
	if g == nil {
		v.fail(GlossaryFile, 0, "course.no-glossary", msg.Args{"File": GlossaryFile})
		return
	}
	if len(g.Terms) < MinGlossaryTerms {
		v.fail(GlossaryFile, 1, "course.glossary-too-few", msg.Args{"Min": MinGlossaryTerms, "Have": len(g.Terms)})
	}
	ids := map[string]bool{}
	for _, t := range g.Terms {
		if t.ID == "" || ids[t.ID] {
			v.fail(GlossaryFile, t.Line, "course.term-no-unique-id", msg.Args{"Term": t.ID})
		}
		ids[t.ID] = true
	}
	for _, t := range g.Terms {
		name := msg.New("course.name.term", msg.Args{"Term": t.ID})
		v.text(GlossaryFile, t.Line, name, t.Term)
		v.text(GlossaryFile, t.Line, msg.New("course.name.definition", msg.Args{"Name": name}), t.Definition)
		for _, s := range t.See {
			if !ids[s] {
				v.fail(GlossaryFile, t.Line, "course.term-unknown-see", msg.Args{"Name": name, "Term": s})
			}
		}
		for _, l := range t.Lessons {
			if _, ok := c.Lesson(l); !ok {
				v.fail(GlossaryFile, t.Line, "course.names-unknown-lesson", msg.Args{"Name": name, "Lesson": l})
			}
		}
	}
	for _, les := range c.Lessons {
		for _, lang := range les.Languages() {
			for _, id := range linkedTerms(les.Body[lang]) {
				if !ids[id] {
					v.fail(les.Dir, 0, "course.lesson-unknown-term", msg.Args{"Lesson": les.ID, "Lang": lang, "Term": id})
				}
			}
		}
	}
}

func linkedTerms(md string) []string {
	var out []string
	for _, m := range glossaryLink.FindAllStringSubmatch(md, -1) {
		out = append(out, m[2])
	}
	return out
}
