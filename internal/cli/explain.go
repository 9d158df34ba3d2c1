package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader/k8s"
	"github.com/iactutor/iactutor/internal/grader/terraform"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/rules"
	"github.com/iactutor/iactutor/internal/suggest"
)

// catalog gathers every rule the validators know.
func catalog() (*rules.Catalog, error) {
	c, err := rules.NewCatalog(rules.FileRules(), rules.CourseRules(), k8s.Rules(), terraform.Rules())
	if err != nil {
		return nil, fmt.Errorf("rule catalogue: %w", err)
	}
	return c, nil
}

type ruleJSON struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Title    string `json:"title"`
	Why      string `json:"why"`
	Fix      string `json:"fix"`
	Lesson   string `json:"lesson"`
}

func toRuleJSON(r rules.Rule, p *msg.Printer) ruleJSON {
	return ruleJSON{ID: r.ID, Severity: r.Severity.String(), Title: p.Text(r.Title()), Why: p.Text(r.Why()), Fix: p.Text(r.Fix()), Lesson: r.Lesson}
}

func (a *app) explainCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "explain RULE",
		Short: a.p().S("cli.explain.short", nil),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, textFormats...); err != nil {
				return err
			}
			cat, err := catalog()
			if err != nil {
				return err
			}
			r, ok := cat.Lookup(args[0])
			if !ok {
				var ids []string
				for _, r := range cat.All() {
					ids = append(ids, r.ID)
				}
				if s := suggest.Nearest(args[0], ids); s != "" {
					return usageError(msg.New("cli.rule.unknown-suggest", msg.Args{"ID": quote(args[0]), "Suggestion": quote(s)}))
				}
				return usageError(msg.New("cli.rule.unknown", msg.Args{"ID": quote(args[0])}))
			}
			if format == "json" {
				return writeJSON(a.stdout, toRuleJSON(r, a.p()))
			}
			return writeExplanation(a.stdout, r, a.p())
		},
	}
	a.formatFlag(cmd, &format)
	return cmd
}

func writeExplanation(w io.Writer, r rules.Rule, p *msg.Printer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n%s\n\n%s:\n  %s\n\n%s:\n  %s\n", r.ID, p.Text(r.Title()),
		p.S("cli.explain.severity", msg.Args{"Severity": severityWord(p, r.Severity)}),
		p.S("cli.explain.why", nil), p.Text(r.Why()), p.S("cli.explain.fix", nil), p.Text(r.Fix()))
	if r.Lesson != "" {
		fmt.Fprintf(&b, "\n%s\n", p.S("cli.explain.lesson", msg.Args{"Lesson": r.Lesson}))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// severityWord is a severity as a word of the reader's language.
func severityWord(p *msg.Printer, s diag.Severity) string {
	return p.S("severity.word."+s.String(), nil)
}

func (a *app) rulesCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: a.p().S("cli.rules.short", nil),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, textFormats...); err != nil {
				return err
			}
			cat, err := catalog()
			if err != nil {
				return err
			}
			if format == "json" {
				out := []ruleJSON{}
				for _, r := range cat.All() {
					out = append(out, toRuleJSON(r, a.p()))
				}
				return writeJSON(a.stdout, map[string]any{"rules": out})
			}
			var b strings.Builder
			for _, r := range cat.All() {
				fmt.Fprintf(&b, "%-32s %-8s %s\n", r.ID, severityWord(a.p(), r.Severity), a.p().Text(r.Title()))
			}
			_, err = io.WriteString(a.stdout, b.String())
			return err
		},
	}
	a.formatFlag(cmd, &format)
	return cmd
}
