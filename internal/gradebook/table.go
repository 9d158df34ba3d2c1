package gradebook

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iactutor/iactutor/internal/diag"
)

// tableWriter prints the gradebook for the instructor at a terminal: a grid
// of students × exercises (numbered, with a legend, so twenty exercises still
// fit), the submissions that could not be graded, the distribution of totals
// and the checks the class fails most.
type tableWriter struct{ w io.Writer }

const (
	maxNameWidth = 32
	histWidth    = 30
)

func (tw tableWriter) Write(gb *Gradebook) error {
	b := bufio.NewWriter(tw.w)
	fmt.Fprintf(b, "%s, %s, %s each\n\n", count(len(gb.Students), "student", "students"),
		count(len(gb.Exercises), "exercise", "exercises"), count(gb.Max, "point", "points"))

	// The grid.
	names := make([]string, len(gb.Students))
	nameW := len("student")
	for i, s := range gb.Students {
		names[i] = clip(oneLine(s.Name), maxNameWidth)
		nameW = max(nameW, utf8.RuneCountInString(names[i]))
	}
	cols := make([]int, len(gb.Exercises))
	for i, ex := range gb.Exercises {
		cols[i] = max(len(strconv.Itoa(i+1)), len(strconv.Itoa(ex.Points())))
	}
	totalW := max(len("total"), 2*len(strconv.Itoa(gb.Max))+1)
	fmt.Fprintf(b, "%s", pad("student", nameW))
	for i, w := range cols {
		fmt.Fprintf(b, "  %*d", w, i+1)
	}
	fmt.Fprintf(b, "  %*s\n", totalW, "total")
	for si, s := range gb.Students {
		fmt.Fprintf(b, "%s", pad(names[si], nameW))
		for i, er := range s.Exercises {
			fmt.Fprintf(b, "  %*s", cols[i], mark(er))
		}
		fmt.Fprintf(b, "  %*s\n", totalW, fmt.Sprintf("%d/%d", s.Score, s.Max))
	}

	// The legend.
	fmt.Fprintf(b, "\nExercises\n")
	idW := 0
	for _, ex := range gb.Exercises {
		idW = max(idW, len(ex.ID))
	}
	numW := len(strconv.Itoa(len(gb.Exercises)))
	for i, ex := range gb.Exercises {
		fmt.Fprintf(b, "  %*d  %s  %s\n", numW, i+1, pad(ex.ID, idW), count(ex.Points(), "point", "points"))
	}
	fmt.Fprintf(b, "  (- not submitted, ! could not be graded)\n")

	// Submissions that could not be graded, with the reason.
	first := true
	for si, s := range gb.Students {
		for _, er := range s.Exercises {
			if er.Status != StatusError {
				continue
			}
			if first {
				fmt.Fprintf(b, "\nCould not be graded\n")
				first = false
			}
			fmt.Fprintf(b, "  %s  %s: %s\n", names[si], er.Exercise.ID, oneLine(er.Error))
		}
	}

	// The distribution of totals.
	sm := gb.Summary
	fmt.Fprintf(b, "\nTotals (out of %d)\n", gb.Max)
	fmt.Fprintf(b, "  mean %s, median %s\n", num(sm.Mean), num(sm.Median))
	top := 0
	rangeW := 0
	for _, bk := range sm.Histogram {
		top = max(top, bk.Count)
		rangeW = max(rangeW, len(bucketRange(bk)))
	}
	for _, bk := range sm.Histogram {
		bar := 0
		if top > 0 {
			bar = (bk.Count*histWidth + top - 1) / top
		}
		fmt.Fprintf(b, "  %*s  %s %d\n", rangeW, bucketRange(bk), pad(strings.Repeat("#", bar), histWidth), bk.Count)
	}

	// Which mistakes the class makes most.
	fmt.Fprintf(b, "\nChecks by pass rate, lowest first\n")
	for _, c := range sm.Checks {
		if c.Total == 0 {
			fmt.Fprintf(b, "     -  %s/%s  %s (nothing graded)\n", c.Exercise, c.Check, oneLine(c.Message))
			continue
		}
		fmt.Fprintf(b, "  %3d%%  %s/%s  %s (%d of %d)\n", int(c.Rate*100+0.5), c.Exercise, c.Check, oneLine(c.Message), c.Passed, c.Total)
	}
	return b.Flush()
}

// mark is a grid cell: the points, "-" when not submitted, "!" on an error.
func mark(er ExerciseResult) string {
	switch er.Status {
	case StatusMissing:
		return "-"
	case StatusError:
		return "!"
	}
	return strconv.Itoa(er.Score)
}

func bucketRange(bk Bucket) string {
	if bk.From == bk.To {
		return strconv.Itoa(bk.From)
	}
	return fmt.Sprintf("%d-%d", bk.From, bk.To)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func count(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// oneLine is text from a student's folder made safe for one table row.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\t", " ").Replace(diag.Sanitize(s))
}

func pad(s string, w int) string {
	if n := utf8.RuneCountInString(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func clip(s string, w int) string {
	if utf8.RuneCountInString(s) <= w {
		return s
	}
	r := []rune(s)
	return string(r[:w-1]) + "…"
}
