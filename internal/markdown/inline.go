package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// piece is a run of inline text in one style; brk is a hard line break.
type piece struct {
	text  string
	style lipgloss.Style
	link  string // OSC 8 target, when the theme asks for hyperlinks
	brk   bool
}

// inlines flattens the inline children of n into pieces, each style
// layered over st, the style of the block they sit in.
func (r *renderer) inlines(n ast.Node, st lipgloss.Style) []piece {
	var ps []piece
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		ps = r.inline(c, st, ps)
	}
	return ps
}

func (r *renderer) inline(n ast.Node, st lipgloss.Style, ps []piece) []piece {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(r.src)
		if !n.IsRaw() {
			v = unescape(v)
		}
		ps = append(ps, piece{text: string(v), style: st})
		switch {
		case n.HardLineBreak():
			ps = append(ps, piece{brk: true})
		case n.SoftLineBreak():
			ps = append(ps, piece{text: " ", style: st})
		}
		return ps
	case *ast.String:
		return append(ps, piece{text: string(n.Value), style: st})
	case *ast.CodeSpan:
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(r.src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return append(ps, piece{text: strings.ReplaceAll(b.String(), "\n", " "), style: r.th.Code.Inherit(st)})
	case *ast.Emphasis:
		s := r.th.Emph
		if n.Level >= 2 {
			s = r.th.Strong
		}
		return append(ps, r.inlines(n, s.Inherit(st))...)
	case *east.Strikethrough:
		return append(ps, r.inlines(n, r.th.Strike.Inherit(st))...)
	case *ast.Link:
		return r.link(r.inlines(n, r.th.Link.Inherit(st)), string(n.Destination), st, ps)
	case *ast.Image:
		return r.link(r.inlines(n, st), string(n.Destination), st, ps)
	case *ast.AutoLink:
		u := string(n.URL(r.src))
		return r.link([]piece{{text: string(n.Label(r.src)), style: r.th.Link.Inherit(st)}}, u, st, ps)
	case *ast.RawHTML:
		// Inline HTML is shown as written: in lessons it is far more often a
		// placeholder such as <name> than markup meant for a browser.
		segs := n.Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			ps = append(ps, piece{text: strings.ReplaceAll(string(seg.Value(r.src)), "\n", " "), style: st})
		}
		return ps
	case *east.TaskCheckBox:
		box := "[ ]"
		if n.IsChecked {
			box = "[x]"
		}
		return append(ps, piece{text: box, style: r.th.ListMarker}, piece{text: " ", style: st})
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		ps = r.inline(c, st, ps)
	}
	return ps
}

// link adds a link's text and, when it says something the text does not,
// its address in parentheses; or, with hyperlinks on, only the text.
func (r *renderer) link(label []piece, dest string, st lipgloss.Style, ps []piece) []piece {
	if r.th.Hyperlinks && dest != "" {
		for i := range label {
			label[i].link = dest
		}
		return append(ps, label...)
	}
	ps = append(ps, label...)
	var plain strings.Builder
	for _, p := range label {
		plain.WriteString(p.text)
	}
	t := strings.TrimSpace(plain.String())
	if dest == "" || dest == t || strings.TrimPrefix(dest, "mailto:") == t {
		return ps
	}
	return append(ps, piece{text: " ", style: st}, piece{text: "(" + dest + ")", style: r.th.LinkURL.Inherit(st)})
}

// unescape resolves backslash escapes and character references, as an
// HTML renderer would when it writes the text.
func unescape(v []byte) []byte {
	if !strings.ContainsAny(string(v), "\\&") {
		return v
	}
	return util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(v)))
}

// word is text between spaces: one or more pieces with no space between.
// Its width is the sum of its pieces' widths, not the width of their text
// joined: escape codes between pieces split what would be one grapheme,
// so a terminal may give them more columns than the joined text.
type word struct {
	parts []piece
	width int
}

func isSpace(c rune) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v'
}

// words splits pieces at spaces; a nil word stands for a hard break.
func words(ps []piece) []*word {
	var out []*word
	var cur *word
	flush := func() {
		if cur != nil {
			for _, p := range cur.parts {
				cur.width += ansi.StringWidth(p.text)
			}
			out = append(out, cur)
			cur = nil
		}
	}
	for _, p := range ps {
		if p.brk {
			flush()
			out = append(out, nil)
			continue
		}
		s := p.text
		for s != "" {
			i := strings.IndexFunc(s, isSpace)
			if i == 0 {
				flush()
				s = strings.TrimLeftFunc(s, isSpace)
				continue
			}
			if i < 0 {
				i = len(s)
			}
			if cur == nil {
				cur = &word{}
			}
			q := p
			q.text = s[:i]
			cur.parts = append(cur.parts, q)
			s = s[i:]
		}
	}
	flush()
	return out
}

// wrap folds pieces into lines no wider than width, breaking between words;
// only a word wider than the whole width is cut.
func (r *renderer) wrap(ps []piece, width int) []line {
	var out []line
	var b strings.Builder
	cur, started := 0, false
	flush := func() {
		s := b.String()
		b.Reset()
		cur, started = 0, false
		// The widths above add up pieces; a terminal measures the styled
		// text, whose escape codes can split a grapheme (a prepended mark,
		// a variation selector) in two. The rare line that comes out wider
		// is folded again as a whole.
		if ansi.StringWidth(s) > width {
			for _, l := range strings.Split(ansi.Hardwrap(s, width, true), "\n") {
				out = append(out, line{text: l})
			}
			return
		}
		out = append(out, line{text: s})
	}
	for _, w := range words(ps) {
		if w == nil {
			flush()
			continue
		}
		if started && cur+1+w.width <= width {
			b.WriteByte(' ')
			cur++
		} else if started {
			flush()
		}
		if w.width <= width {
			r.writeWord(&b, w.parts)
			cur += w.width
			started = true
			continue
		}
		for i, chunk := range cut(w.parts, width) {
			if i > 0 {
				flush()
			}
			r.writeWord(&b, chunk.parts)
			cur, started = chunk.width, true
		}
	}
	if started || b.Len() > 0 {
		flush()
	}
	// A hard break at the very end leaves nothing after it to show.
	for len(out) > 0 && out[len(out)-1].text == "" {
		out = out[:len(out)-1]
	}
	return out
}

// cut splits a word wider than width into chunks that fit.
func cut(parts []piece, width int) []word {
	var out []word
	var cw word
	for _, p := range parts {
		start := 0
		for i := range p.text {
			_, size := utf8.DecodeRuneInString(p.text[i:])
			end := i + size
			if cw.width+ansi.StringWidth(p.text[start:end]) > width && (len(cw.parts) > 0 || i > start) {
				if i > start {
					q := p
					q.text = p.text[start:i]
					cw.parts = append(cw.parts, q)
					cw.width += ansi.StringWidth(q.text)
				}
				out = append(out, cw)
				cw = word{}
				start = i
			}
		}
		if start < len(p.text) {
			q := p
			q.text = p.text[start:]
			cw.parts = append(cw.parts, q)
			cw.width += ansi.StringWidth(q.text)
		}
	}
	if len(cw.parts) > 0 {
		out = append(out, cw)
	}
	return out
}

func (r *renderer) writeWord(b *strings.Builder, parts []piece) {
	for _, p := range parts {
		s := p.style.Render(p.text)
		if p.link != "" {
			s = ansi.SetHyperlink(p.link) + s + ansi.ResetHyperlink()
		}
		b.WriteString(s)
	}
}
