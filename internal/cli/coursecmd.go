package cli

import (
	"fmt"
	"maps"
	"slices"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/rules"
)

func (a *app) courseCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "course",
		Short: a.p().S("cli.course.short", nil),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	var report bool
	check := &cobra.Command{
		Use:   "check [DIR]",
		Short: a.p().S("cli.course-check.short", nil),
		Long:  a.p().S("cli.course-check.long", nil),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src := a.source()
			if len(args) == 1 {
				src = course.Dir(args[0])
			}
			return a.courseCheck(src, report)
		},
	}
	check.Flags().BoolVar(&report, "report", false, a.p().S("cli.course-check.flag.report", nil))
	cmd.AddCommand(check)
	return cmd
}

// courseCheck proves the course; report adds, per exercise, the variants
// and mutations tried and how many were judged right.
func (a *app) courseCheck(src course.Source, report bool) error {
	if src.Root != "" {
		if err := checkDir(src.Root); err != nil {
			return err
		}
	}
	c, ds := course.Load(src)
	cat, err := catalog()
	if err != nil {
		return err
	}
	ds = append(ds, course.Validate(c, src, course.ValidateOptions{
		Languages: a.catalog.Languages(),
		KnownRule: func(id string) bool {
			_, ok := cat.Lookup(id)
			return ok
		},
		RequireModule:   true,
		RequireGlossary: true,
	})...)
	msgs, err := a.catalogMessages()
	if err != nil {
		return err
	}
	for _, r := range cat.All() {
		for _, lang := range slices.Sorted(maps.Keys(msgs)) {
			for _, k := range []string{rules.TitleKey(r.ID), rules.WhyKey(r.ID), rules.FixKey(r.ID)} {
				if msgs[lang][k] == "" {
					ds = append(ds, diag.Diagnostic{Severity: diag.SeverityError, Rule: course.RuleContent,
						Summary: msg.New("course.rule-untranslated", msg.Args{"Rule": r.ID, "Lang": lang, "Key": k})})
				}
			}
		}
	}
	g := grader.New()
	var proofs []grader.Proof
	for _, ex := range c.Exercises {
		pr, pds := g.Prove(src, ex)
		proofs = append(proofs, pr)
		ds = append(ds, pds...)
	}
	ds.Sort()
	if err := a.writeDiagnostics(a.stdout, ds, courseReader(src)); err != nil {
		return err
	}
	if report {
		var total grader.Proof
		for _, pr := range proofs {
			fmt.Fprintln(a.stdout, a.p().Text(proofLine(pr.Exercise, pr)))
			total.Pass += pr.Pass
			total.PassOK += pr.PassOK
			total.Fail += pr.Fail
			total.FailCaught += pr.FailCaught
			total.Mutations += pr.Mutations
			total.Caught += pr.Caught
			total.Free += pr.Free
			total.Same += pr.Same
		}
		fmt.Fprintln(a.stdout, a.p().Text(proofLine(a.p().S("cli.course-check.report-total", nil), total)))
	}
	questions := 0
	for _, l := range c.Lessons {
		if l.Checkpoint != nil {
			questions += len(l.Checkpoint.Questions)
		}
	}
	status := msg.New("cli.course-check.ok", nil)
	if ds.HasErrors() {
		status = msg.New("cli.course-check.failed", nil)
	}
	fmt.Fprintln(a.stdout, a.p().Text(msg.New("cli.course-check.summary", msg.Args{
		"Lessons":   msg.New("cli.count.lessons", msg.Args{"Count": len(c.Lessons)}),
		"Questions": msg.New("cli.count.questions", msg.Args{"Count": questions}),
		"Exercises": msg.New("cli.count.exercises", msg.Args{"Count": len(c.Exercises)}),
		"Status":    status,
		"Errors":    msg.New("cli.count.errors", msg.Args{"Count": ds.Count(diag.SeverityError)}),
		"Warnings":  msg.New("cli.count.warnings", msg.Args{"Count": ds.Count(diag.SeverityWarning)}),
	})))
	if ds.HasErrors() {
		return failed
	}
	return nil
}

func proofLine(name string, pr grader.Proof) msg.Text {
	return msg.New("cli.course-check.report-line", msg.Args{
		"Exercise": name, "PassOK": pr.PassOK, "Pass": pr.Pass, "FailCaught": pr.FailCaught, "Fail": pr.Fail,
		"Caught": pr.Caught, "Tried": pr.Mutations, "Free": pr.Free, "Same": pr.Same,
	})
}
