package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/gradebook"
)

func (a *app) gradeCommand() *cobra.Command {
	var format, out, feedback string
	var students, exercises []string
	var jobs int
	var long bool
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "grade DIR",
		Short: "Grade a class's exercise folders and print a gradebook",
		Long: `Grade every student's exercise folders under DIR with the same checks a
learner meets, and print a gradebook.

DIR holds one folder per student, each laid out like an 'iactutor init'
workspace (one folder per exercise, named by its ID). A DIR that itself holds
exercise folders is graded as one student named after it. Folders that are
neither students nor exercises are listed and left out; a missing exercise
scores 0. Nothing in DIR is run or changed, and links that lead out of DIR are
never followed.

Formats:
  table       students × exercises, totals, distribution, weakest checks
  json        every result with its checks and diagnostics
  csv         a column per exercise and a total, for an LMS import
              (--long: one row per student and exercise, with its status)
  junit       a test suite per student, a test case per check
  gradescope  OUTDIR/<student>/results.json for every student (needs --out)

--feedback OUTDIR also writes OUTDIR/<student>.md for each student: their
points, every failed check quoted from their own files, and a first hint.

The output is the same, byte for byte, for the same folders and course,
whatever --jobs is. Exit status: 0 when grading ran (whatever the scores),
2 for usage mistakes or a DIR that cannot be read.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := gradebook.New(format, a.stdout, gradebook.WriterOptions{Long: long, Out: out})
			if err != nil {
				return usageError("%v", err)
			}
			switch {
			case out != "" && format != "gradescope":
				return usageError("--out is for the gradescope format; other formats print to standard output")
			case long && format != "csv":
				return usageError("--long is for the csv format")
			case jobs < 1:
				return usageError("--jobs must be at least 1, not %d", jobs)
			case timeout <= 0:
				return usageError("--timeout must be positive, not %s", timeout)
			}
			c, src, err := a.course()
			if err != nil {
				return err
			}
			exercises = splitList(exercises)
			for _, id := range exercises {
				if _, err := findExercise(c, id, "en"); err != nil {
					return err
				}
			}
			if a.getenv("GOGC") == "" {
				// A batch allocates many short-lived parse trees; collecting
				// half as often saves about a fifth of the CPU time for a
				// few tens of megabytes, and the run ends soon anyway.
				defer debug.SetGCPercent(debug.SetGCPercent(200))
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			bar := a.progressBar()
			gb, err := gradebook.Grade(ctx, args[0], gradebook.Options{
				Course: c, Source: src, Exercises: exercises, Students: splitList(students),
				Lang: a.lang(), Printer: a.p(), Jobs: jobs, Timeout: timeout, KeepSources: feedback != "",
				Progress: bar.update,
			})
			bar.clear()
			switch {
			case errors.Is(err, context.Canceled):
				fmt.Fprintln(a.stderr, "iactutor: grading interrupted; nothing was written.")
				return &exitError{code: ExitAborted}
			case err != nil:
				return &exitError{code: ExitUsage, err: err}
			}
			if err := w.Write(gb); err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			if format != "json" && len(gb.Summary.Unknown) > 0 {
				fmt.Fprintf(a.stderr, "iactutor: not graded (neither a student nor an exercise of the course): %s\n", strings.Join(gb.Summary.Unknown, ", "))
			}
			if feedback != "" {
				if err := gradebook.NewFeedback(feedback).Write(gb); err != nil {
					return &exitError{code: ExitUsage, err: err}
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "table", "output format: "+strings.Join(gradebook.Formats, ", "))
	f.StringVar(&out, "out", "", "with --format gradescope, write OUTDIR/<student>/results.json under `OUTDIR`")
	f.StringVar(&feedback, "feedback", "", "also write a Markdown feedback file per student into `OUTDIR`")
	f.IntVar(&jobs, "jobs", runtime.NumCPU(), "grade `N` submissions at once")
	f.StringSliceVar(&students, "student", nil, "grade only these students (repeat or separate with commas)")
	f.StringSliceVar(&exercises, "exercise", nil, "grade only these exercise IDs (repeat or separate with commas)")
	f.BoolVar(&long, "long", false, "with --format csv, one row per student and exercise")
	f.DurationVar(&timeout, "timeout", gradebook.DefaultTimeout, "give up on one submission after this long")
	return cmd
}

// splitList trims the values of a list flag and drops empty ones.
func splitList(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// progressBar draws "[#####.....] 120/300" on stderr while a long batch runs,
// only when stderr is a terminal, so pipes and logs stay clean.
type progressBar struct {
	w     io.Writer
	on    bool
	drawn int // the last width of the filled part drawn, -1 for none
	shown bool
}

const progressWidth = 30

func (a *app) progressBar() *progressBar {
	return &progressBar{w: a.stderr, on: isTerminal(a.stderr), drawn: -1}
}

func (p *progressBar) update(done, total int) {
	if !p.on || total < 50 {
		return
	}
	fill := done * progressWidth / total
	if fill == p.drawn && done != total && done%25 != 0 {
		return
	}
	p.drawn = fill
	p.shown = true
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", fill), strings.Repeat(".", progressWidth-fill), done, total)
}

func (p *progressBar) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
