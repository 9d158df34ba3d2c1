package diag

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/iactutor/iactutor/internal/msg"
)

// TextOptions controls the human renderer. Without colour and without
// wrapping is what tests and pipes want.
type TextOptions struct {
	// Printer puts the diagnostics and the words around them into the
	// reader's language; it is required.
	Printer *msg.Printer
	// Width wraps detail and hint text; 0 disables wrapping.
	Width int
	// Color adds ANSI colour; set it only when writing to a terminal.
	Color bool
	// Source returns a file's bytes for the snippet; nil or a nil result
	// prints the location without a snippet.
	Source func(filename string) []byte
}

// maxSnippetLines caps how much of a long subject is echoed.
const maxSnippetLines = 6

// WriteText renders diagnostics the way hcl does: a header, the location, the
// numbered source lines with the subject underlined, then detail and hint.
// A rule's explanation is printed in full the first time it appears; after
// that a line points back to it, so twenty containers without limits read
// as twenty places and one reason, not twenty copies of the reason.
func WriteText(w io.Writer, ds Diagnostics, opt TextOptions) error {
	var buf bytes.Buffer
	explained := map[[2]string]bool{}
	for _, d := range ds {
		key := [2]string{d.Rule, d.Detail.Identity()}
		repeat := d.Rule != "" && !d.Detail.IsZero() && explained[key]
		explained[key] = true
		writeOne(&buf, d, opt, repeat)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func writeOne(b *bytes.Buffer, d Diagnostic, opt TextOptions, repeat bool) {
	p := opt.Printer
	sev, color := p.S("severity.info", nil), "\x1b[36m"
	switch d.Severity {
	case SeverityError:
		sev, color = p.S("severity.error", nil), "\x1b[1;31m"
	case SeverityWarning:
		sev, color = p.S("severity.warning", nil), "\x1b[1;33m"
	}
	reset, bold, caretColor := "\x1b[0m", "\x1b[1m", color
	if !opt.Color {
		color, reset, bold, caretColor = "", "", "", ""
	}
	fmt.Fprintf(b, "%s%s%s: %s%s%s\n\n", color, sev, reset, bold, Sanitize(p.Text(d.Summary)), reset)

	r := d.Subject
	if r.Filename != "" {
		if r.Start.Line > 0 {
			fmt.Fprintf(b, "  %s\n", p.S("diag.at-line", msg.Args{"File": Sanitize(r.Filename), "Line": r.Start.Line, "Column": r.Start.Column}))
		} else {
			fmt.Fprintf(b, "  %s\n", p.S("diag.at-file", msg.Args{"File": Sanitize(r.Filename)}))
		}
		if opt.Source != nil && r.Start.Line > 0 {
			writeSnippet(b, opt.Source(r.Filename), r, caretColor, reset)
		}
		b.WriteByte('\n')
	}
	switch {
	case repeat:
		b.WriteString(wrap(p.S("diag.see-above", msg.Args{"Rule": Sanitize(d.Rule)}), opt.Width, ""))
		b.WriteString("\n\n")
	case !d.Detail.IsZero():
		b.WriteString(wrap(Sanitize(p.Text(d.Detail)), opt.Width, ""))
		b.WriteString("\n\n")
	}
	if !d.Hint.IsZero() {
		prefix := p.S("diag.hint-label", nil) + ": "
		b.WriteString(wrap(prefix+Sanitize(p.Text(d.Hint)), opt.Width, strings.Repeat(" ", utf8.RuneCountInString(prefix))))
		b.WriteString("\n\n")
	}
	if d.Rule != "" {
		fmt.Fprintf(b, "%s\n\n", p.S("diag.rule-line", msg.Args{"Rule": d.Rule}))
	}
}

func writeSnippet(b *bytes.Buffer, src []byte, r Range, caretColor, reset string) {
	if src == nil {
		return
	}
	lines := splitLines(src)
	if r.Start.Line > len(lines) {
		return
	}
	end := r.End.Line
	if end < r.Start.Line {
		end = r.Start.Line
	}
	if end > len(lines) {
		end = len(lines)
	}
	if end-r.Start.Line+1 > maxSnippetLines {
		end = r.Start.Line + maxSnippetLines - 1
	}
	first := r.Start.Line - 1
	if first < 1 {
		first = 1
	}
	width := len(fmt.Sprint(end))
	for n := first; n <= end; n++ {
		text := displayLine(lines[n-1])
		fmt.Fprintf(b, "  %*d | %s\n", width, n, text)
		if n < r.Start.Line {
			continue
		}
		from, to := 1, utf8.RuneCountInString(text)+1
		if n == r.Start.Line {
			from = r.Start.Column
		}
		if n == r.End.Line {
			to = r.End.Column
		} else if n > r.End.Line {
			to = from + 1
		}
		if from < 1 {
			from = 1
		}
		if to <= from {
			to = from + 1
		}
		// Leading blanks of continuation lines are not part of the subject.
		if n != r.Start.Line {
			from = max(from, 1+leadingSpaces(text))
			if to <= from {
				to = from + 1
			}
		}
		fmt.Fprintf(b, "  %s | %s%s%s%s\n", strings.Repeat(" ", width), strings.Repeat(" ", from-1), caretColor, strings.Repeat("^", to-from), reset)
	}
}

func splitLines(src []byte) []string {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// displayLine makes a source line safe and keeps carets aligned: a tab is
// shown as one space so column N is still the Nth cell.
func displayLine(s string) string {
	return Sanitize(strings.ReplaceAll(s, "\t", " "))
}

func leadingSpaces(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}

// wrap folds text at width columns (0 = no folding); indent starts every
// continuation line so a "Hint: " prefix lines up.
func wrap(text string, width int, indent string) string {
	if width <= 0 {
		return text
	}
	var out strings.Builder
	for pi, para := range strings.Split(text, "\n") {
		if pi > 0 {
			out.WriteString("\n")
		}
		col := 0
		for wi, word := range strings.Fields(para) {
			wl := utf8.RuneCountInString(word)
			switch {
			case wi == 0:
				if pi > 0 {
					out.WriteString(indent)
					col = utf8.RuneCountInString(indent)
				}
			case col+1+wl > width:
				out.WriteString("\n")
				out.WriteString(indent)
				col = utf8.RuneCountInString(indent)
			default:
				out.WriteByte(' ')
				col++
			}
			out.WriteString(word)
			col += wl
		}
	}
	return out.String()
}
