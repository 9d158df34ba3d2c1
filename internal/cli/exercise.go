package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/progress"
	"github.com/iactutor/iactutor/internal/source"
	"github.com/iactutor/iactutor/internal/suggest"
	"github.com/iactutor/iactutor/internal/watch"
	"github.com/iactutor/iactutor/internal/workspace"
)

// openWorkspace resolves the workspace (a --dir flag wins over --workspace)
// and loads the course.
func (a *app) openWorkspace(dirFlag string) (*workspace.Workspace, error) {
	c, src, err := a.course()
	if err != nil {
		return nil, err
	}
	flag := dirFlag
	if flag == "" {
		flag = a.workspace
	}
	dir, err := workspace.Resolve(flag, a.getenv)
	if err != nil {
		return nil, usageErr(err)
	}
	return &workspace.Workspace{Dir: dir, Course: c, Src: src}, nil
}

// loadProgress loads the progress file, printing a notice when a damaged one
// was set aside.
func (a *app) loadProgress(ws *workspace.Workspace) (*progress.State, error) {
	st, notice, err := ws.Progress().Load()
	if err != nil {
		return nil, err
	}
	if !notice.IsZero() {
		fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().Text(notice))
	}
	// Shown as the interface shows them; the interface writes them.
	workspace.CarryMovedAnswers(st, ws.Course)
	return st, nil
}

// updateProgress applies one change to the progress file under its lock,
// on the state as it is now on disk, so what another process (the
// interface, a second terminal) recorded meanwhile is kept.
func (a *app) updateProgress(ws *workspace.Workspace, fn progress.Change) error {
	_, notice, err := ws.Progress().Apply(fn)
	if !notice.IsZero() {
		fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().Text(notice))
	}
	return err
}

// exerciseArg opens the workspace and finds the exercise an argument names.
func (a *app) exerciseArg(dir, id string) (*workspace.Workspace, *course.Exercise, error) {
	ws, err := a.openWorkspace(dir)
	if err != nil {
		return nil, nil, err
	}
	ex, err := findExercise(ws.Course, id)
	return ws, ex, err
}

func findExercise(c *course.Course, id string) (*course.Exercise, error) {
	if ex, ok := c.Exercise(id); ok {
		return ex, nil
	}
	ids := make([]string, len(c.Exercises))
	for i, e := range c.Exercises {
		ids[i] = e.ID
	}
	if s := suggest.Nearest(id, ids); s != "" {
		return nil, usageError(msg.New("cli.exercise.unknown-suggest", msg.Args{"ID": quote(id), "Suggestion": quote(s)}))
	}
	return nil, usageError(msg.New("cli.exercise.unknown", msg.Args{"ID": quote(id)}))
}

func (a *app) exerciseIDs(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	c, _, err := a.course()
	if err != nil || len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ids := make([]string, len(c.Exercises))
	for i, e := range c.Exercises {
		ids[i] = e.ID
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// dirFlag adds --dir, the workspace of one command.
func (a *app) dirFlag(cmd *cobra.Command, dir *string) {
	cmd.Flags().StringVar(dir, "dir", "", a.p().S("cli.flag.dir", nil))
}

func (a *app) initCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: a.p().S("cli.init.short", nil),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			}
			ws, err := a.openWorkspace(dir)
			if err != nil {
				return err
			}
			lang := a.lang()
			var written, kept int
			for _, ex := range ws.Course.Exercises {
				w, k, err := ws.Init(ex, lang)
				if err != nil {
					return &exitError{code: ExitUsage, err: err}
				}
				written, kept = written+len(w), kept+len(k)
			}
			counts := msg.Args{"Dir": ws.Dir, "Files": written, "Exercises": len(ws.Course.Exercises), "Kept": kept}
			done := msg.New("cli.init.written", counts)
			if kept > 0 {
				done = msg.New("cli.init.written-kept", counts)
			}
			p := a.p()
			fmt.Fprintf(a.stdout, "%s\n%s\n", p.Text(done), p.S("cli.init.next", msg.Args{"Dir": ws.Dir}))
			return nil
		},
	}
}

func (a *app) checkCommand() *cobra.Command {
	var dir, format string
	var watchFlag, poll bool
	var failUnder int
	cmd := &cobra.Command{
		Use:               "check [ID]",
		Short:             a.p().S("cli.check.short", nil),
		Long:              a.p().S("cli.check.long", nil),
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.exerciseIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, textFormats...); err != nil {
				return err
			}
			underSet := cmd.Flags().Changed("fail-under")
			switch {
			case failUnder < 0:
				return usageError(msg.New("cli.grade.fail-under-negative", msg.Args{"Min": failUnder}))
			case underSet && watchFlag:
				return usageError(msg.New("cli.check.fail-under-watch", nil))
			}
			ws, err := a.openWorkspace(dir)
			if err != nil {
				return err
			}
			st, err := a.loadProgress(ws)
			if err != nil {
				return err
			}
			var ex *course.Exercise
			if len(args) == 1 {
				if ex, err = findExercise(ws.Course, args[0]); err != nil {
					return err
				}
			} else {
				var ok bool
				if ex, ok = workspace.Next(ws.Course, st); !ok {
					fmt.Fprintln(a.stdout, a.p().S("cli.check.all-done", nil))
					return nil
				}
			}
			if _, err := os.Stat(ws.ExerciseDir(ex.ID)); err != nil {
				return usageError(msg.New("cli.check.no-folder", msg.Args{"Workspace": ws.Dir, "Exercise": ex.ID}))
			}
			g := grader.New()
			if !watchFlag {
				res, err := a.gradeAndShow(g, ws, ex, format, st.Exercise(ex.ID).Attempts == 0)
				if err != nil {
					return err
				}
				if underSet {
					// A score threshold replaces "passed" as the verdict, for
					// classrooms that give credit for part of an exercise.
					if res.Score < failUnder {
						fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().S("cli.check.fail-under", msg.Args{"Score": res.Score, "Min": failUnder}))
						return failed
					}
					return nil
				}
				if !res.Passed {
					return failed
				}
				return nil
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			return a.watchLoop(ctx, g, ws, ex, format, poll, time.Now)
		},
	}
	a.dirFlag(cmd, &dir)
	a.formatFlag(cmd, &format)
	cmd.Flags().BoolVar(&watchFlag, "watch", false, a.p().S("cli.check.flag.watch", nil))
	cmd.Flags().BoolVar(&poll, "poll", false, a.p().S("cli.check.flag.poll", nil))
	cmd.Flags().IntVar(&failUnder, "fail-under", 0, a.p().S("cli.check.flag.fail-under", nil))
	return cmd
}

// gradeAndShow grades once, records progress and prints the result.
func (a *app) gradeAndShow(g *grader.Grader, ws *workspace.Workspace, ex *course.Exercise, format string, showTask bool) (grader.Result, error) {
	sub, err := ws.Submission(ex)
	if err != nil {
		return grader.Result{}, err
	}
	res := g.Grade(ex, sub)
	// The untouched start files are no attempt: the result is shown and
	// nothing is recorded (the file is not even written).
	if !res.Unchanged {
		if err := a.updateProgress(ws, func(s *progress.State) { workspace.Record(s, res) }); err != nil {
			return res, err
		}
	}
	if format == "json" {
		return res, writeJSON(a.stdout, toResultJSON(res, a.p()))
	}
	st, err := a.loadProgress(ws)
	if err != nil {
		return res, err
	}
	shown := res
	var held int
	shown.Diagnostics, held = workspace.HoldHints(res.Diagnostics, st.Exercise(ex.ID).HintsUsed)
	return res, a.writeResult(a.stdout, ex, shown, showTask && !res.Passed, sub.Files, held)
}

// resultJSON is the contract of `iactutor check --format json`.
type resultJSON struct {
	Exercise    string      `json:"exercise"`
	Score       int         `json:"score"`
	Max         int         `json:"max"`
	Passed      bool        `json:"passed"`
	Checks      []checkJSON `json:"checks"`
	Diagnostics []diag.JSON `json:"diagnostics"`
	Unchanged   bool        `json:"unchanged,omitempty"`
}

type checkJSON struct {
	ID      string `json:"id"`
	Points  int    `json:"points"`
	Max     int    `json:"max"`
	Passed  bool   `json:"passed"`
	Message string `json:"message"`
}

func toResultJSON(res grader.Result, p *msg.Printer) resultJSON {
	out := resultJSON{Exercise: res.Exercise, Score: res.Score, Max: res.Max, Passed: res.Passed,
		Checks: make([]checkJSON, len(res.Checks)), Diagnostics: res.Diagnostics.ToJSONAll(p), Unchanged: res.Unchanged}
	for i, c := range res.Checks {
		out.Checks[i] = checkJSON{ID: c.ID, Points: c.Points, Max: c.Max, Passed: c.Passed, Message: p.Text(c.Message)}
	}
	return out
}

func (a *app) writeResult(w io.Writer, ex *course.Exercise, res grader.Result, showTask bool, files []source.File, held int) error {
	p := a.p()
	lang := p.Lang()
	fmt.Fprintf(w, "%s\n", p.S("cli.exercise.heading", msg.Args{"ID": ex.ID, "Title": ex.Title.In(lang)}))
	if showTask {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(ex.Task.In(lang)))
	}
	fmt.Fprintln(w)
	for _, c := range res.Checks {
		mark := "✗ " + p.S("cli.check.fail", nil)
		if c.Passed {
			mark = "✓ " + p.S("cli.check.pass", nil)
		}
		fmt.Fprintf(w, "  %s  %d/%d  %s\n", mark, c.Points, c.Max, p.Text(c.Message))
	}
	fmt.Fprintln(w)
	if res.Unchanged {
		fmt.Fprintf(w, "%s %s\n\n", p.S("cli.check.unchanged", nil), p.S("progress.check.not-counted", nil))
	}
	if err := a.writeDiagnostics(w, res.Diagnostics, sourceOf(files)); err != nil {
		return err
	}
	if held > 0 && !res.Passed {
		fmt.Fprintf(w, "%s\n\n", p.S("cli.check.hints-held", msg.Args{"Count": held, "Exercise": ex.ID}))
	}
	verdict := msg.New("cli.check.not-yet", msg.Args{"Exercise": ex.ID})
	if res.Passed {
		verdict = msg.New("cli.check.passed", nil)
	}
	_, err := fmt.Fprintf(w, "%s %s\n", p.S("cli.check.score", msg.Args{"Score": res.Score, "Max": res.Max}), p.Text(verdict))
	return err
}

// watchLoop grades now and after every save until ctx ends. Each text
// report starts with a line holding the local time from now, so reports
// that scroll by (or a redrawn screen) say which save they belong to.
func (a *app) watchLoop(ctx context.Context, g *grader.Grader, ws *workspace.Workspace, ex *course.Exercise, format string, poll bool, now func() time.Time) error {
	changes, mode, err := watch.Watch(ctx, ws.ExerciseDir(ex.ID), watch.Options{Poll: poll})
	if err != nil {
		return &exitError{code: ExitUsage, err: err}
	}
	clear := isTerminal(a.stdout) && format == "text"
	for first := true; ; first = false {
		if clear {
			io.WriteString(a.stdout, "\x1b[2J\x1b[H")
		}
		if format == "text" {
			sep := "\n"
			if first || clear {
				sep = ""
			}
			fmt.Fprintf(a.stdout, "%s%s\n\n", sep, a.p().S("cli.check.watch-report", msg.Args{"Time": now().Local().Format(time.TimeOnly)}))
		}
		if _, err := a.gradeAndShow(g, ws, ex, format, first); err != nil {
			return err
		}
		if format == "text" {
			fmt.Fprintf(a.stdout, "\n%s\n", a.p().S("cli.check.watching", msg.Args{"Dir": filepath.Join(ws.ExerciseDir(ex.ID)), "Mode": string(mode)}))
		}
	wait:
		select {
		case <-ctx.Done():
			return nil
		case ev := <-changes:
			if ev.Err != nil {
				// Saves may go unnoticed now: say so, and keep the loop
				// alive for the ones that are.
				fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().Error(ev.Err))
				goto wait
			}
		}
	}
}

func (a *app) hintCommand() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:               "hint ID",
		Short:             a.p().S("cli.hint.short", nil),
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.exerciseIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, ex, err := a.exerciseArg(dir, args[0])
			if err != nil {
				return err
			}
			var n int
			if err := a.updateProgress(ws, func(s *progress.State) { n = s.UseHint(ex.ID, len(ex.Hints)) }); err != nil {
				return err
			}
			p := a.p()
			if n == 0 {
				fmt.Fprintln(a.stdout, p.S("cli.hint.none", nil))
				return nil
			}
			hint := strings.TrimSpace(ex.Hints[n-1].In(p.Lang()))
			fmt.Fprintln(a.stdout, p.S("cli.hint.line", msg.Args{"N": n, "Total": len(ex.Hints), "Hint": hint}))
			if n == len(ex.Hints) {
				fmt.Fprintf(a.stdout, "\n%s\n", p.S("cli.hint.last", msg.Args{"Exercise": ex.ID}))
			}
			return nil
		},
	}
	a.dirFlag(cmd, &dir)
	return cmd
}

func (a *app) solutionCommand() *cobra.Command {
	var dir string
	var yes bool
	cmd := &cobra.Command{
		Use:               "solution ID",
		Short:             a.p().S("cli.solution.short", nil),
		Long:              a.p().S("cli.solution.long", nil),
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.exerciseIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, ex, err := a.exerciseArg(dir, args[0])
			if err != nil {
				return err
			}
			st, err := a.loadProgress(ws)
			if err != nil {
				return err
			}
			p := a.p()
			rec := st.Exercise(ex.ID)
			if !rec.Passed && !rec.SolutionRevealed && !yes {
				if !isTerminal(a.stdin) {
					return usageError(msg.New("cli.solution.need-yes", nil))
				}
				fmt.Fprintf(a.stderr, "%s [y/N] ", p.S("cli.solution.confirm", nil))
				line, _ := bufio.NewReader(a.stdin).ReadString('\n')
				if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" && ans != "s" && ans != "si" && ans != "sí" {
					fmt.Fprintln(a.stderr, p.S("cli.solution.not-revealed", nil))
					return &exitError{code: ExitAborted}
				}
			}
			diffs, err := ws.SolutionDiff(ex)
			if err != nil {
				return err
			}
			if err := a.updateProgress(ws, func(s *progress.State) { s.RevealSolution(ex.ID) }); err != nil {
				return err
			}
			for _, d := range diffs {
				if d.Diff == "" {
					fmt.Fprintln(a.stdout, p.S("cli.solution.identical", msg.Args{"File": d.Name}))
					continue
				}
				io.WriteString(a.stdout, d.Diff)
			}
			return nil
		},
	}
	a.dirFlag(cmd, &dir)
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, a.p().S("cli.solution.flag.yes", nil))
	return cmd
}

func (a *app) resetCommand() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:               "reset ID",
		Short:             a.p().S("cli.reset.short", nil),
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.exerciseIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, ex, err := a.exerciseArg(dir, args[0])
			if err != nil {
				return err
			}
			backup, err := ws.Reset(ex, a.lang(), time.Now())
			if err != nil {
				return err
			}
			p := a.p()
			fmt.Fprintln(a.stdout, p.S("cli.reset.done", msg.Args{"Exercise": ex.ID, "Dir": ws.ExerciseDir(ex.ID)}))
			if backup != "" {
				fmt.Fprintln(a.stdout, p.S("cli.reset.backup", msg.Args{"Dir": backup}))
			}
			// Starting over clears the result too (the one way besides a
			// checkpoint retake that progress goes back), and says so.
			cleared := false
			if err := a.updateProgress(ws, func(s *progress.State) {
				cleared = s.ExercisePassed(ex.ID) || s.Exercise(ex.ID).BestScore > 0
				s.ResetExercise(ex.ID)
			}); err != nil {
				return err
			}
			if cleared {
				fmt.Fprintln(a.stdout, p.S("progress.reset.cleared", msg.Args{"Exercise": ex.ID}))
			}
			return nil
		},
	}
	a.dirFlag(cmd, &dir)
	return cmd
}
