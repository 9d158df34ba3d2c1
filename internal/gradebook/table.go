package gradebook

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// tableWriter prints the gradebook for the instructor at a terminal: a grid
// of students × exercises (numbered, with a legend), the submissions that
// could not be graded, the distribution of totals and the checks the class
// fails most. Every line fits tableWidth columns: when the exercise columns
// do not, the grid is paged into blocks of exercise columns, each with the
// names again and the totals in the last. Paging keeps one row per student,
// which reads down a column like the LMS gradebook does; a block per student
// would spread a class of thirty over hundreds of lines. Long sentences are
// wrapped under their own indent.
type tableWriter struct {
	w io.Writer
	p *msg.Printer
}

const (
	maxNameWidth = 32
	histWidth    = 30
	// tableWidth is the terminal width the table is laid out for: the
	// narrowest common one, so no line wraps anywhere.
	tableWidth = 80
)

// pages splits the exercise columns into blocks [from, to) that fit
// tableWidth beside the names, the last block also holding the totals.
func pages(nameW int, cols []int, totalW int) [][2]int {
	var out [][2]int
	from, w := 0, nameW
	for i, c := range cols {
		extra := 0
		if i == len(cols)-1 {
			extra = 2 + totalW
		}
		if i > from && w+2+c+extra > tableWidth {
			out = append(out, [2]int{from, i})
			from, w = i, nameW
		}
		w += 2 + c
	}
	if from < len(cols) || len(out) == 0 {
		out = append(out, [2]int{from, len(cols)})
	}
	return out
}

func (tw tableWriter) Write(gb *Gradebook) error {
	var b bytes.Buffer
	tw.write(&b, gb)
	out := bufio.NewWriter(tw.w)
	for line := range strings.Lines(b.String()) {
		for _, l := range wrap(strings.TrimSuffix(line, "\n"), tableWidth) {
			out.WriteString(l)
			out.WriteString("\n")
		}
	}
	return out.Flush()
}

func (tw tableWriter) write(b *bytes.Buffer, gb *Gradebook) {
	p := tw.p
	fmt.Fprintf(b, "%s\n\n", p.S("gradebook.table.header", msg.Args{
		"Students":  count("gradebook.table.students", len(gb.Students)),
		"Exercises": count("gradebook.table.exercises", len(gb.Exercises)),
		"Points":    count("gradebook.table.points", gb.Max),
	}))

	// The grid.
	student, total := p.S("gradebook.table.student", nil), p.S("gradebook.table.total", nil)
	names := make([]string, len(gb.Students))
	nameW := textWidth(student)
	for i, s := range gb.Students {
		names[i] = clip(oneLine(s.Name), maxNameWidth)
		nameW = max(nameW, textWidth(names[i]))
	}
	cols := make([]int, len(gb.Exercises))
	for i, ex := range gb.Exercises {
		cols[i] = max(len(strconv.Itoa(i+1)), len(strconv.Itoa(ex.Points())))
	}
	totalW := max(textWidth(total), 2*len(strconv.Itoa(gb.Max))+1)
	if gb.Summary.Incomplete > 0 {
		totalW = max(totalW, 2*len(strconv.Itoa(gb.Max))+2)
	}
	for bi, blk := range pages(nameW, cols, totalW) {
		if bi > 0 {
			b.WriteString("\n")
		}
		last := blk[1] == len(cols)
		fmt.Fprintf(b, "%s", pad(student, nameW))
		for i := blk[0]; i < blk[1]; i++ {
			fmt.Fprintf(b, "  %*d", cols[i], i+1)
		}
		if last {
			fmt.Fprintf(b, "  %*s", totalW, total)
		}
		b.WriteString("\n")
		for si, s := range gb.Students {
			fmt.Fprintf(b, "%s", pad(names[si], nameW))
			for i := blk[0]; i < blk[1]; i++ {
				fmt.Fprintf(b, "  %*s", cols[i], mark(s.Exercises[i]))
			}
			if last {
				tot := fmt.Sprintf("%d/%d", s.Score, s.Max)
				if !s.Complete() {
					tot += "!" // what could be graded, not a total
				}
				fmt.Fprintf(b, "  %*s", totalW, tot)
			}
			b.WriteString("\n")
		}
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

	// Grades the instructor changed after review, with their notes.
	first = true
	for si, s := range gb.Students {
		for _, er := range s.Exercises {
			for _, o := range er.Overrides {
				if first {
					fmt.Fprintf(b, "\n%s\n", p.S("gradebook.table.overrides", nil))
					first = false
				}
				fmt.Fprintf(b, "  %s  %s\n", names[si], overrideNote(p, er.Exercise.ID, o))
			}
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
	if n := textWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func clip(s string, w int) string {
	if textWidth(s) <= w {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		rw := runeWidth(r)
		if n+rw > w-1 {
			break
		}
		b.WriteRune(r)
		n += rw
	}
	return b.String() + "…"
}

// textWidth is how many terminal columns s takes: East Asian wide letters
// take two, combining marks none (names are NFC, so few remain).
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200B:
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// wrap breaks a line longer than w at spaces; the lines after the first are
// indented four columns deeper than it, so a wrapped entry reads as one. A
// word longer than a line is cut.
func wrap(line string, w int) []string {
	if textWidth(line) <= w {
		return []string{line}
	}
	body := strings.TrimLeft(line, " ")
	indent := strings.Repeat(" ", min(len(line)-len(body), w/2))
	hang := indent + "    "
	var out []string
	cur, curW, empty := indent, len(indent), true
	flush := func() {
		out = append(out, strings.TrimRight(cur, " "))
		cur, curW, empty = hang, len(hang), true
	}
	for _, word := range strings.Split(body, " ") {
		ww := textWidth(word)
		if !empty && curW+1+ww > w {
			flush()
		}
		if !empty {
			cur += " "
			curW++
		}
		for curW+ww > w {
			// a word that fits no line: cut it at the line's end
			head := clipRunes(word, w-curW)
			cur += head
			flush()
			word = strings.TrimPrefix(word, head)
			ww = textWidth(word)
		}
		cur += word
		curW += ww
		empty = false
	}
	out = append(out, strings.TrimRight(cur, " "))
	return out
}

// clipRunes is the longest prefix of s at most w columns wide (at least one
// rune, so cutting always advances).
func clipRunes(s string, w int) string {
	n, end := 0, 0
	for i, r := range s {
		rw := runeWidth(r)
		if n+rw > w && end > 0 {
			break
		}
		n += rw
		end = i + len(string(r))
	}
	return s[:end]
}
