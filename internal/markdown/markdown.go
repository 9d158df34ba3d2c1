// Package markdown renders the CommonMark of lessons and exercise tasks for
// a terminal. It exists instead of glamour because glamour's dependencies
// (a syntax highlighter, an HTML sanitiser, a CSS parser) cost time and
// memory at every start of the program, even for commands that show no
// Markdown, and because glamour folds code lines, which breaks code a
// learner reads or copies. Here code lines are never folded: a line wider
// than the page stays whole, for the viewer to scroll sideways.
package markdown

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// MinWidth is the narrowest page Render lays text out for; a smaller width
// is raised to it, since a word per line is no longer readable anyway.
const MinWidth = 20

// minInner is the narrowest text beside a list marker or quote bar; below
// it the indentation is dropped so text keeps room to be read.
const minInner = 10

// line is one output line; code lines are exempt from the width.
type line struct {
	text string
	code bool
}

// Render lays out md for a page width columns wide in the given theme.
// Text is folded at word boundaries; code blocks are not folded at all.
// The error is always nil today; it is there so that a limit on input size
// or depth can be added without changing every caller.
func Render(md string, width int, th Theme) (string, error) {
	lines := render(md, width, th)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// parser knows the GitHub additions the course uses: tables, strikethrough
// and task lists. It is built per call: goldmark parsers are cheap and a
// package-level one would be shared mutable state.
func newParser() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
}

func render(md string, width int, th Theme) []line {
	width = max(width, MinWidth)
	src := []byte(sanitize(md))
	doc := newParser().Parser().Parse(text.NewReader(src))
	r := &renderer{th: th, src: src}
	return r.blocks(doc, width, false)
}

// sanitize turns line endings into "\n" and control characters into U+FFFD,
// so no escape sequence in the source reaches the terminal.
func sanitize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return '\uFFFD'
		}
		return r
	}, s)
}

type renderer struct {
	th  Theme
	src []byte
}

// blocks renders the children of n, one blank line between them unless
// tight (the items of a tight list).
func (r *renderer) blocks(n ast.Node, width int, tight bool) []line {
	var out []line
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		ls := r.block(c, width)
		if len(ls) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, line{})
		}
		out = append(out, ls...)
	}
	return out
}

func (r *renderer) block(n ast.Node, width int) []line {
	switch n := n.(type) {
	case *ast.Heading:
		st := r.th.Heading[min(max(n.Level, 1), 6)-1]
		var ps []piece
		if r.th.HeadingMarks {
			ps = append(ps, piece{text: strings.Repeat("#", n.Level) + " ", style: st})
		}
		return r.wrap(append(ps, r.inlines(n, st)...), width)
	case *ast.Paragraph, *ast.TextBlock:
		return r.wrap(r.inlines(n, r.th.Text), width)
	case *ast.ThematicBreak:
		rw := max(ansi.StringWidth(r.th.RuleChar), 1)
		return []line{{text: r.th.Rule.Render(strings.Repeat(r.th.RuleChar, width/rw))}}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return r.code(n)
	case *ast.Blockquote:
		return r.quote(n, width)
	case *ast.List:
		return r.list(n, width)
	case *ast.HTMLBlock:
		return nil
	case *east.Table:
		return r.table(n, width)
	}
	return r.blocks(n, width, false)
}

// code renders a code block line by line with tabs expanded and nothing
// folded. Every line is kept, trailing blank lines included, as written.
func (r *renderer) code(n ast.Node) []line {
	segs := n.Lines()
	margin := strings.Repeat(" ", max(r.th.CodeMargin, 0))
	out := make([]line, 0, segs.Len())
	for i := range segs.Len() {
		seg := segs.At(i)
		s := strings.Repeat(" ", seg.Padding) + string(seg.Value(r.src))
		s = strings.TrimRight(expandTabs(s), "\n ")
		if s == "" {
			out = append(out, line{code: true})
			continue
		}
		out = append(out, line{text: margin + r.th.CodeBlock.Render(s), code: true})
	}
	return out
}

func (r *renderer) quote(n ast.Node, width int) []line {
	bar := r.th.QuoteBar
	bw := ansi.StringWidth(bar)
	if width-bw < minInner {
		return r.blocks(n, width, false)
	}
	inner := r.blocks(n, width-bw, false)
	styled := r.th.Quote.Render(bar)
	blank := r.th.Quote.Render(strings.TrimRight(bar, " "))
	for i, l := range inner {
		if l.text == "" && !l.code {
			inner[i].text = blank
			continue
		}
		inner[i].text = styled + l.text
	}
	return inner
}

func (r *renderer) list(l *ast.List, width int) []line {
	depth := 0
	for p := l.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.List); ok {
			depth++
		}
	}
	var markers []string
	num := l.Start
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		switch {
		case l.IsOrdered():
			markers = append(markers, strconv.Itoa(num)+string(l.Marker))
			num++
		case len(r.th.Bullets) > 0:
			markers = append(markers, r.th.Bullets[depth%len(r.th.Bullets)])
		default:
			markers = append(markers, "-")
		}
		if box := taskBox(c); box != "" {
			markers[len(markers)-1] += " " + box
		}
	}
	mw := 0
	for _, m := range markers {
		mw = max(mw, ansi.StringWidth(m))
	}
	indent := mw + 1
	var out []line
	i := 0
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		m := markers[i]
		i++
		if l.IsOrdered() {
			m = strings.Repeat(" ", mw-ansi.StringWidth(m)) + m
		}
		m = r.th.ListMarker.Render(m)
		if len(out) > 0 && !l.IsTight {
			out = append(out, line{})
		}
		if width-indent < minInner {
			out = append(out, line{text: m})
			out = append(out, r.blocks(c, width, l.IsTight)...)
			continue
		}
		body := r.blocks(c, width-indent, l.IsTight)
		if len(body) == 0 {
			out = append(out, line{text: m})
			continue
		}
		pad := strings.Repeat(" ", indent)
		for j, b := range body {
			switch {
			case j == 0:
				b.text = m + strings.Repeat(" ", indent-mw) + b.text
			case b.text != "":
				b.text = pad + b.text
			}
			out = append(out, b)
		}
	}
	return out
}

// taskBox takes the check box off the start of a task list item and
// returns it, "[ ]" or "[x]", so it becomes part of the marker and the
// item's later lines line up under its text, not under the box.
func taskBox(item ast.Node) string {
	first := item.FirstChild()
	if first == nil {
		return ""
	}
	cb, ok := first.FirstChild().(*east.TaskCheckBox)
	if !ok {
		return ""
	}
	first.RemoveChild(first, cb)
	if cb.IsChecked {
		return "[x]"
	}
	return "[ ]"
}

// expandTabs puts spaces to the next multiple of four for each tab, as
// editors show Terraform and YAML.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, c := range s {
		if c == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		if c == '\n' {
			col = 0
		} else {
			col += ansi.StringWidth(string(c))
		}
		b.WriteRune(c)
	}
	return b.String()
}
