package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/course"
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
		Short: "List the lessons and exercises",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			c, _, err := a.course()
			if err != nil {
				return err
			}
			lang := a.lang()
			if format == "json" {
				return writeJSON(a.stdout, buildList(c, lang))
			}
			return writeCourseMap(a.stdout, c, lang)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
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
func writeCourseMap(w io.Writer, c *course.Course, lang string) error {
	var b strings.Builder
	title, exLabel, cpLabel := "Course map", "exercise", "checkpoint questions"
	if lang == "es" {
		title, exLabel, cpLabel = "Mapa del curso", "ejercicio", "preguntas de control"
	}
	fmt.Fprintf(&b, "%s\n\n", title)
	listed := map[string]bool{}
	for i, l := range c.Lessons {
		n := 0
		if l.Checkpoint != nil {
			n = len(l.Checkpoint.Questions)
		}
		fmt.Fprintf(&b, "%2d. %s  [%s]  (%d %s)\n", i+1, l.Title.In(lang), l.ID, n, cpLabel)
		for _, e := range c.ExercisesOf(l.ID) {
			listed[e.ID] = true
			fmt.Fprintf(&b, "      - %s %s: %s  (%d pts)\n", exLabel, e.ID, e.Title.In(lang), e.Points())
		}
	}
	for _, e := range c.Exercises {
		if !listed[e.ID] {
			fmt.Fprintf(&b, "    - %s %s: %s  (%d pts)\n", exLabel, e.ID, e.Title.In(lang), e.Points())
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
