package terraform

import (
	"bytes"
	"unicode/utf8"

	"github.com/apparentlymart/go-textseg/v15/textseg"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// fastParse builds, from quickScan's tokens, the very *hclsyntax.Body that
// hclsyntax.ParseConfig builds for the same source: same nodes, same values,
// same ranges. Lexing with hcl's own lexer is most of the cost of linting a
// large module, and quickScan has already tokenized the file for the
// formatting check, so this saves the second, slower lex.
//
// It follows hcl's parser step by step but has no error recovery: on any
// syntax error, and on the few constructs it leaves to hcl (template
// directives and strip markers), it reports false and the caller runs
// hclsyntax.ParseConfig, whose diagnostics stay the reference. Heredocs and
// the rest quickScan refuses never reach it. TestFastParseMatchesHCL and
// FuzzFastParse hold it to ParseConfig's tree.
func fastParse(src []byte, filename string, toks []ftok) (*hclsyntax.Body, bool) {
	if len(toks) == 0 || toks[len(toks)-1].typ != hclsyntax.TokenEOF {
		return nil, false
	}
	p := &fastParser{
		src:  src,
		toks: toks,
		pos:  tokenPositions(src, toks),
		file: filename,
		nl:   make([]bool, 1, 16),
	}
	p.nl[0] = true
	body := p.parseBody(hclsyntax.TokenEOF)
	if p.bad || body == nil {
		return nil, false
	}
	return body, true
}

type fastParser struct {
	src  []byte
	toks []ftok
	// pos holds each token's line and column; bytes are in toks.
	pos  []tokPos
	file string
	// next is the index of the next unread token.
	next int
	// nl is the stack of "newlines are significant here" flags, as in hcl's
	// peeker: brackets and parentheses ignore newlines, bodies and object
	// constructors do not.
	nl []bool
	// bad is set on the first construct this parser leaves to hcl; every
	// function returns at once after that.
	bad bool
}

// tokPos is where a token starts and ends, in lines and columns. It is a
// third of the size of two hcl.Pos, and a large module has a hundred
// thousand tokens.
type tokPos struct {
	line, col, endLine, endCol int32
}

// tokenPositions computes the line and column of every token's start and
// end the way hcl's lexer does: the gap before a token holds only spaces
// and tabs, one column each, and columns inside a token count grapheme
// clusters, with "\n" and "\r\n" starting a new line.
func tokenPositions(src []byte, toks []ftok) []tokPos {
	pos := make([]tokPos, len(toks))
	cur := hcl.InitialPos
	for i, t := range toks {
		start := cur
		start.Column += int(t.start) - cur.Byte
		start.Byte = int(t.start)
		end := start
		end.Byte = int(t.end)
		b := src[t.start:t.end]
		ascii := true
		for k := 0; k < len(b); k++ {
			switch c := b[k]; {
			case c >= utf8.RuneSelf:
				ascii = false
			case c == '\n':
				end.Line++
				end.Column = 1
			case c == '\r' && k+1 < len(b) && b[k+1] == '\n':
				end.Line++
				end.Column = 1
				k++
			default:
				end.Column++
			}
			if !ascii {
				break
			}
		}
		if !ascii {
			end = start
			end.Byte = int(t.end)
			for len(b) > 0 {
				advance, seq, _ := textseg.ScanGraphemeClusters(b, true)
				if (len(seq) == 1 && seq[0] == '\n') || (len(seq) == 2 && seq[0] == '\r' && seq[1] == '\n') {
					end.Line++
					end.Column = 1
				} else {
					end.Column++
				}
				if advance <= 0 {
					advance = 1
				}
				b = b[advance:]
			}
		}
		pos[i] = tokPos{int32(start.Line), int32(start.Column), int32(end.Line), int32(end.Column)}
		cur = end
	}
	return pos
}

func (p *fastParser) rng(i int) hcl.Range {
	return hcl.Range{Filename: p.file, Start: p.start(i), End: p.end(i)}
}

func (p *fastParser) start(i int) hcl.Pos {
	return hcl.Pos{Line: int(p.pos[i].line), Column: int(p.pos[i].col), Byte: int(p.toks[i].start)}
}

func (p *fastParser) end(i int) hcl.Pos {
	return hcl.Pos{Line: int(p.pos[i].endLine), Column: int(p.pos[i].endCol), Byte: int(p.toks[i].end)}
}

func (p *fastParser) bytes(i int) []byte { return p.src[p.toks[i].start:p.toks[i].end] }

// peek returns the index and type of the next token the parser sees.
// Comments are skipped; where newlines count, a line comment (which ends
// with its newline) reads as a newline, as in hcl's peeker.
func (p *fastParser) peek() (int, hclsyntax.TokenType) {
	include := p.nl[len(p.nl)-1]
	for i := p.next; i < len(p.toks); i++ {
		switch t := p.toks[i]; t.typ {
		case hclsyntax.TokenComment:
			if include && t.end > t.start && p.src[t.end-1] == '\n' {
				return i, hclsyntax.TokenNewline
			}
			continue
		case hclsyntax.TokenNewline:
			if !include {
				continue
			}
		}
		return i, p.toks[i].typ
	}
	last := len(p.toks) - 1
	return last, p.toks[last].typ
}

func (p *fastParser) read() (int, hclsyntax.TokenType) {
	i, ty := p.peek()
	p.next = i + 1
	return i, ty
}

func (p *fastParser) peekType() hclsyntax.TokenType {
	_, ty := p.peek()
	return ty
}

func (p *fastParser) nextRange() hcl.Range {
	i, _ := p.peek()
	return p.rng(i)
}

// prevRange is the range of the last token read, comments included.
func (p *fastParser) prevRange() hcl.Range {
	if p.next == 0 {
		return p.nextRange()
	}
	return p.rng(p.next - 1)
}

func (p *fastParser) push(include bool) { p.nl = append(p.nl, include) }
func (p *fastParser) pop()              { p.nl = p.nl[:len(p.nl)-1] }

func (p *fastParser) fail() { p.bad = true }

// keywordNext reports whether the next token is the identifier kw.
func (p *fastParser) keywordNext(kw string) bool {
	i, ty := p.peek()
	return ty == hclsyntax.TokenIdent && string(p.bytes(i)) == kw
}

func (p *fastParser) parseBody(end hclsyntax.TokenType) *hclsyntax.Body {
	attrs := hclsyntax.Attributes{}
	blocks := hclsyntax.Blocks{}
	startRange := p.prevRange()
	var endRange hcl.Range
	for {
		i, ty := p.peek()
		if ty == end {
			endRange = p.rng(i)
			p.read()
			break
		}
		switch ty {
		case hclsyntax.TokenNewline:
			p.read()
			continue
		case hclsyntax.TokenIdent:
			attr, block := p.parseBodyItem()
			if p.bad {
				return nil
			}
			if block != nil {
				blocks = append(blocks, block)
				continue
			}
			if _, dup := attrs[attr.Name]; dup {
				p.fail()
				return nil
			}
			attrs[attr.Name] = attr
		default:
			p.fail()
			return nil
		}
	}
	return &hclsyntax.Body{
		Attributes: attrs,
		Blocks:     blocks,
		SrcRange:   hcl.RangeBetween(startRange, endRange),
		EndRange:   hcl.Range{Filename: endRange.Filename, Start: endRange.End, End: endRange.End},
	}
}

func (p *fastParser) parseBodyItem() (*hclsyntax.Attribute, *hclsyntax.Block) {
	ident, _ := p.read()
	switch p.peekType() {
	case hclsyntax.TokenEqual:
		return p.finishAttribute(ident, false), nil
	case hclsyntax.TokenOQuote, hclsyntax.TokenOBrace, hclsyntax.TokenIdent:
		return nil, p.finishBlock(ident)
	}
	p.fail()
	return nil, nil
}

func (p *fastParser) finishAttribute(ident int, singleLine bool) *hclsyntax.Attribute {
	eq, _ := p.read()
	expr := p.parseExpression()
	if p.bad {
		return nil
	}
	endRange := p.prevRange()
	if !singleLine {
		if ty := p.peekType(); ty != hclsyntax.TokenNewline && ty != hclsyntax.TokenEOF {
			p.fail()
			return nil
		}
		p.read()
	}
	return &hclsyntax.Attribute{
		Name:        string(p.bytes(ident)),
		Expr:        expr,
		SrcRange:    hcl.RangeBetween(p.rng(ident), endRange),
		NameRange:   p.rng(ident),
		EqualsRange: p.rng(eq),
	}
}

func (p *fastParser) finishBlock(ident int) *hclsyntax.Block {
	var labels []string
	var labelRanges []hcl.Range
	oBrace := -1
	for oBrace < 0 {
		switch p.peekType() {
		case hclsyntax.TokenOBrace:
			oBrace, _ = p.read()
		case hclsyntax.TokenOQuote:
			label, r := p.parseQuotedStringLiteral()
			if p.bad {
				return nil
			}
			labels = append(labels, label)
			labelRanges = append(labelRanges, r)
		case hclsyntax.TokenIdent:
			i, _ := p.read()
			labels = append(labels, string(p.bytes(i)))
			labelRanges = append(labelRanges, p.rng(i))
		default:
			p.fail()
			return nil
		}
	}
	var body *hclsyntax.Body
	switch p.peekType() {
	case hclsyntax.TokenNewline, hclsyntax.TokenEOF, hclsyntax.TokenCBrace:
		body = p.parseBody(hclsyntax.TokenCBrace)
	default:
		body = p.parseSingleAttrBody()
		if p.bad || p.peekType() != hclsyntax.TokenCBrace {
			p.fail()
			return nil
		}
		p.read()
	}
	if p.bad {
		return nil
	}
	cBraceRange := p.prevRange()
	if ty := p.peekType(); ty != hclsyntax.TokenNewline && ty != hclsyntax.TokenEOF {
		p.fail()
		return nil
	}
	p.read()
	return &hclsyntax.Block{
		Type:            string(p.bytes(ident)),
		Labels:          labels,
		Body:            body,
		TypeRange:       p.rng(ident),
		LabelRanges:     labelRanges,
		OpenBraceRange:  p.rng(oBrace),
		CloseBraceRange: cBraceRange,
	}
}

func (p *fastParser) parseSingleAttrBody() *hclsyntax.Body {
	ident, ty := p.read()
	if ty != hclsyntax.TokenIdent || p.peekType() != hclsyntax.TokenEqual {
		p.fail()
		return nil
	}
	attr := p.finishAttribute(ident, true)
	if p.bad {
		return nil
	}
	return &hclsyntax.Body{
		Attributes: hclsyntax.Attributes{attr.Name: attr},
		SrcRange:   attr.SrcRange,
		EndRange:   hcl.Range{Filename: attr.SrcRange.Filename, Start: attr.SrcRange.End, End: attr.SrcRange.End},
	}
}

// parseQuotedStringLiteral reads a block label.
func (p *fastParser) parseQuotedStringLiteral() (string, hcl.Range) {
	open, _ := p.read()
	var buf []byte
	for {
		i, ty := p.read()
		switch ty {
		case hclsyntax.TokenCQuote:
			return string(buf), hcl.RangeBetween(p.rng(open), p.rng(i))
		case hclsyntax.TokenQuotedLit:
			s, ok := p.stringLit(i)
			if !ok {
				p.fail()
				return "", hcl.Range{}
			}
			buf = append(buf, s...)
		default:
			p.fail()
			return "", hcl.Range{}
		}
	}
}

// stringLit decodes a quoted literal token's escapes.
func (p *fastParser) stringLit(i int) (string, bool) {
	b := p.bytes(i)
	plain := true
	for _, c := range b {
		if c == '\\' || c == '$' || c == '%' || c >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return string(b), true
	}
	s, diags := hclsyntax.ParseStringLiteralToken(hclsyntax.Token{Type: hclsyntax.TokenQuotedLit, Bytes: b, Range: p.rng(i)})
	return s, len(diags) == 0
}

func (p *fastParser) number(i int) cty.Value {
	v, err := cty.ParseNumberVal(string(p.bytes(i)))
	if err != nil {
		p.fail()
	}
	return v
}

func (p *fastParser) parseExpression() hclsyntax.Expression {
	startRange := p.nextRange()
	cond := p.parseBinaryOps(0)
	if p.bad || p.peekType() != hclsyntax.TokenQuestion {
		return cond
	}
	p.read()
	t := p.parseExpression()
	if p.bad {
		return nil
	}
	if p.peekType() != hclsyntax.TokenColon {
		p.fail()
		return nil
	}
	p.read()
	f := p.parseExpression()
	if p.bad {
		return nil
	}
	return &hclsyntax.ConditionalExpr{
		Condition:   cond,
		TrueResult:  t,
		FalseResult: f,
		SrcRange:    hcl.RangeBetween(startRange, f.Range()),
	}
}

// binaryOpLevels is the number of precedence levels of binaryOp.
const binaryOpLevels = 6

// binaryOp is hcl's operator table, loosest-binding level first.
func binaryOp(level int, ty hclsyntax.TokenType) *hclsyntax.Operation {
	switch level {
	case 0:
		if ty == hclsyntax.TokenOr {
			return hclsyntax.OpLogicalOr
		}
	case 1:
		if ty == hclsyntax.TokenAnd {
			return hclsyntax.OpLogicalAnd
		}
	case 2:
		switch ty {
		case hclsyntax.TokenEqualOp:
			return hclsyntax.OpEqual
		case hclsyntax.TokenNotEqual:
			return hclsyntax.OpNotEqual
		}
	case 3:
		switch ty {
		case hclsyntax.TokenGreaterThan:
			return hclsyntax.OpGreaterThan
		case hclsyntax.TokenGreaterThanEq:
			return hclsyntax.OpGreaterThanOrEqual
		case hclsyntax.TokenLessThan:
			return hclsyntax.OpLessThan
		case hclsyntax.TokenLessThanEq:
			return hclsyntax.OpLessThanOrEqual
		}
	case 4:
		switch ty {
		case hclsyntax.TokenPlus:
			return hclsyntax.OpAdd
		case hclsyntax.TokenMinus:
			return hclsyntax.OpSubtract
		}
	case 5:
		switch ty {
		case hclsyntax.TokenStar:
			return hclsyntax.OpMultiply
		case hclsyntax.TokenSlash:
			return hclsyntax.OpDivide
		case hclsyntax.TokenPercent:
			return hclsyntax.OpModulo
		}
	}
	return nil
}

// parseBinaryOps parses left-associative operators of one level and
// tighter, building the tree in the same shape hcl does.
func (p *fastParser) parseBinaryOps(level int) hclsyntax.Expression {
	if level == binaryOpLevels {
		return p.parseExpressionWithTraversals()
	}
	lhs := p.parseBinaryOps(level + 1)
	if p.bad {
		return nil
	}
	var op *hclsyntax.Operation
	var rhs hclsyntax.Expression
	for {
		next := binaryOp(level, p.peekType())
		if next == nil {
			break
		}
		if op != nil {
			lhs = &hclsyntax.BinaryOpExpr{LHS: lhs, Op: op, RHS: rhs, SrcRange: hcl.RangeBetween(lhs.Range(), rhs.Range())}
		}
		op = next
		p.read()
		rhs = p.parseBinaryOps(level + 1)
		if p.bad {
			return nil
		}
	}
	if op == nil {
		return lhs
	}
	return &hclsyntax.BinaryOpExpr{LHS: lhs, Op: op, RHS: rhs, SrcRange: hcl.RangeBetween(lhs.Range(), rhs.Range())}
}

func (p *fastParser) parseExpressionWithTraversals() hclsyntax.Expression {
	term := p.parseExpressionTerm()
	if p.bad {
		return nil
	}
	return p.parseExpressionTraversals(term)
}

func (p *fastParser) parseExpressionTraversals(from hclsyntax.Expression) hclsyntax.Expression {
	ret := from
	for !p.bad {
		switch p.peekType() {
		case hclsyntax.TokenDot:
			dot, _ := p.read()
			i, ty := p.peek()
			switch ty {
			case hclsyntax.TokenIdent:
				p.read()
				r := hcl.RangeBetween(p.rng(dot), p.rng(i))
				ret = appendTraverser(ret, hcl.TraverseAttr{Name: string(p.bytes(i)), SrcRange: r}, r)
			case hclsyntax.TokenNumberLit:
				p.read()
				if bytes.IndexByte(p.bytes(i), '.') >= 0 {
					p.fail()
					return nil
				}
				r := hcl.RangeBetween(p.rng(dot), p.rng(i))
				ret = appendTraverser(ret, hcl.TraverseIndex{Key: p.number(i), SrcRange: r}, r)
			case hclsyntax.TokenStar:
				ret = p.finishAttrSplat(from, ret, dot)
			default:
				p.fail()
			}
		case hclsyntax.TokenOBrack:
			ret = p.finishIndex(from, ret)
		default:
			return ret
		}
	}
	return nil
}

// finishAttrSplat parses the rest of a `.*` splat after its dot.
func (p *fastParser) finishAttrSplat(from, source hclsyntax.Expression, dot int) hclsyntax.Expression {
	marker, _ := p.read()
	trav := make(hcl.Traversal, 0, 1)
	firstRange := p.nextRange()
	lastRange := p.rng(marker)
	for p.peekType() == hclsyntax.TokenDot {
		d, _ := p.read()
		i, ty := p.read()
		switch ty {
		case hclsyntax.TokenNumberLit:
			if bytes.IndexByte(p.bytes(i), '.') >= 0 {
				p.fail()
				return nil
			}
			trav = append(trav, hcl.TraverseIndex{Key: p.number(i), SrcRange: hcl.RangeBetween(p.rng(d), p.rng(i))})
		case hclsyntax.TokenIdent:
			trav = append(trav, hcl.TraverseAttr{Name: string(p.bytes(i)), SrcRange: hcl.RangeBetween(p.rng(d), p.rng(i))})
		default:
			p.fail()
			return nil
		}
		lastRange = p.rng(i)
	}
	item := &hclsyntax.AnonSymbolExpr{SrcRange: hcl.RangeBetween(p.rng(dot), p.rng(marker))}
	var each hclsyntax.Expression = item
	if len(trav) > 0 {
		each = &hclsyntax.RelativeTraversalExpr{Source: item, Traversal: trav, SrcRange: hcl.RangeBetween(firstRange, lastRange)}
	}
	return &hclsyntax.SplatExpr{
		Source:      source,
		Each:        each,
		Item:        item,
		SrcRange:    hcl.RangeBetween(from.Range(), lastRange),
		MarkerRange: hcl.RangeBetween(p.rng(dot), p.rng(marker)),
	}
}

// finishIndex parses `[*]` splats and `[key]` indexes.
func (p *fastParser) finishIndex(from, source hclsyntax.Expression) hclsyntax.Expression {
	open, _ := p.read()
	if p.peekType() == hclsyntax.TokenStar {
		p.read()
		closing, ty := p.read()
		if ty != hclsyntax.TokenCBrack {
			p.fail()
			return nil
		}
		item := &hclsyntax.AnonSymbolExpr{SrcRange: hcl.RangeBetween(p.rng(open), p.rng(closing))}
		each := p.parseExpressionTraversals(item)
		if p.bad {
			return nil
		}
		return &hclsyntax.SplatExpr{
			Source:      source,
			Each:        each,
			Item:        item,
			SrcRange:    hcl.RangeBetween(from.Range(), each.Range()),
			MarkerRange: hcl.RangeBetween(p.rng(open), p.rng(closing)),
		}
	}
	p.push(false)
	key := p.parseExpression()
	if p.bad {
		return nil
	}
	closing, ty := p.read()
	if ty != hclsyntax.TokenCBrack {
		p.fail()
		return nil
	}
	p.pop()
	r := hcl.RangeBetween(p.rng(open), p.rng(closing))
	if lit, ok := key.(*hclsyntax.LiteralValueExpr); ok {
		v, _ := lit.Value(nil)
		return appendTraverser(source, hcl.TraverseIndex{Key: v, SrcRange: r}, r)
	}
	if tmpl, ok := key.(*hclsyntax.TemplateExpr); ok && tmpl.IsStringLiteral() {
		v, _ := tmpl.Value(nil)
		return appendTraverser(source, hcl.TraverseIndex{Key: v, SrcRange: r}, r)
	}
	return &hclsyntax.IndexExpr{
		Collection:   source,
		Key:          key,
		SrcRange:     hcl.RangeBetween(from.Range(), r),
		OpenRange:    p.rng(open),
		BracketRange: r,
	}
}

// appendTraverser extends a traversal expression in place, or starts a
// relative traversal from any other expression, as hcl does.
func appendTraverser(expr hclsyntax.Expression, next hcl.Traverser, r hcl.Range) hclsyntax.Expression {
	switch t := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		t.Traversal = append(t.Traversal, next)
		t.SrcRange = hcl.RangeBetween(t.SrcRange, r)
		return t
	case *hclsyntax.RelativeTraversalExpr:
		t.Traversal = append(t.Traversal, next)
		t.SrcRange = hcl.RangeBetween(t.SrcRange, r)
		return t
	}
	return &hclsyntax.RelativeTraversalExpr{Source: expr, Traversal: hcl.Traversal{next}, SrcRange: hcl.RangeBetween(expr.Range(), r)}
}

func (p *fastParser) parseExpressionTerm() hclsyntax.Expression {
	i, ty := p.peek()
	switch ty {
	case hclsyntax.TokenOParen:
		p.read()
		p.push(false)
		expr := p.parseExpression()
		if p.bad {
			return nil
		}
		closing, ct := p.read()
		if ct != hclsyntax.TokenCParen {
			p.fail()
			return nil
		}
		p.pop()
		return &hclsyntax.ParenthesesExpr{Expression: expr, SrcRange: hcl.RangeBetween(p.rng(i), p.rng(closing))}
	case hclsyntax.TokenNumberLit:
		p.read()
		return &hclsyntax.LiteralValueExpr{Val: p.number(i), SrcRange: p.rng(i)}
	case hclsyntax.TokenIdent:
		p.read()
		if next := p.peekType(); next == hclsyntax.TokenOParen || next == hclsyntax.TokenDoubleColon {
			return p.finishFunctionCall(i)
		}
		r := p.rng(i)
		switch name := string(p.bytes(i)); name {
		case "true":
			return &hclsyntax.LiteralValueExpr{Val: cty.True, SrcRange: r}
		case "false":
			return &hclsyntax.LiteralValueExpr{Val: cty.False, SrcRange: r}
		case "null":
			return &hclsyntax.LiteralValueExpr{Val: cty.NullVal(cty.DynamicPseudoType), SrcRange: r}
		default:
			return &hclsyntax.ScopeTraversalExpr{Traversal: hcl.Traversal{hcl.TraverseRoot{Name: name, SrcRange: r}}, SrcRange: r}
		}
	case hclsyntax.TokenOQuote:
		p.read()
		parts, passthru := p.parseTemplateParts()
		if p.bad {
			return nil
		}
		r := hcl.RangeBetween(p.rng(i), p.prevRange())
		if passthru {
			return &hclsyntax.TemplateWrapExpr{Wrapped: parts[0], SrcRange: r}
		}
		return &hclsyntax.TemplateExpr{Parts: parts, SrcRange: r}
	case hclsyntax.TokenMinus, hclsyntax.TokenBang:
		p.read()
		operand := p.parseExpressionWithTraversals()
		if p.bad {
			return nil
		}
		op := hclsyntax.OpNegate
		if ty == hclsyntax.TokenBang {
			op = hclsyntax.OpLogicalNot
		}
		return &hclsyntax.UnaryOpExpr{Op: op, Val: operand, SrcRange: hcl.RangeBetween(p.rng(i), operand.Range()), SymbolRange: p.rng(i)}
	case hclsyntax.TokenOBrack:
		return p.parseTupleCons()
	case hclsyntax.TokenOBrace:
		return p.parseObjectCons()
	}
	p.fail()
	return nil
}

func (p *fastParser) finishFunctionCall(name int) hclsyntax.Expression {
	open, ty := p.read()
	nameStr := string(p.bytes(name))
	nameEnd := p.end(name)
	for ty == hclsyntax.TokenDoubleColon {
		part, pty := p.read()
		if pty != hclsyntax.TokenIdent {
			p.fail()
			return nil
		}
		nameStr += "::" + string(p.bytes(part))
		nameEnd = p.end(part)
		open, ty = p.read()
	}
	if ty != hclsyntax.TokenOParen {
		p.fail()
		return nil
	}
	var args []hclsyntax.Expression
	expandFinal := false
	closing := -1
	p.push(false)
	for closing < 0 {
		if i, ty := p.peek(); ty == hclsyntax.TokenCParen {
			p.read()
			closing = i
			break
		}
		arg := p.parseExpression()
		if p.bad {
			return nil
		}
		args = append(args, arg)
		sep, sty := p.read()
		switch sty {
		case hclsyntax.TokenCParen:
			closing = sep
		case hclsyntax.TokenEllipsis:
			expandFinal = true
			c, ct := p.read()
			if ct != hclsyntax.TokenCParen {
				p.fail()
				return nil
			}
			closing = c
		case hclsyntax.TokenComma:
			if c, ct := p.peek(); ct == hclsyntax.TokenCParen {
				p.read()
				closing = c
			}
		default:
			p.fail()
			return nil
		}
	}
	p.pop()
	return &hclsyntax.FunctionCallExpr{
		Name:            nameStr,
		Args:            args,
		ExpandFinal:     expandFinal,
		NameRange:       hcl.Range{Filename: p.file, Start: p.start(name), End: nameEnd},
		OpenParenRange:  p.rng(open),
		CloseParenRange: p.rng(closing),
	}
}

func (p *fastParser) parseTupleCons() hclsyntax.Expression {
	open, _ := p.read()
	p.push(false)
	defer p.pop()
	if p.keywordNext("for") {
		return p.finishForExpr(open)
	}
	var exprs []hclsyntax.Expression
	for {
		if i, ty := p.peek(); ty == hclsyntax.TokenCBrack {
			p.read()
			return &hclsyntax.TupleConsExpr{Exprs: exprs, SrcRange: hcl.RangeBetween(p.rng(open), p.rng(i)), OpenRange: p.rng(open)}
		}
		expr := p.parseExpression()
		if p.bad {
			return nil
		}
		exprs = append(exprs, expr)
		i, ty := p.read()
		switch ty {
		case hclsyntax.TokenCBrack:
			return &hclsyntax.TupleConsExpr{Exprs: exprs, SrcRange: hcl.RangeBetween(p.rng(open), p.rng(i)), OpenRange: p.rng(open)}
		case hclsyntax.TokenComma:
		default:
			p.fail()
			return nil
		}
	}
}

func (p *fastParser) parseObjectCons() hclsyntax.Expression {
	open, _ := p.read()
	p.push(false)
	isFor := p.keywordNext("for")
	p.pop()
	if isFor {
		return p.finishForExpr(open)
	}
	p.push(true)
	defer p.pop()
	var items []hclsyntax.ObjectConsItem
	for {
		i, ty := p.peek()
		if ty == hclsyntax.TokenNewline {
			p.read()
			continue
		}
		if ty == hclsyntax.TokenCBrace {
			p.read()
			return &hclsyntax.ObjectConsExpr{Items: items, SrcRange: hcl.RangeBetween(p.rng(open), p.rng(i)), OpenRange: p.rng(open)}
		}
		forceNonLiteral := ty == hclsyntax.TokenOParen
		key := p.parseExpression()
		if p.bad {
			return nil
		}
		if ty := p.peekType(); ty != hclsyntax.TokenEqual && ty != hclsyntax.TokenColon {
			p.fail()
			return nil
		}
		p.read()
		value := p.parseExpression()
		if p.bad {
			return nil
		}
		items = append(items, hclsyntax.ObjectConsItem{
			KeyExpr:   &hclsyntax.ObjectConsKeyExpr{Wrapped: key, ForceNonLiteral: forceNonLiteral},
			ValueExpr: value,
		})
		i, ty = p.peek()
		switch ty {
		case hclsyntax.TokenCBrace:
			p.read()
			return &hclsyntax.ObjectConsExpr{Items: items, SrcRange: hcl.RangeBetween(p.rng(open), p.rng(i)), OpenRange: p.rng(open)}
		case hclsyntax.TokenComma, hclsyntax.TokenNewline:
			p.read()
		default:
			p.fail()
			return nil
		}
	}
}

func (p *fastParser) finishForExpr(open int) hclsyntax.Expression {
	p.push(false)
	defer p.pop()
	p.read() // for
	makeObj := p.toks[open].typ == hclsyntax.TokenOBrace
	closeType := hclsyntax.TokenCBrack
	if makeObj {
		closeType = hclsyntax.TokenCBrace
	}
	i, ty := p.read()
	if ty != hclsyntax.TokenIdent {
		p.fail()
		return nil
	}
	var keyName string
	valName := string(p.bytes(i))
	if p.peekType() == hclsyntax.TokenComma {
		p.read()
		keyName = valName
		i, ty = p.read()
		if ty != hclsyntax.TokenIdent {
			p.fail()
			return nil
		}
		valName = string(p.bytes(i))
	}
	if !p.keywordNext("in") {
		p.fail()
		return nil
	}
	p.read()
	coll := p.parseExpression()
	if p.bad || p.peekType() != hclsyntax.TokenColon {
		p.fail()
		return nil
	}
	p.read()
	var keyExpr, condExpr hclsyntax.Expression
	valExpr := p.parseExpression()
	if p.bad {
		return nil
	}
	if p.peekType() == hclsyntax.TokenFatArrow {
		p.read()
		keyExpr = valExpr
		valExpr = p.parseExpression()
		if p.bad {
			return nil
		}
	}
	group := false
	if p.peekType() == hclsyntax.TokenEllipsis {
		p.read()
		group = true
	}
	if p.keywordNext("if") {
		p.read()
		condExpr = p.parseExpression()
		if p.bad {
			return nil
		}
	}
	closing, ct := p.read()
	if ct != closeType || makeObj != (keyExpr != nil) || (!makeObj && group) {
		p.fail()
		return nil
	}
	return &hclsyntax.ForExpr{
		KeyVar:     keyName,
		ValVar:     valName,
		CollExpr:   coll,
		KeyExpr:    keyExpr,
		ValExpr:    valExpr,
		CondExpr:   condExpr,
		Group:      group,
		SrcRange:   hcl.RangeBetween(p.rng(open), p.rng(closing)),
		OpenRange:  p.rng(open),
		CloseRange: p.rng(closing),
	}
}

// tpart is one piece of a quoted template before it becomes an expression.
type tpart struct {
	lit  bool
	val  string
	rng  hcl.Range
	expr hclsyntax.Expression
}

// parseTemplateParts reads a quoted template after its opening quote,
// through the closing quote, and returns its parts as expressions, and
// whether the template is a single interpolation (which hcl wraps
// differently).
func (p *fastParser) parseTemplateParts() ([]hclsyntax.Expression, bool) {
	// Most strings are one literal and the closing quote.
	if i := p.next; i+1 < len(p.toks) && p.toks[i].typ == hclsyntax.TokenQuotedLit && p.toks[i+1].typ == hclsyntax.TokenCQuote {
		s, ok := p.stringLit(i)
		if !ok {
			p.fail()
			return nil, false
		}
		p.next = i + 2
		return []hclsyntax.Expression{&hclsyntax.LiteralValueExpr{Val: cty.StringVal(s), SrcRange: p.rng(i)}}, false
	}
	startRange := p.nextRange()
	var parts []tpart
	for {
		i, ty := p.read()
		if ty == hclsyntax.TokenCQuote {
			break
		}
		switch ty {
		case hclsyntax.TokenQuotedLit:
			s, ok := p.stringLit(i)
			if !ok {
				p.fail()
				return nil, false
			}
			parts = append(parts, tpart{lit: true, val: s, rng: p.rng(i)})
		case hclsyntax.TokenTemplateInterp:
			if p.toks[i].end-p.toks[i].start != 2 {
				p.fail() // a strip marker: ${~
				return nil, false
			}
			p.push(false)
			expr := p.parseExpression()
			if p.bad {
				return nil, false
			}
			c, ct := p.read()
			if ct != hclsyntax.TokenTemplateSeqEnd || p.toks[c].end-p.toks[c].start != 1 {
				p.fail()
				return nil, false
			}
			p.pop()
			parts = append(parts, tpart{expr: expr})
		default:
			p.fail()
			return nil, false
		}
	}
	if len(parts) == 0 {
		parts = append(parts, tpart{lit: true, rng: hcl.Range{Filename: startRange.Filename, Start: startRange.End, End: startRange.End}})
	}
	// Consecutive literals (hcl's lexer splits at a lone $ or %) are joined.
	melded := parts[:1]
	for _, part := range parts[1:] {
		if prev := &melded[len(melded)-1]; prev.lit && part.lit {
			prev.val += part.val
			prev.rng.End = part.rng.End
			continue
		}
		melded = append(melded, part)
	}
	exprs := make([]hclsyntax.Expression, 0, len(melded))
	for _, part := range melded {
		if part.lit {
			exprs = append(exprs, &hclsyntax.LiteralValueExpr{Val: cty.StringVal(part.val), SrcRange: part.rng})
		} else {
			exprs = append(exprs, part.expr)
		}
	}
	return exprs, len(melded) == 1 && !melded[0].lit
}
