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
		text, cells := displayLine(lines[n-1])
		fmt.Fprintf(b, "  %*d | %s\n", width, n, text)
		if n < r.Start.Line {
			continue
		}
		// from and to are source columns (one per character, a tab
		// counting as one) until they are turned into screen cells.
		from, to := 1, len(cells)
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
		from, to = cellOf(cells, from), cellOf(cells, to)
		// Leading blanks of continuation lines are not part of the subject.
		if n != r.Start.Line {
			from = max(from, 1+leadingSpaces(text))
		}
		if to <= from {
			to = from + 1
		}
		fmt.Fprintf(b, "  %s | %s%s%s%s\n", strings.Repeat(" ", width), strings.Repeat(" ", from-1), caretColor, strings.Repeat("^", to-from), reset)
	}
}

func splitLines(src []byte) []string {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// tabStop is the width tabs expand to in snippets: a tab shown as one
// space flattens indentation, and 8 pushes nested YAML off the screen.
const tabStop = 4

// displayLine makes a source line safe to print and expands its tabs to the
// next multiple of tabStop. cells[i] is the 1-based screen cell where source
// column i+1 starts; its last entry is the cell just past the line, so a
// caret for any column of the source lands under the same character on
// screen. Dropped control characters take no cell.
func displayLine(s string) (string, []int) {
	var b strings.Builder
	cells := make([]int, 0, len(s)+1)
	col := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		cells = append(cells, col+1)
		switch {
		case r == '\t':
			for {
				b.WriteByte(' ')
				col++
				if col%tabStop == 0 {
					break
				}
			}
		case r == utf8.RuneError && size <= 1:
			b.WriteRune('\uFFFD')
			col++
		case unsafeRune(r):
			// dropped, as Sanitize does
		default:
			b.WriteRune(r)
			col++
		}
	}
	cells = append(cells, col+1)
	return b.String(), cells
}

// cellOf turns a 1-based source column into a screen cell; columns past the
// end of the line (an end position after the last character) keep counting
// one cell each.
func cellOf(cells []int, column int) int {
	if column <= len(cells) {
		return cells[column-1]
	}
	return cells[len(cells)-1] + column - len(cells)
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
