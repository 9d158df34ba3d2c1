package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
	"github.com/iactutor/iactutor/internal/tui"
)

func (a *app) lessonCommand() *cobra.Command {
	var plain bool
	cmd := &cobra.Command{
		Use:   "lesson ID",
		Short: a.p().S("cli.lesson.short", nil),
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			c, _, err := a.course()
			if err != nil || len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			ids := make([]string, len(c.Lessons))
			for i, l := range c.Lessons {
				ids[i] = l.ID
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			c, _, err := a.course()
			if err != nil {
				return err
			}
			l, err := findLesson(c, args[0])
			if err != nil {
				return err
			}
			md := l.Markdown(a.lang()) + glossaryFooter(c, l, a.p())
			if plain || !isTerminal(a.stdout) {
				_, err = io.WriteString(a.stdout, md)
				return err
			}
			out, err := tui.RenderMarkdown(md, markdownTheme(a.color(a.stdout), a.getenv), width(a.stdout))
			if err != nil {
				return err
			}
			_, err = io.WriteString(a.stdout, out)
			return err
		},
	}
	cmd.Flags().BoolVar(&plain, "plain", false, a.p().S("cli.lesson.flag.plain", nil))
	return cmd
}

// findLesson accepts a lesson ID or its number in the course.
func findLesson(c *course.Course, id string) (*course.Lesson, error) {
	if l, ok := c.Lesson(id); ok {
		return l, nil
	}
	for _, l := range c.Lessons {
		if fmt.Sprint(l.Order) == strings.TrimLeft(id, "0") {
			return l, nil
		}
	}
	ids := make([]string, len(c.Lessons))
	for i, l := range c.Lessons {
		ids[i] = l.ID
	}
	if s := suggest.Nearest(id, ids); s != "" {
		return nil, usageError(msg.New("cli.lesson.unknown-suggest", msg.Args{"ID": quote(id), "Suggestion": quote(s)}))
	}
	return nil, usageError(msg.New("cli.lesson.unknown", msg.Args{"ID": quote(id)}))
}

// markdownTheme picks a fixed style once, without querying the terminal:
// monochrome when colour is off, light when COLORFGBG says the background is
// light, dark otherwise.
func markdownTheme(color bool, getenv func(string) string) string {
	if !color {
		return "notty"
	}
	if fgbg := getenv("COLORFGBG"); fgbg != "" {
		parts := strings.Split(fgbg, ";")
		switch parts[len(parts)-1] {
		case "7", "15":
			return "light"
		}
	}
	return "dark"
}
