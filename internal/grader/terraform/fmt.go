package terraform

import (
	"bytes"
	"unicode/utf8"

	"github.com/apparentlymart/go-textseg/v15/textseg"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The canonical layout `terraform fmt` produces comes from hclwrite.Format,
// which only changes the whitespace between tokens: two spaces of indent per
// open bracket level, one space between most tokens and none inside
// brackets, and the `=` of consecutive attribute lines (and their trailing
// comments) aligned in a column. hclwrite itself cannot be built with this
// module's dependency set, so the same rules are applied here to the token
// stream hclsyntax produces; tests compare the result with terraform fmt.

// ftok is one token with the number of spaces to write before it.
type ftok struct {
	typ    hclsyntax.TokenType
	b      []byte
	spaces int
}

type fline struct{ lead, assign, comment []*ftok }

// canonicalFormat returns src laid out as terraform fmt would lay it out.
func canonicalFormat(raw hclsyntax.Tokens) []byte {
	toks := make([]*ftok, 0, len(raw))
	buf := make([]ftok, len(raw))
	last := 0
	for i, t := range raw {
		buf[i] = ftok{typ: t.Type, b: t.Bytes, spaces: t.Range.Start.Byte - last}
		last = t.Range.End.Byte
		toks = append(toks, &buf[i])
	}
	lines := formatLines(toks)
	indentLines(lines)
	spaceLines(lines)
	alignCells(lines)
	var out bytes.Buffer
	for _, t := range toks {
		// The end-of-file token keeps the blanks before it, as hclwrite does.
		for range t.spaces {
			out.WriteByte(' ')
		}
		if t.typ == hclsyntax.TokenEOF {
			break
		}
		out.Write(t.b)
	}
	return out.Bytes()
}

func endsLine(t *ftok) bool {
	switch t.typ {
	case hclsyntax.TokenNewline:
		return true
	case hclsyntax.TokenComment:
		// # and // comments carry their newline.
		return len(t.b) > 0 && t.b[len(t.b)-1] == '\n'
	}
	return false
}

func bracketChange(t *ftok) int {
	switch t.typ {
	case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenTemplateControl, hclsyntax.TokenTemplateInterp:
		return 1
	case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenTemplateSeqEnd:
		return -1
	}
	return 0
}

// formatLines splits tokens into lines, and each line into the part before
// an `=`, the assignment, and a trailing comment.
func formatLines(toks []*ftok) []fline {
	var lines []fline
	start := 0
	for i, t := range toks {
		if t.typ == hclsyntax.TokenEOF {
			lines = append(lines, fline{lead: toks[start:i]})
			start = -1
			break
		}
		if endsLine(t) {
			lines = append(lines, fline{lead: toks[start : i+1]})
			start = i + 1
		}
	}
	if start >= 0 && start < len(toks) {
		lines = append(lines, fline{lead: toks[start:]})
	}
	for i := range lines {
		l := &lines[i]
		if len(l.lead) > 1 && l.lead[len(l.lead)-1].typ == hclsyntax.TokenComment {
			l.comment = l.lead[len(l.lead)-1:]
			l.lead = l.lead[:len(l.lead)-1]
		}
		for j, t := range l.lead {
			if j == 0 || t.typ != hclsyntax.TokenEqual {
				continue
			}
			net := 0
			for _, u := range l.lead[j:] {
				net += bracketChange(u)
			}
			if net == 0 {
				l.assign = l.lead[j:]
				l.lead = l.lead[:j]
			}
			break
		}
	}
	return lines
}

// indentLines sets each line's indent from the brackets left open by the
// lines before it.
func indentLines(lines []fline) {
	var stack []int
	for i := range lines {
		l := &lines[i]
		if len(l.lead) == 0 {
			continue
		}
		if l.lead[0].typ == hclsyntax.TokenNewline {
			l.lead[0].spaces = 0
			continue
		}
		net := 0
		for _, t := range l.lead {
			net += bracketChange(t)
			if t.typ == hclsyntax.TokenOHeredoc {
				break
			}
		}
		for _, t := range l.assign {
			net += bracketChange(t)
		}
		switch {
		case net > 0:
			l.lead[0].spaces = 2 * len(stack)
			stack = append(stack, net)
		case net < 0:
			closed := -net
			for closed > 0 && len(stack) > 0 {
				top := stack[len(stack)-1]
				switch {
				case closed > top:
					closed -= top
					stack = stack[:len(stack)-1]
				case closed < top:
					stack[len(stack)-1] -= closed
					closed = 0
				default:
					stack = stack[:len(stack)-1]
					closed = 0
				}
			}
			l.lead[0].spaces = 2 * len(stack)
		default:
			l.lead[0].spaces = 2 * len(stack)
		}
	}
}

var nilTok = &ftok{typ: hclsyntax.TokenNil}

// spaceLines sets the spaces between the tokens of each cell.
func spaceLines(lines []fline) {
	for _, l := range lines {
		spaceCell(l.lead)
		if len(l.assign) > 0 {
			l.assign[0].spaces = 1
		}
		spaceCell(l.assign)
	}
}

func spaceCell(cell []*ftok) {
	for i := 0; i+1 < len(cell); i++ {
		before := nilTok
		if i > 0 {
			before = cell[i-1]
		}
		if spaceAfter(cell[i], before, cell[i+1]) {
			cell[i+1].spaces = 1
		} else {
			cell[i+1].spaces = 0
		}
	}
}

func isTemplateText(t hclsyntax.TokenType) bool {
	return t == hclsyntax.TokenQuotedLit || t == hclsyntax.TokenStringLit
}

// spaceAfter decides whether subject is followed by a space.
func spaceAfter(subject, before, after *ftok) bool {
	s, a := subject.typ, after.typ
	switch {
	case a == hclsyntax.TokenNewline || a == hclsyntax.TokenNil:
		return false
	case s == hclsyntax.TokenIdent && a == hclsyntax.TokenOParen:
		return false
	case (s == hclsyntax.TokenIdent && a == hclsyntax.TokenDoubleColon) || (s == hclsyntax.TokenDoubleColon && a == hclsyntax.TokenIdent):
		return false
	case s == hclsyntax.TokenDot || a == hclsyntax.TokenDot:
		return false
	case a == hclsyntax.TokenComma || a == hclsyntax.TokenEllipsis:
		return false
	case s == hclsyntax.TokenComma:
		return true
	case isTemplateText(s) || s == hclsyntax.TokenOQuote || s == hclsyntax.TokenOHeredoc ||
		isTemplateText(a) || a == hclsyntax.TokenCQuote || a == hclsyntax.TokenCHeredoc:
		return false
	case s == hclsyntax.TokenIdent && string(subject.b) == "in" && before.typ == hclsyntax.TokenIdent:
		return true
	case a == hclsyntax.TokenOBrack && (s == hclsyntax.TokenIdent || s == hclsyntax.TokenNumberLit || bracketChange(subject) < 0):
		return false
	case s == hclsyntax.TokenBang:
		return false
	case s == hclsyntax.TokenMinus:
		return !minusIsNegation(before.typ)
	case s == hclsyntax.TokenOBrace || a == hclsyntax.TokenCBrace:
		return !(s == hclsyntax.TokenOBrace && a == hclsyntax.TokenCBrace)
	case (s == hclsyntax.TokenTemplateInterp || s == hclsyntax.TokenTemplateControl) && a == hclsyntax.TokenOBrace:
		return true
	case s == hclsyntax.TokenCBrace && a == hclsyntax.TokenTemplateSeqEnd:
		return true
	case s == hclsyntax.TokenTemplateSeqEnd && (a == hclsyntax.TokenTemplateInterp || a == hclsyntax.TokenTemplateControl):
		return false
	case bracketChange(subject) > 0:
		return false
	case bracketChange(after) < 0:
		return false
	}
	return true
}

// minusIsNegation guesses that a minus is a sign when what comes before it
// cannot end an expression.
func minusIsNegation(before hclsyntax.TokenType) bool {
	switch before {
	case hclsyntax.TokenNil,
		hclsyntax.TokenOParen, hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenEqual,
		hclsyntax.TokenColon, hclsyntax.TokenComma, hclsyntax.TokenQuestion,
		hclsyntax.TokenPlus, hclsyntax.TokenStar, hclsyntax.TokenSlash, hclsyntax.TokenPercent, hclsyntax.TokenMinus,
		hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual, hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq,
		hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq,
		hclsyntax.TokenAnd, hclsyntax.TokenOr, hclsyntax.TokenBang:
		return true
	}
	return false
}

func columns(cell []*ftok) int {
	n := 0
	for _, t := range cell {
		n += t.spaces
		c, err := textseg.TokenCount(t.b, textseg.ScanGraphemeClusters)
		if err != nil {
			c = utf8.RuneCount(t.b)
		}
		n += c
	}
	return n
}

// alignCells lines up `=` signs, then trailing comments, across runs of
// consecutive lines that have them.
func alignCells(lines []fline) {
	align := func(has func(fline) bool, width func(fline) int, first func(fline) *ftok) {
		start, widest := -1, 0
		flush := func(end int) {
			for _, l := range lines[start:end] {
				first(l).spaces = widest - width(l) + 1
			}
			start, widest = -1, 0
		}
		for i, l := range lines {
			if !has(l) {
				if start != -1 {
					flush(i)
				}
				continue
			}
			if start == -1 {
				start = i
			}
			widest = max(widest, width(l))
		}
		if start != -1 {
			flush(len(lines))
		}
	}
	align(func(l fline) bool { return l.assign != nil },
		func(l fline) int { return columns(l.lead) },
		func(l fline) *ftok { return l.assign[0] })
	align(func(l fline) bool { return l.comment != nil },
		func(l fline) int { return columns(l.lead) + columns(l.assign) },
		func(l fline) *ftok { return l.comment[0] })
}

// checkFormat warns about files terraform fmt would change, pointing at the
// first line that differs.
func (c *checker) checkFormat() {
	for _, f := range c.m.files {
		if f.broken || f.body == nil {
			continue
		}
		want := canonicalFormat(f.tokens)
		if bytes.Equal(want, f.src) {
			continue
		}
		line, col, endCol, expected := firstDifference(f.src, want)
		r := hcl.Range{Filename: f.path,
			Start: hcl.Pos{Line: line, Column: col},
			End:   hcl.Pos{Line: line, Column: endCol}}
		d := c.rp.add("tf/fmt", r, "fmt", line)
		if expected != "" && utf8.RuneCountInString(expected) <= 100 {
			d.Hint = text(c.rp.lang, "hint-fmt", expected).Summary
		}
	}
}

// firstDifference finds the first line where got and want differ, the
// column where they start to differ, the end of that line, and the line as
// it should read.
func firstDifference(got, want []byte) (line, col, endCol int, expected string) {
	gl := bytes.Split(got, []byte("\n"))
	wl := bytes.Split(want, []byte("\n"))
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w []byte
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if bytes.Equal(g, w) {
			continue
		}
		gr, wr := []rune(string(g)), []rune(string(w))
		k := 0
		for k < len(gr) && k < len(wr) && gr[k] == wr[k] {
			k++
		}
		end := len(gr) + 1
		if end <= k+1 {
			end = k + 2
		}
		return i + 1, k + 1, end, string(bytes.TrimRight(w, "\r"))
	}
	return 1, 1, 1, ""
}
