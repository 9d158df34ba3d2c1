package gradebook

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// tableWriter prints the gradebook for the instructor at a terminal: a grid
// of students × exercises (numbered, with a legend, so twenty exercises still
// fit), the submissions that could not be graded, the distribution of totals
// and the checks the class fails most.
type tableWriter struct {
	w io.Writer
	p *msg.Printer
}

const (
	maxNameWidth = 32
	histWidth    = 30
)

func (tw tableWriter) Write(gb *Gradebook) error {
	b := bufio.NewWriter(tw.w)
	p := tw.p
	fmt.Fprintf(b, "%s\n\n", p.S("gradebook.table.header", msg.Args{
		"Students":  count("gradebook.table.students", len(gb.Students)),
		"Exercises": count("gradebook.table.exercises", len(gb.Exercises)),
		"Points":    count("gradebook.table.points", gb.Max),
	}))

	// The grid.
	student, total := p.S("gradebook.table.student", nil), p.S("gradebook.table.total", nil)
	names := make([]string, len(gb.Students))
	nameW := utf8.RuneCountInString(student)
	for i, s := range gb.Students {
		names[i] = clip(oneLine(s.Name), maxNameWidth)
		nameW = max(nameW, utf8.RuneCountInString(names[i]))
	}
	cols := make([]int, len(gb.Exercises))
	for i, ex := range gb.Exercises {
		cols[i] = max(len(strconv.Itoa(i+1)), len(strconv.Itoa(ex.Points())))
	}
	totalW := max(utf8.RuneCountInString(total), 2*len(strconv.Itoa(gb.Max))+1)
	if gb.Summary.Incomplete > 0 {
		totalW = max(totalW, 2*len(strconv.Itoa(gb.Max))+2)
	}
	fmt.Fprintf(b, "%s", pad(student, nameW))
	for i, w := range cols {
		fmt.Fprintf(b, "  %*d", w, i+1)
	}
	fmt.Fprintf(b, "  %*s\n", totalW, total)
	for si, s := range gb.Students {
		fmt.Fprintf(b, "%s", pad(names[si], nameW))
		for i, er := range s.Exercises {
			fmt.Fprintf(b, "  %*s", cols[i], mark(er))
		}
		tot := fmt.Sprintf("%d/%d", s.Score, s.Max)
		if !s.Complete() {
			tot += "!" // what could be graded, not a total
		}
		fmt.Fprintf(b, "  %*s\n", totalW, tot)
	}

	// The legend.
	fmt.Fprintf(b, "\n%s\n", p.S("gradebook.table.legend", nil))
	idW := 0
	for _, ex := range gb.Exercises {
		idW = max(idW, len(ex.ID))
	}
	numW := len(strconv.Itoa(len(gb.Exercises)))
	for i, ex := range gb.Exercises {
		fmt.Fprintf(b, "  %*d  %s  %s\n", numW, i+1, pad(ex.ID, idW), p.Text(count("gradebook.table.points", ex.Points())))
	}
	fmt.Fprintf(b, "  %s\n", p.S("gradebook.table.marks", nil))
	if gb.Summary.Incomplete > 0 {
		fmt.Fprintf(b, "  %s\n", p.S("gradebook.table.incomplete", nil))
	}

	// Exercises found deeper in a student's folder or in an archive, so the
	// instructor can check that the right folder was graded.
	first := true
	for si, s := range gb.Students {
		for _, er := range s.Exercises {
			if er.Location == "" {
				continue
			}
			if first {
				fmt.Fprintf(b, "\n%s\n", p.S("gradebook.table.found-in", nil))
				first = false
			}
			fmt.Fprintf(b, "  %s  %s: %s\n", names[si], er.Exercise.ID, oneLine(er.Location))
		}
	}

	// Submissions that could not be graded, with the reason.
	first = true
	for si, s := range gb.Students {
		for _, er := range s.Exercises {
			if er.Status != StatusError {
				continue
			}
			if first {
				fmt.Fprintf(b, "\n%s\n", p.S("gradebook.table.not-graded", nil))
				first = false
			}
			fmt.Fprintf(b, "  %s  %s: %s\n", names[si], er.Exercise.ID, oneLine(p.Text(er.Error)))
		}
	}

	// The distribution of totals.
	sm := gb.Summary
	fmt.Fprintf(b, "\n%s\n", p.S("gradebook.table.totals", msg.Args{"Max": gb.Max}))
	fmt.Fprintf(b, "  %s\n", p.S("gradebook.table.mean-median", msg.Args{"Mean": num(sm.Mean), "Median": num(sm.Median)}))
	if sm.Incomplete > 0 {
		fmt.Fprintf(b, "  %s\n", p.S("gradebook.table.left-out", msg.Args{"Count": sm.Incomplete}))
	}
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
	fmt.Fprintf(b, "\n%s\n", p.S("gradebook.table.checks", nil))
	for _, c := range sm.Checks {
		message := oneLine(p.Text(c.Message))
		if c.Total == 0 {
			fmt.Fprintf(b, "     -  %s/%s  %s %s\n", c.Exercise, c.Check, message, p.S("gradebook.table.nothing-graded", nil))
			continue
		}
		fmt.Fprintf(b, "  %3d%%  %s/%s  %s %s\n", int(c.Rate*100+0.5), c.Exercise, c.Check, message,
			p.S("gradebook.table.passed-of", msg.Args{"Passed": c.Passed, "Total": c.Total}))
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

// count is a number of things, worded by the catalog's plural forms.
func count(key string, n int) msg.Text { return msg.New(key, msg.Args{"Count": n}) }

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
