package gradebook

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// feedbackWriter writes one Markdown file per student into a folder: their
// total, every exercise, every failed check with the problems that explain it
// quoted from their own files, and the exercise's first hint.
type feedbackWriter struct {
	dir string
	p   *msg.Printer
}

// NewFeedback returns the writer of per-student feedback files in dir, in
// the language of p. It works with any --format, next to it.
func NewFeedback(dir string, p *msg.Printer) Writer { return feedbackWriter{dir: dir, p: p} }

func (fw feedbackWriter) Write(gb *Gradebook) error {
	if fw.p == nil {
		return errNoPrinter
	}
	if err := os.MkdirAll(fw.dir, 0o755); err != nil {
		return fmt.Errorf("writing feedback: %w", err)
	}
	names := FeedbackNames(gb.Students)
	for i, s := range gb.Students {
		data := feedback(fw.p, s)
		if err := WriteFile(filepath.Join(fw.dir, names[i]), data, nil); err != nil {
			return fmt.Errorf("writing feedback: %w", err)
		}
	}
	if err := WriteFile(filepath.Join(fw.dir, FeedbackIndex), feedbackIndex(fw.p, gb, names), nil); err != nil {
		return fmt.Errorf("writing feedback: %w", err)
	}
	return nil
}

// FeedbackIndex is the file in the feedback folder that lists every
// student with their points and feedback file, so the instructor can send
// each file to the right person even when a name had to be changed to be a
// file name.
const FeedbackIndex = "index.md"

// FeedbackNames are the students' feedback file names: FileNames with ".md",
// never the index's own name.
func FeedbackNames(ss []Student) []string {
	names := FileNames(append([]Student{{Name: strings.TrimSuffix(FeedbackIndex, ".md")}}, ss...))[1:]
	for i := range names {
		names[i] += ".md"
	}
	return names
}

func feedbackIndex(p *msg.Printer, gb *Gradebook, names []string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", p.S("gradebook.feedback.index-title", nil))
	fmt.Fprintf(&b, "| %s | %s | %s |\n|---|---|---|\n", p.S("gradebook.table.student", nil),
		p.S("gradebook.table.total", nil), p.S("gradebook.feedback.index-file", nil))
	for i, s := range gb.Students {
		total := fmt.Sprintf("%d/%d", s.Score, s.Max)
		if !s.Complete() {
			total += "!"
		}
		fmt.Fprintf(&b, "| %s | %s | [%s](%s) |\n", mdEscape(oneLine(s.Name)), total, mdEscape(names[i]), urlPath(names[i]))
	}
	return b.Bytes()
}

// urlPath escapes a file name for a Markdown link target; "./" keeps a
// colon in the name from being read as a URL scheme.
func urlPath(name string) string {
	return "./" + (&url.URL{Path: name}).EscapedPath()
}

func feedback(p *msg.Printer, s Student) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", p.S("gradebook.feedback.title", msg.Args{"Student": mdEscape(s.Name)}))
	fmt.Fprintf(&b, "%s\n", p.S("gradebook.feedback.total", msg.Args{"Score": s.Score, "Max": s.Max}))
	if !s.Complete() {
		fmt.Fprintf(&b, "\n%s\n", p.S("gradebook.feedback.incomplete", nil))
	}
	for _, er := range s.Exercises {
		ex := er.Exercise
		fmt.Fprintf(&b, "\n## %s — %s\n\n", ex.ID, oneLine(p.Text(msg.Translated(ex.Title))))
		if er.Location != "" {
			fmt.Fprintf(&b, "%s\n\n", p.S("gradebook.feedback.found-in", msg.Args{"Folder": mdCode(er.Location)}))
		}
		for _, o := range er.Overrides {
			fmt.Fprintf(&b, "%s\n\n", mdEscape(overrideNote(p, ex.ID, o)))
		}
		if er.Status == StatusError {
			// not a score: the instructor has to look at it
			fmt.Fprintf(&b, "%s\n", p.S("gradebook.feedback.errored", msg.Args{"Reason": mdEscape(oneLine(p.Text(er.Error)))}))
		} else {
			fmt.Fprintf(&b, "%s", p.S("gradebook.feedback.points", msg.Args{"Score": er.Score, "Max": er.Max}))
		}
		switch {
		case er.Status == StatusMissing:
			fmt.Fprintf(&b, " %s\n", p.S("gradebook.feedback.missing", msg.Args{"Folder": ex.ID}))
		case er.Status == StatusError:
		case er.Passed:
			fmt.Fprintf(&b, " %s\n", p.S("gradebook.feedback.passed", nil))
			continue
		default:
			b.WriteString("\n")
			if er.Unchanged {
				fmt.Fprintf(&b, "\n%s\n", p.S("gradebook.feedback.unchanged", nil))
			}
			if slices.ContainsFunc(er.Diagnostics, isRefusal) {
				fmt.Fprintf(&b, "\n%s\n", p.S("gradebook.feedback.refused", nil))
			}
		}
		if len(er.Checks) > 0 {
			b.WriteString("\n")
		}
		for _, c := range er.Checks {
			box := " "
			if c.Passed {
				box = "x"
			}
			fmt.Fprintf(&b, "- [%s] %s (%d/%d)\n", box, oneLine(p.Text(c.Message)), c.Points, c.Max)
		}
		if er.Status == StatusGraded {
			writeFailures(&b, p, er)
		}
		if len(ex.Hints) > 0 {
			if h := strings.TrimSpace(diag.Sanitize(p.Text(msg.Translated(ex.Hints[0])))); h != "" {
				fmt.Fprintf(&b, "\n**%s:** %s\n", p.S("gradebook.feedback.hint", nil), h)
			}
		}
	}
	return b.Bytes()
}

// writeFailures quotes, for every failed check, the diagnostics that explain
// it, rendered with the student's own lines. A diagnostic that explains
// several checks is shown once.
func writeFailures(b *bytes.Buffer, p *msg.Printer, er ExerciseResult) {
	shown := map[int]bool{}
	for ci, c := range er.Checks {
		if c.Passed {
			continue
		}
		fmt.Fprintf(b, "\n### %s\n\n", oneLine(p.Text(c.Message)))
		var fresh diag.Diagnostics
		seen := 0
		for _, d := range er.Explaining(ci) {
			k := diagKey(er.Diagnostics, d)
			if shown[k] {
				seen++
				continue
			}
			shown[k] = true
			fresh = append(fresh, d)
		}
		switch {
		case len(fresh) > 0:
			var text bytes.Buffer
			_ = diag.WriteText(&text, fresh, diag.TextOptions{Printer: p, Source: func(name string) []byte { return er.Sources[name] }})
			fence := strings.Repeat("`", max(3, longestRun(text.String(), '`')+1))
			fmt.Fprintf(b, "%stext\n%s\n%s\n", fence, strings.TrimRight(text.String(), "\n"), fence)
		case seen > 0:
			fmt.Fprintf(b, "%s\n", p.S("gradebook.feedback.see-above", nil))
		default:
			fmt.Fprintf(b, "%s\n", p.S("gradebook.feedback.no-position", nil))
		}
	}
}

// diagKey identifies a diagnostic by its first position in the list, so that
// equal diagnostics reached through different checks are shown once.
func diagKey(ds diag.Diagnostics, d diag.Diagnostic) int {
	for i, x := range ds {
		if diag.Compare(x, d) == 0 {
			return i
		}
	}
	return -1
}

// longestRun is the longest run of c in s, to pick a code fence the quoted
// text cannot close.
func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// mdEscape keeps text from a student's folder (or a message quoting it) from
// being read as Markdown or HTML markup.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode is a path from a student's submission as inline code: backticks
// and control characters go, so it cannot close the code span.
func mdCode(s string) string {
	return strings.ReplaceAll(oneLine(s), "`", "'")
}
