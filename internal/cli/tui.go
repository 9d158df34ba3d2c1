package cli

import (
	"fmt"
	"os/exec"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/tui"
	"github.com/iactutor/iactutor/internal/workspace"
)

// startTUI runs the interface, optionally opened on a lesson or exercise.
func (a *app) startTUI(openID string) error {
	if !isTerminal(a.stdin) || !isTerminal(a.stdout) {
		fmt.Fprintf(a.stderr, "iactutor: %s\n", a.p().S("cli.tui.needs-terminal", nil))
		fmt.Fprintln(a.stderr, a.p().S("cli.tui.try", nil))
		return &exitError{code: ExitUsage}
	}
	c, src, err := a.course()
	if err != nil {
		return err
	}
	if openID != "" {
		_, isLesson := c.Lesson(openID)
		_, isExercise := c.Exercise(openID)
		if !isLesson && !isExercise {
			// A lesson number, or a typo answered with a suggestion.
			l, err := findLesson(c, openID)
			if err != nil {
				_, err = findExercise(c, openID)
				return err
			}
			openID = l.ID
		}
	}
	dir, err := workspace.Resolve(a.workspace, a.getenv)
	if err != nil {
		return usageErr(err)
	}
	color := a.color(a.stdout)
	style := markdownTheme(color, a.getenv)
	// Only COLORFGBG says whether the background is light: without it,
	// lessons keep the terminal's own text colour rather than guess.
	known := a.getenv("COLORFGBG") != ""
	if color && !known {
		style = "neutral"
	}
	r := lipgloss.NewRenderer(a.stdout)
	if !color {
		r.SetColorProfile(termenv.Ascii)
	}
	// Decided once, here: adaptive colours would otherwise ask the terminal
	// for its background in the middle of drawing.
	r.SetHasDarkBackground(style != "light")
	return tui.Run(tui.Options{
		Course: c, Source: src, Workspace: dir, Printer: a.p(), Color: color,
		MarkdownTheme: style, BackgroundKnown: known, Hyperlinks: true,
		Open: openID, Editor: a.editor(), Renderer: r,
	}, a.stdin, a.stdout)
}

func (a *app) openCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "open ID",
		Short: a.p().S("cli.open.short", nil),
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, s string) ([]string, cobra.ShellCompDirective) {
			ids, d := a.exerciseIDs(cmd, args, s)
			if c, _, err := a.course(); err == nil && len(args) == 0 {
				for _, l := range c.Lessons {
					ids = append(ids, l.ID)
				}
			}
			return ids, d
		},
		RunE: func(cmd *cobra.Command, args []string) error { return a.startTUI(args[0]) },
	}
}

// editor is the command the edit key runs: $VISUAL, then $EDITOR, then the
// first of the usual editors installed; "" when there is none.
func (a *app) editor() string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if e := strings.TrimSpace(a.getenv(v)); e != "" {
			return e
		}
	}
	for _, e := range []string{"editor", "nano", "vi"} {
		if _, err := exec.LookPath(e); err == nil {
			return e
		}
	}
	return ""
}
