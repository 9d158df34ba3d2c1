package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/gradebook"
	"github.com/iactutor/iactutor/internal/msg"
)

func (a *app) gradeCommand() *cobra.Command {
	var format, out, feedback string
	var rosterFile, assignment, identity, overridesFile string
	var students, exercises []string
	var jobs, failUnder int
	var long, single, bom, timings, similarity bool
	var threshold float64
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "grade DIR",
		Short: a.p().S("cli.grade.short", nil),
		Long:  a.p().S("cli.grade.help", nil),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Every format but gradescope is rendered into memory and
			// written in one step at the end (to --out through a temporary
			// file renamed into place), so an interrupted run leaves no
			// half-written gradebook.
			var rendered bytes.Buffer
			lms := format == "canvas" || format == "moodle"
			switch {
			case rosterFile != "" && !lms:
				return usageError(msg.New("cli.grade.lms-only", msg.Args{"Flag": "--roster"}))
			case assignment != "" && !lms:
				return usageError(msg.New("cli.grade.lms-only", msg.Args{"Flag": "--assignment"}))
			case identity != "" && format != "moodle":
				return usageError(msg.New("cli.grade.moodle-only", nil))
			case bom && !lms && format != "csv":
				return usageError(msg.New("cli.grade.bom-csv", nil))
			}
			var roster *gradebook.Roster
			if rosterFile != "" {
				r, err := gradebook.ReadRoster(rosterFile)
				if err != nil {
					return usageErr(err)
				}
				roster = r
			}
			var overrides []gradebook.Override
			if overridesFile != "" {
				ovs, err := gradebook.ReadOverrides(overridesFile)
				if err != nil {
					return usageErr(err)
				}
				overrides = ovs
			}
			var notices []msg.Text
			w, err := gradebook.New(format, &rendered, gradebook.WriterOptions{
				Printer: a.p(), Long: long, Out: out,
				Roster: roster, Assignment: assignment, Identity: identity, BOM: bom,
				Notice: func(t msg.Text) { notices = append(notices, t) },
			})
			if err != nil {
				return usageErr(err)
			}
			switch {
			case out != "" && format != "gradescope" && isDir(out):
				return usageError(msg.New("cli.grade.out-is-folder", msg.Args{"Path": out, "Format": format}))
			case long && format != "csv":
				return usageError(msg.New("cli.grade.long-not-csv", nil))
			case jobs < 1:
				return usageError(msg.New("cli.grade.jobs", msg.Args{"Jobs": jobs}))
			case threshold < 0 || threshold > 1:
				return usageError(msg.New("cli.grade.similarity-threshold", msg.Args{"Value": threshold}))
			case failUnder < 0:
				return usageError(msg.New("cli.grade.fail-under-negative", msg.Args{"Min": failUnder}))
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
			// SIGINT and SIGTERM cancel the run instead of killing it, so
			// nothing is left half-written; sigs remembers which one came,
			// for the exit status a shell expects (128 + the signal).
			// The signal is recorded before the context is cancelled, so
			// whoever sees the cancellation also sees which signal it was.
			ctx, stop := context.WithCancel(cmd.Context())
			defer stop()
			sigs := make(chan os.Signal, 1)
			signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
			defer signal.Stop(sigs)
			caught := make(chan os.Signal, 1)
			go func() {
				select {
				case s := <-sigs:
					caught <- s
					stop()
				case <-ctx.Done():
				}
			}()
			aborted := func() error {
				code, key := ExitAborted, "cli.grade.interrupted"
				select {
				case s := <-caught:
					if s == syscall.SIGTERM {
						code, key = ExitTerminated, "cli.grade.terminated"
					}
				default:
				}
				fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().S(key, nil))
				return &exitError{code: code}
			}
			hold := testHold(ctx)
			bar := a.progressBar()
			first := true
			// Times make the output differ from run to run, so they are
			// measured only when asked for.
			var now func() time.Time
			if timings {
				now = time.Now
			}
			gb, err := gradebook.Grade(ctx, args[0], gradebook.Options{
				Course: c, Source: src, Exercises: exercises, Students: splitList(students),
				Lang: a.p().Lang(), Now: now,
				Single: single, Jobs: jobs, Timeout: timeout, KeepSources: feedback != "" || similarity,
				Progress: func(done, total int) {
					if first {
						first = false
						hold("grade")
					}
					bar.update(done, total)
				},
			})
			bar.clear()
			switch {
			case errors.Is(err, context.Canceled) || (err == nil && ctx.Err() != nil):
				return aborted()
			case err != nil:
				return &exitError{code: ExitUsage, err: err}
			}
			if overrides != nil {
				if err := gradebook.ApplyOverrides(gb, overrides, overridesFile); err != nil {
					return &exitError{code: ExitUsage, err: err}
				}
			}
			if feedback != "" {
				if err := gradebook.NewFeedback(feedback, a.p()).Write(gb); err != nil {
					return &exitError{code: ExitUsage, err: err}
				}
			}
			if err := w.Write(gb); err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			if ctx.Err() != nil {
				return aborted()
			}
			switch {
			case format == "gradescope":
			case out != "":
				if err := gradebook.WriteFile(out, rendered.Bytes(), func() error { hold("write"); return ctx.Err() }); err != nil {
					if ctx.Err() != nil {
						return aborted()
					}
					return &exitError{code: ExitUsage, err: err}
				}
			default:
				if _, err := a.stdout.Write(rendered.Bytes()); err != nil {
					return &exitError{code: ExitUsage, err: err}
				}
			}
			// The output is complete: from here a signal has its usual
			// effect again.
			signal.Stop(sigs)
			stop()
			if format != "json" && len(gb.Summary.Unknown) > 0 {
				fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().Text(gb.Summary.UnknownNotice()))
			}
			if similarity {
				if err := gradebook.WriteSimilarity(a.stderr, a.p(), gradebook.Similar(gb, threshold), threshold); err != nil {
					return &exitError{code: ExitUsage, err: err}
				}
			}
			for _, t := range notices {
				fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().Text(t))
			}
			if under := underScore(gb, failUnder); len(under) > 0 {
				fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().S("cli.grade.fail-under", msg.Args{
					"Count": len(under), "Min": failUnder, "Students": strings.Join(under, ", "),
				}))
				return failed
			}
			return nil
		},
	}
	f := cmd.Flags()
	p := a.p()
	f.StringVar(&format, "format", "table", p.S("cli.flag.format", msg.Args{"Formats": strings.Join(gradebook.Formats(), ", ")}))
	f.StringVar(&out, "out", "", p.S("cli.grade.flag.out-any", nil))
	f.BoolVar(&single, "single", false, p.S("cli.grade.flag.single", nil))
	f.StringVar(&feedback, "feedback", "", p.S("cli.grade.flag.feedback", nil))
	f.IntVar(&jobs, "jobs", runtime.NumCPU(), p.S("cli.grade.flag.jobs", nil))
	f.StringSliceVar(&students, "student", nil, p.S("cli.grade.flag.student", nil))
	f.StringSliceVar(&exercises, "exercise", nil, p.S("cli.grade.flag.exercise", nil))
	f.BoolVar(&long, "long", false, p.S("cli.grade.flag.long", nil))
	f.DurationVar(&timeout, "timeout", gradebook.DefaultTimeout, p.S("cli.grade.flag.timeout", nil))
	f.StringVar(&rosterFile, "roster", "", p.S("cli.grade.flag.roster", nil))
	f.StringVar(&assignment, "assignment", "", p.S("cli.grade.flag.assignment", nil))
	f.StringVar(&identity, "identity", "", p.S("cli.grade.flag.identity", msg.Args{"Identities": strings.Join(gradebook.Identities(), ", ")}))
	f.BoolVar(&bom, "bom", false, p.S("cli.grade.flag.bom", nil))
	f.BoolVar(&timings, "timings", false, p.S("cli.grade.flag.timings", nil))
	f.IntVar(&failUnder, "fail-under", 0, p.S("cli.grade.flag.fail-under", nil))
	f.StringVar(&overridesFile, "overrides", "", p.S("cli.grade.flag.overrides", nil))
	f.BoolVar(&similarity, "similarity", false, p.S("cli.grade.flag.similarity", nil))
	f.Float64Var(&threshold, "similarity-threshold", gradebook.DefaultSimilarity, p.S("cli.grade.flag.similarity-threshold", nil))
	return cmd
}

// underScore names the students who scored fewer than min points, or who
// have an exercise that could not be graded (they have no total to
// compare), for --fail-under.
func underScore(gb *gradebook.Gradebook, min int) []string {
	var out []string
	for _, s := range gb.Students {
		if s.Score < min || (min > 0 && !s.Complete()) {
			out = append(out, s.Name)
		}
	}
	return out
}

// ExitTerminated is the exit status after SIGTERM, as a shell reports a
// process that the signal ended (128 + 15).
const ExitTerminated = 143

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// testHold lets the tests of the built binary interrupt a run at a known
// moment: with IACTUTOR_GRADE_TEST_HOLD="<stage>:<file>", the run creates
// <file> when it reaches <stage> ("grade": the first submission graded;
// "write": the output written but not yet renamed into place) and waits for
// a signal, at most a minute. Unset, it does nothing.
func testHold(ctx context.Context) func(stage string) {
	stage, file, ok := strings.Cut(os.Getenv("IACTUTOR_GRADE_TEST_HOLD"), ":")
	if !ok || file == "" {
		return func(string) {}
	}
	return func(at string) {
		if at != stage {
			return
		}
		_ = os.WriteFile(file, []byte(at), 0o644)
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
	}
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
