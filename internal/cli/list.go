package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
)

// listJSON is the contract of `iactutor list --format json`.
type listJSON struct {
	Lessons   []lessonJSON   `json:"lessons"`
	Exercises []exerciseJSON `json:"exercises"`
}

type lessonJSON struct {
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	Languages  []string       `json:"languages"`
	Checkpoint checkpointJSON `json:"checkpoint"`
}

type checkpointJSON struct {
	Questions int `json:"questions"`
}

type exerciseJSON struct {
	ID         string   `json:"id"`
	Lesson     string   `json:"lesson"`
	Title      string   `json:"title"`
	Track      string   `json:"track"`
	Topics     []string `json:"topics"`
	Difficulty int      `json:"difficulty"`
	Points     int      `json:"points"`
	Languages  []string `json:"languages"`
}

func (a *app) listCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: a.p().S("cli.list.short", nil),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, textFormats...); err != nil {
				return err
			}
			c, _, err := a.course()
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(a.stdout, buildList(c, a.lang()))
			}
			return writeCourseMap(a.stdout, c, a.p())
		},
	}
	a.formatFlag(cmd, &format)
	return cmd
}

func buildList(c *course.Course, lang string) listJSON {
	out := listJSON{Lessons: []lessonJSON{}, Exercises: []exerciseJSON{}}
	for _, l := range c.Lessons {
		n := 0
		if l.Checkpoint != nil {
			n = len(l.Checkpoint.Questions)
		}
		out.Lessons = append(out.Lessons, lessonJSON{ID: l.ID, Title: l.Title.In(lang), Languages: l.Languages(), Checkpoint: checkpointJSON{Questions: n}})
	}
	for _, e := range c.Exercises {
		topics := e.Topics
		if topics == nil {
			topics = []string{}
		}
		out.Exercises = append(out.Exercises, exerciseJSON{
			ID: e.ID, Lesson: e.Lesson, Title: e.Title.In(lang), Track: string(e.Track),
			Topics: topics, Difficulty: e.Difficulty, Points: e.Points(), Languages: e.Languages(),
		})
	}
	return out
}

// writeCourseMap prints lessons in order with their exercises beneath them.
func writeCourseMap(w io.Writer, c *course.Course, p *msg.Printer) error {
	var b strings.Builder
	lang := p.Lang()
	fmt.Fprintf(&b, "%s\n\n", p.S("cli.list.title", nil))
	listed := map[string]bool{}
	exercise := func(e *course.Exercise) string {
		return p.S("cli.list.exercise", msg.Args{"ID": e.ID, "Title": e.Title.In(lang), "Points": e.Points()})
	}
	for i, l := range c.Lessons {
		n := 0
		if l.Checkpoint != nil {
			n = len(l.Checkpoint.Questions)
		}
		fmt.Fprintf(&b, "%2d. %s  [%s]  (%s)\n", i+1, l.Title.In(lang), l.ID, p.S("cli.list.questions", msg.Args{"Count": n}))
		for _, e := range c.ExercisesOf(l.ID) {
			listed[e.ID] = true
			fmt.Fprintf(&b, "      - %s\n", exercise(e))
		}
	}
	for _, e := range c.Exercises {
		if !listed[e.ID] {
			fmt.Fprintf(&b, "    - %s\n", exercise(e))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
