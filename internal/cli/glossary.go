package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

type termJSON struct {
	ID         string   `json:"id"`
	Term       string   `json:"term"`
	Definition string   `json:"definition"`
	Aliases    []string `json:"aliases"`
	Lessons    []string `json:"lessons"`
	See        []string `json:"see"`
}

func toTermJSON(t course.Term, lang string) termJSON {
	nz := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return termJSON{ID: t.ID, Term: t.Term.In(lang), Definition: strings.TrimSpace(t.Definition.In(lang)), Aliases: nz(t.Aliases), Lessons: nz(t.Lessons), See: nz(t.See)}
}

func (a *app) glossaryCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "glossary [TERM]",
		Short: a.p().S("cli.glossary.short", nil),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, textFormats...); err != nil {
				return err
			}
			c, _, err := a.course()
			if err != nil {
				return err
			}
			if c.Glossary == nil {
				return &exitError{code: ExitFailed, text: msg.New("cli.glossary.none", nil)}
			}
			lang := a.lang()
			terms := c.Glossary.Terms
			if len(args) == 1 {
				t, ok := c.Glossary.Lookup(args[0])
				if !ok {
					if s := suggest.Nearest(args[0], c.Glossary.Keys()); s != "" {
						return usageError(msg.New("cli.glossary.unknown-suggest", msg.Args{"Term": quote(args[0]), "Suggestion": quote(s)}))
					}
					return usageError(msg.New("cli.glossary.unknown", msg.Args{"Term": quote(args[0])}))
				}
				terms = []course.Term{t}
			}
			if format == "json" {
				out := []termJSON{}
				for _, t := range terms {
					out = append(out, toTermJSON(t, lang))
				}
				if len(args) == 1 {
					return writeJSON(a.stdout, out[0])
				}
				return writeJSON(a.stdout, map[string]any{"terms": out})
			}
			return writeTerms(a.stdout, c, terms, a.p(), len(args) == 1)
		},
	}
	a.formatFlag(cmd, &format)
	return cmd
}

func writeTerms(w io.Writer, c *course.Course, terms []course.Term, p *msg.Printer, full bool) error {
	var b strings.Builder
	lang := p.Lang()
	see, lessons := p.S("cli.glossary.see-also", nil), p.S("cli.glossary.lessons", nil)
	for i, t := range terms {
		if !full {
			def := strings.TrimSpace(t.Definition.In(lang))
			if j := strings.Index(def, ". "); j > 0 {
				def = def[:j+1]
			}
			fmt.Fprintf(&b, "%-22s %s — %s\n", t.ID, t.Term.In(lang), def)
			continue
		}
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s\n\n%s\n", t.Term.In(lang), strings.TrimSpace(t.Definition.In(lang)))
		if len(t.See) > 0 {
			var names []string
			for _, s := range t.See {
				if st, ok := c.Glossary.Lookup(s); ok {
					names = append(names, fmt.Sprintf("%s (%s)", st.Term.In(lang), s))
				}
			}
			fmt.Fprintf(&b, "\n%s: %s\n", see, strings.Join(names, ", "))
		}
		if len(t.Lessons) > 0 {
			fmt.Fprintf(&b, "%s: %s\n", lessons, strings.Join(t.Lessons, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// glossaryFooter lists the terms a lesson links to, so a reader of plain
// text can look them up.
func glossaryFooter(c *course.Course, l *course.Lesson, p *msg.Printer) string {
	lang := p.Lang()
	refs := l.GlossaryRefs()
	if c.Glossary == nil || len(refs) == 0 {
		return ""
	}
	var names []string
	for _, id := range refs {
		if t, ok := c.Glossary.Lookup(id); ok {
			names = append(names, fmt.Sprintf("%s (`iactutor glossary %s`)", t.Term.In(lang), id))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("\n\n---\n\n%s: %s.\n", p.S("cli.glossary.in-lesson", nil), strings.Join(names, ", "))
}
