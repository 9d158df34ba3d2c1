package terraform

import (
	"bytes"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/iactutor/iactutor/internal/msg"
)

// The canonical layout `terraform fmt` produces comes from hclwrite.Format,
// which only changes the whitespace between tokens: two spaces of indent per
// open bracket level, one space between most tokens and none inside
// brackets, and the `=` of consecutive attribute lines (and their trailing
// comments) aligned in a column. hclwrite.Format lexes the file again and
// builds a token list with positions; for ASCII files the same rules are
// applied here to the tokens quickScan already made for the nesting cap, at
// a twentieth of the cost (BenchmarkFormat2000). Outside ASCII, alignment counts grapheme clusters by the Unicode
// tables hcl was built with, so those files go to hclwrite.Format itself.
// Tests compare both paths with terraform fmt and with hclwrite.Format.

// ftok is one token: its type, its bytes as offsets into the source, and
// the number of spaces to write before it.
type ftok struct {
	typ        hclsyntax.TokenType
	start, end int32
	spaces     int32
}

// cell is a run of tokens [from, to) of one line.
type cell struct{ from, to int }

func (c cell) empty() bool { return c.from >= c.to }

type fline struct {
	lead, assign, comment cell
	hasAssign, hasComment bool
}

// fromHCLTokens converts the hcl lexer's tokens, for input quickScan refuses.
func fromHCLTokens(raw hclsyntax.Tokens) []ftok {
	out := make([]ftok, len(raw))
	for i, t := range raw {
		out[i] = ftok{typ: t.Type, start: int32(t.Range.Start.Byte), end: int32(t.Range.End.Byte)}
	}
	return out
}

// canonical returns src laid out as terraform fmt would lay it out; toks
// are src's tokens and may be modified.
func canonical(src []byte, toks []ftok) []byte {
	if !isASCII(src) {
		return hclwrite.Format(src)
	}
	return canonicalFormat(src, toks)
}

// canonicalFormat is canonical for ASCII src: every token's width is its
// length in bytes.
func canonicalFormat(src []byte, toks []ftok) []byte {
	last := int32(0)
	for i := range toks {
		toks[i].spaces = toks[i].start - last
		last = toks[i].end
	}
	f := formatter{src: src, toks: toks}
	lines := f.lines()
	f.indent(lines)
	f.space(lines)
	f.align(lines)
	out := make([]byte, 0, len(src)+len(src)/8)
	for _, t := range toks {
		// The end-of-file token keeps the blanks before it, as hclwrite does.
		for range t.spaces {
			out = append(out, ' ')
		}
		if t.typ == hclsyntax.TokenEOF {
			break
		}
		out = append(out, src[t.start:t.end]...)
	}
	return out
}

type formatter struct {
	src  []byte
	toks []ftok
}

func (f *formatter) bytes(t *ftok) []byte { return f.src[t.start:t.end] }

func (f *formatter) endsLine(t *ftok) bool {
	switch t.typ {
	case hclsyntax.TokenNewline:
		return true
	case hclsyntax.TokenComment:
		// # and // comments carry their newline.
		return t.end > t.start && f.src[t.end-1] == '\n'
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

// lines splits tokens into lines, and each line into the part before an
// `=`, the assignment, and a trailing comment.
func (f *formatter) lines() []fline {
	toks := f.toks
	lines := make([]fline, 0, len(f.src)/24+1)
	start := 0
	for i := range toks {
		if toks[i].typ == hclsyntax.TokenEOF {
			lines = append(lines, fline{lead: cell{start, i}})
			start = -1
			break
		}
		if f.endsLine(&toks[i]) {
			lines = append(lines, fline{lead: cell{start, i + 1}})
			start = i + 1
		}
	}
	if start >= 0 && start < len(toks) {
		lines = append(lines, fline{lead: cell{start, len(toks)}})
	}
	for i := range lines {
		l := &lines[i]
		if l.lead.to-l.lead.from > 1 && toks[l.lead.to-1].typ == hclsyntax.TokenComment {
			l.comment, l.hasComment = cell{l.lead.to - 1, l.lead.to}, true
			l.lead.to--
		}
		for j := l.lead.from + 1; j < l.lead.to; j++ {
			if toks[j].typ != hclsyntax.TokenEqual {
				continue
			}
			net := 0
			for k := j; k < l.lead.to; k++ {
				net += bracketChange(&toks[k])
			}
			if net == 0 {
				l.assign, l.hasAssign = cell{j, l.lead.to}, true
				l.lead.to = j
			}
			break
		}
	}
	return lines
}

// indent sets each line's indent from the brackets left open by the lines
// before it.
func (f *formatter) indent(lines []fline) {
	toks := f.toks
	var stack []int
	for i := range lines {
		l := &lines[i]
		if l.lead.empty() {
			continue
		}
		first := &toks[l.lead.from]
		if first.typ == hclsyntax.TokenNewline {
			first.spaces = 0
			continue
		}
		net := 0
		for k := l.lead.from; k < l.lead.to; k++ {
			net += bracketChange(&toks[k])
			if toks[k].typ == hclsyntax.TokenOHeredoc {
				break
			}
		}
		if l.hasAssign {
			for k := l.assign.from; k < l.assign.to; k++ {
				net += bracketChange(&toks[k])
			}
		}
		switch {
		case net > 0:
			first.spaces = int32(2 * len(stack))
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
			first.spaces = int32(2 * len(stack))
		default:
			first.spaces = int32(2 * len(stack))
		}
	}
}

var nilTok = ftok{typ: hclsyntax.TokenNil}

// space sets the spaces between the tokens of each cell.
func (f *formatter) space(lines []fline) {
	for _, l := range lines {
		f.spaceCell(l.lead)
		if l.hasAssign && !l.assign.empty() {
			f.toks[l.assign.from].spaces = 1
		}
		if l.hasAssign {
			f.spaceCell(l.assign)
		}
	}
}

func (f *formatter) spaceCell(c cell) {
	toks := f.toks
	for i := c.from; i+1 < c.to; i++ {
		before := &nilTok
		if i > c.from {
			before = &toks[i-1]
		}
		if f.spaceAfter(&toks[i], before, &toks[i+1]) {
			toks[i+1].spaces = 1
		} else {
			toks[i+1].spaces = 0
		}
	}
}

func isTemplateText(t hclsyntax.TokenType) bool {
	return t == hclsyntax.TokenQuotedLit || t == hclsyntax.TokenStringLit
}

// spaceAfter decides whether subject is followed by a space.
func (f *formatter) spaceAfter(subject, before, after *ftok) bool {
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
	case s == hclsyntax.TokenIdent && string(f.bytes(subject)) == "in" && before.typ == hclsyntax.TokenIdent:
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

func (f *formatter) columns(c cell) int {
	n := 0
	for i := c.from; i < c.to; i++ {
		t := &f.toks[i]
		n += int(t.spaces) + int(t.end-t.start)
	}
	return n
}

// align lines up `=` signs, then trailing comments, across runs of
// consecutive lines that have them.
func (f *formatter) align(lines []fline) {
	run := func(has func(fline) bool, width func(fline) int, first func(fline) int) {
		start, widest := -1, 0
		flush := func(end int) {
			for _, l := range lines[start:end] {
				if i := first(l); i < len(f.toks) {
					f.toks[i].spaces = int32(widest - width(l) + 1)
				}
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
	run(func(l fline) bool { return l.hasAssign },
		func(l fline) int { return f.columns(l.lead) },
		func(l fline) int { return l.assign.from })
	run(func(l fline) bool { return l.hasComment },
		func(l fline) int { return f.columns(l.lead) + f.columns(l.assign) },
		func(l fline) int { return l.comment.from })
}

// fmtDiff is the first place terraform fmt would change a file.
type fmtDiff struct {
	line, col, endCol int
	// expected is the line as terraform fmt would write it.
	expected string
}

// formatDifference lays a parsed file's tokens out canonically and compares
// the result with the source.
func formatDifference(toks []ftok, src []byte) *fmtDiff {
	want := canonical(src, toks)
	if bytes.Equal(want, src) {
		return nil
	}
	line, col, endCol, expected := firstDifference(src, want)
	return &fmtDiff{line: line, col: col, endCol: endCol, expected: expected}
}

// utf8BOM is the byte order mark some Windows editors put at the start of
// a UTF-8 file; terraform fmt drops it.
const utf8BOM = "\ufeff"

// checkFormat warns about files terraform fmt would change, pointing at the
// first line that differs.
func (c *checker) checkFormat() {
	for _, f := range c.m.files {
		fd := f.fmtDiff
		if fd == nil {
			continue
		}
		r := hcl.Range{Filename: f.path,
			Start: hcl.Pos{Line: fd.line, Column: fd.col},
			End:   hcl.Pos{Line: fd.line, Column: fd.endCol}}
		bom := fd.line == 1 && bytes.HasPrefix(f.src, []byte(utf8BOM)) &&
			string(bytes.TrimRight(bytes.SplitN(f.src[len(utf8BOM):], []byte("\n"), 2)[0], "\r")) == fd.expected
		if bom {
			// The only change on line 1 is a byte order mark no editor
			// shows, so the expected line would look identical to it.
			r.End = hcl.Pos{Line: 1, Column: 2}
		}
		d := c.rp.add("tf/fmt", r, "fmt", msg.Args{"Line": fd.line})
		switch {
		case bom:
			d.Hint = hint("fmt-bom", nil)
		case fd.expected != "" && utf8.RuneCountInString(fd.expected) <= 100:
			d.Hint = hint("fmt", msg.Args{"Expected": fd.expected})
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
