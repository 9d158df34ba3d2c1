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
		Short: "Tools for course authors",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "check [DIR]",
		Short: "Self-test a course: structure, translations, and every exercise's start and solution",
		Long: `Check a course folder (or the built-in course): unique IDs, lessons that
exist, questions with exactly the right answers, every translation present,
exercise files present in start/ and solution/ with nothing stray. Exits 1 and
names the file and line of every problem.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src := a.source()
			if len(args) == 1 {
				src = course.Dir(args[0])
			}
			return a.courseCheck(src)
		},
	})
	return cmd
}

func (a *app) courseCheck(src course.Source) error {
	if src.Root != "" {
		if ok, err := isDir(src.Root); !ok {
			return usageError("%s: %v", src.Root, err)
		}
	}
	c, ds := course.Load(src)
	cat, err := catalog()
	if err != nil {
		return err
	}
	ds = append(ds, course.Validate(c, src, course.ValidateOptions{
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
	for _, ex := range c.Exercises {
		ds = append(ds, g.SelfTest(src, ex)...)
	}
	ds.Sort()
	a.writeDiagnostics(a.stdout, ds, courseReader(src))
	questions := 0
	for _, l := range c.Lessons {
		if l.Checkpoint != nil {
			questions += len(l.Checkpoint.Questions)
		}
	}
	status := "ok"
	if ds.HasErrors() {
		status = "FAILED"
	}
	fmt.Fprintf(a.stdout, "course check: %s, %s, %s: %s (%s, %s)\n",
		plural(len(c.Lessons), "lesson", "lessons"), plural(questions, "question", "questions"),
		plural(len(c.Exercises), "exercise", "exercises"), status,
		plural(ds.Count(diag.SeverityError), "error", "errors"), plural(ds.Count(diag.SeverityWarning), "warning", "warnings"))
	if ds.HasErrors() {
		return failed
	}
	return nil
}
