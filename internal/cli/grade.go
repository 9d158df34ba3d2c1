package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/gradebook"
	"github.com/iactutor/iactutor/internal/msg"
)

func (a *app) gradeCommand() *cobra.Command {
	var format, out, feedback string
	var students, exercises []string
	var jobs int
	var long bool
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "grade DIR",
		Short: a.p().S("cli.grade.short", nil),
		Long:  a.p().S("cli.grade.long", nil),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := gradebook.New(format, a.stdout, gradebook.WriterOptions{Printer: a.p(), Long: long, Out: out})
			if err != nil {
				return usageErr(err)
			}
			switch {
			case out != "" && format != "gradescope":
				return usageError(msg.New("cli.grade.out-not-gradescope", nil))
			case long && format != "csv":
				return usageError(msg.New("cli.grade.long-not-csv", nil))
			case jobs < 1:
				return usageError(msg.New("cli.grade.jobs", msg.Args{"Jobs": jobs}))
			case timeout <= 0:
				return usageError(msg.New("cli.grade.timeout", msg.Args{"Timeout": timeout.String()}))
			}
			c, src, err := a.course()
			if err != nil {
				return err
			}
			exercises = splitList(exercises)
			for _, id := range exercises {
				if _, err := findExercise(c, id); err != nil {
					return err
				}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			bar := a.progressBar()
			gb, err := gradebook.Grade(ctx, args[0], gradebook.Options{
				Course: c, Source: src, Exercises: exercises, Students: splitList(students),
				Jobs: jobs, Timeout: timeout, KeepSources: feedback != "",
				Progress: bar.update,
			})
			bar.clear()
			switch {
			case errors.Is(err, context.Canceled):
				fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().S("cli.grade.interrupted", nil))
				return &exitError{code: ExitAborted}
			case err != nil:
				return &exitError{code: ExitUsage, err: err}
			}
			if err := w.Write(gb); err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			if format != "json" && len(gb.Summary.Unknown) > 0 {
				fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().Text(gb.Summary.UnknownNotice()))
			}
			if feedback != "" {
				if err := gradebook.NewFeedback(feedback, a.p()).Write(gb); err != nil {
					return &exitError{code: ExitUsage, err: err}
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	p := a.p()
	f.StringVar(&format, "format", "table", p.S("cli.flag.format", msg.Args{"Formats": strings.Join(gradebook.Formats(), ", ")}))
	f.StringVar(&out, "out", "", p.S("cli.grade.flag.out", nil))
	f.StringVar(&feedback, "feedback", "", p.S("cli.grade.flag.feedback", nil))
	f.IntVar(&jobs, "jobs", runtime.NumCPU(), p.S("cli.grade.flag.jobs", nil))
	f.StringSliceVar(&students, "student", nil, p.S("cli.grade.flag.student", nil))
	f.StringSliceVar(&exercises, "exercise", nil, p.S("cli.grade.flag.exercise", nil))
	f.BoolVar(&long, "long", false, p.S("cli.grade.flag.long", nil))
	f.DurationVar(&timeout, "timeout", gradebook.DefaultTimeout, p.S("cli.grade.flag.timeout", nil))
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
