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
	"github.com/iactutor/iactutor/internal/grader"
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
		return nil, usageError("%v", err)
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
	if notice != "" {
		fmt.Fprintf(a.stderr, "iactutor: %s\n", notice)
	}
	return st, nil
}

func (a *app) updateProgress(ws *workspace.Workspace, fn func(*progress.State)) error {
	notice, err := ws.Progress().Update(fn)
	if notice != "" {
		fmt.Fprintf(a.stderr, "iactutor: %s\n", notice)
	}
	return err
}

// exerciseArg opens the workspace and finds the exercise an argument names.
func (a *app) exerciseArg(dir, id string) (*workspace.Workspace, *course.Exercise, error) {
	ws, err := a.openWorkspace(dir)
	if err != nil {
		return nil, nil, err
	}
	ex, err := findExercise(ws.Course, id, a.lang())
	return ws, ex, err
}

func findExercise(c *course.Course, id, lang string) (*course.Exercise, error) {
	if ex, ok := c.Exercise(id); ok {
		return ex, nil
	}
	ids := make([]string, len(c.Exercises))
	for i, e := range c.Exercises {
		ids[i] = e.ID
	}
	if s := suggest.Nearest(id, ids); s != "" {
		return nil, usageErrorIn(lang, "no exercise %q; did you mean %q?", "no hay ningún ejercicio %q; ¿quisiste decir %q?", id, s)
	}
	return nil, usageErrorIn(lang, "no exercise %q; 'iactutor list' shows them all", "no hay ningún ejercicio %q; 'iactutor list' los muestra todos", id)
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

func (a *app) initCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write every exercise's start files and task into a workspace (never overwrites)",
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
			t := words(lang)
			fmt.Fprintf(a.stdout, t.initDone, ws.Dir, written, len(ws.Course.Exercises))
			if kept > 0 {
				fmt.Fprintf(a.stdout, t.initKept, kept)
			}
			fmt.Fprintf(a.stdout, t.initNext, ws.Dir)
			return nil
		},
	}
}

func (a *app) checkCommand() *cobra.Command {
	var dir, format string
	var watchFlag, poll bool
	cmd := &cobra.Command{
		Use:   "check [ID]",
		Short: "Grade your fix of an exercise (the next unfinished one without ID)",
		Long: `Grade an exercise in your workspace: the validators run on your files and
each of the exercise's checks scores its points. Without ID, the next
exercise you have not passed yet is checked.

With --watch, the exercise is graded again every time you save a file
(stop with ctrl+c). File-system events are used where they work; --poll
forces polling, which is chosen automatically on network and WSL drives.

Exit status: 0 passed, 1 not passed yet, 2 usage or I/O error.`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.exerciseIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
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
				if ex, err = findExercise(ws.Course, args[0], a.lang()); err != nil {
					return err
				}
			} else {
				var ok bool
				if ex, ok = workspace.Next(ws.Course, st); !ok {
					fmt.Fprintln(a.stdout, words(a.lang()).allDone)
					return nil
				}
			}
			if _, err := os.Stat(ws.ExerciseDir(ex.ID)); err != nil {
				return usageErrorIn(a.lang(), "%s has no folder for exercise %s; run 'iactutor init %s' first",
					"%s no tiene carpeta para el ejercicio %s; ejecuta antes 'iactutor init %s'", ws.Dir, ex.ID, ws.Dir)
			}
			g := grader.New()
			if !watchFlag {
				res, err := a.gradeAndShow(g, ws, ex, format, st.Exercise(ex.ID).Attempts == 0)
				if err != nil {
					return err
				}
				if !res.Passed {
					return failed
				}
				return nil
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			return a.watchLoop(ctx, g, ws, ex, format, poll)
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "the workspace `DIR` (default: --workspace)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&watchFlag, "watch", false, "grade again on every save until ctrl+c")
	cmd.Flags().BoolVar(&poll, "poll", false, "with --watch, poll for changes instead of using file-system events")
	return cmd
}

// gradeAndShow grades once, records progress and prints the result.
func (a *app) gradeAndShow(g *grader.Grader, ws *workspace.Workspace, ex *course.Exercise, format string, showTask bool) (grader.Result, error) {
	sub, err := ws.Submission(ex)
	if err != nil {
		return grader.Result{}, err
	}
	lang := a.lang()
	res := g.Grade(ex, sub, lang)
	if err := a.updateProgress(ws, func(s *progress.State) { workspace.Record(s, res) }); err != nil {
		return res, err
	}
	if format == "json" {
		return res, writeJSON(a.stdout, res)
	}
	a.writeResult(a.stdout, ex, res, lang, showTask && !res.Passed, sub.Files)
	return res, nil
}

func (a *app) writeResult(w io.Writer, ex *course.Exercise, res grader.Result, lang string, showTask bool, files []source.File) {
	t := words(lang)
	fmt.Fprintf(w, "%s %s — %s\n", t.exercise, ex.ID, ex.Title.In(lang))
	if showTask {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(ex.Task.In(lang)))
	}
	fmt.Fprintln(w)
	for _, c := range res.Checks {
		mark := "✗ " + t.fail
		if c.Passed {
			mark = "✓ " + t.pass
		}
		fmt.Fprintf(w, "  %s  %d/%d  %s\n", mark, c.Points, c.Max, c.Message)
	}
	fmt.Fprintln(w)
	if res.Unchanged {
		fmt.Fprintf(w, "%s\n\n", t.unchanged)
	}
	a.writeDiagnostics(w, res.Diagnostics, sourceOf(files))
	fmt.Fprintf(w, "%s: %d/%d %s.", t.score, res.Score, res.Max, t.points)
	if res.Passed {
		fmt.Fprintf(w, " %s\n", t.passed)
	} else {
		fmt.Fprintf(w, " %s\n", fmt.Sprintf(t.notYet, ex.ID))
	}
}

// watchLoop grades now and after every save until ctx ends.
func (a *app) watchLoop(ctx context.Context, g *grader.Grader, ws *workspace.Workspace, ex *course.Exercise, format string, poll bool) error {
	changes, mode, err := watch.Watch(ctx, ws.ExerciseDir(ex.ID), watch.Options{Poll: poll})
	if err != nil {
		return &exitError{code: ExitUsage, err: err}
	}
	clear := isTerminal(a.stdout) && format == "text"
	for first := true; ; first = false {
		if clear {
			io.WriteString(a.stdout, "\x1b[2J\x1b[H")
		}
		if _, err := a.gradeAndShow(g, ws, ex, format, first); err != nil {
			return err
		}
		if format == "text" {
			fmt.Fprintf(a.stdout, "\n%s\n", fmt.Sprintf(words(a.lang()).watching, filepath.Join(ws.ExerciseDir(ex.ID)), mode))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-changes:
		}
	}
}

func (a *app) hintCommand() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:               "hint ID",
		Short:             "Show the next hint for an exercise, one tier at a time",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.exerciseIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ws, ex, err := a.exerciseArg(dir, args[0])
			if err != nil {
				return err
			}
			var n int
			if err := a.updateProgress(ws, func(s *progress.State) {
				e := s.Exercise(ex.ID)
				if e.HintsUsed < len(ex.Hints) {
					e.HintsUsed++
				}
				n = e.HintsUsed
			}); err != nil {
				return err
			}
			lang := a.lang()
			t := words(lang)
			if n == 0 {
				fmt.Fprintln(a.stdout, t.noHints)
				return nil
			}
			fmt.Fprintf(a.stdout, "%s %d/%d: %s\n", t.hint, n, len(ex.Hints), strings.TrimSpace(ex.Hints[n-1].In(lang)))
			if n == len(ex.Hints) {
				fmt.Fprintf(a.stdout, "\n%s\n", fmt.Sprintf(t.lastHint, ex.ID))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "the workspace `DIR` (default: --workspace)")
	return cmd
}

func (a *app) solutionCommand() *cobra.Command {
	var dir string
	var yes bool
	cmd := &cobra.Command{
		Use:   "solution ID",
		Short: "Show the reference solution as a diff against your files",
		Long: `Show how the reference solution differs from your files. Before you have
passed the exercise this asks for confirmation (or --yes), and the reveal is
recorded in your progress.`,
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
			t := words(a.lang())
			rec := st.Exercise(ex.ID)
			if !rec.Passed && !rec.SolutionRevealed && !yes {
				if !isTerminal(a.stdin) {
					return usageError("%s", t.needYes)
				}
				fmt.Fprintf(a.stderr, "%s [y/N] ", t.confirmReveal)
				line, _ := bufio.NewReader(a.stdin).ReadString('\n')
				if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" && ans != "s" && ans != "si" && ans != "sí" {
					fmt.Fprintln(a.stderr, t.notRevealed)
					return &exitError{code: ExitAborted}
				}
			}
			diffs, err := ws.SolutionDiff(ex)
			if err != nil {
				return err
			}
			if err := a.updateProgress(ws, func(s *progress.State) {
				if e := s.Exercise(ex.ID); !e.Passed {
					e.SolutionRevealed = true
				}
			}); err != nil {
				return err
			}
			for _, d := range diffs {
				if d.Diff == "" {
					fmt.Fprintf(a.stdout, "%s: %s\n", d.Name, t.identical)
					continue
				}
				io.WriteString(a.stdout, d.Diff)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "the workspace `DIR` (default: --workspace)")
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "reveal without asking")
	return cmd
}

func (a *app) resetCommand() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:               "reset ID",
		Short:             "Restore an exercise's start files, after backing up yours",
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
			t := words(a.lang())
			fmt.Fprintf(a.stdout, "%s\n", fmt.Sprintf(t.reset, ex.ID, ws.ExerciseDir(ex.ID)))
			if backup != "" {
				fmt.Fprintf(a.stdout, "%s\n", fmt.Sprintf(t.backup, backup))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "the workspace `DIR` (default: --workspace)")
	return cmd
}
