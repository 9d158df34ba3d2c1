package terraform

import (
	"encoding/binary"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// quickScan tokenizes the common subset of HCL (ASCII code, quoted
// templates, comments) exactly as hclsyntax.LexConfig does, but without
// computing line and column positions, which is where the hcl lexer spends
// most of its time. Its tokens feed the nesting cap and the formatting
// check; neither needs positions.
//
// Tokens carry only their type and byte offsets. When the input uses
// anything outside the subset (any non-ASCII byte, heredocs, control
// characters, characters HCL rejects) it reports false and the caller falls
// back to LexConfig. Staying within ASCII is what keeps it, and the
// formatter that reads its tokens, exact: outside ASCII, positions and
// alignment depend on the Unicode segmentation tables hcl was built with.
// TestQuickScanMatchesLexer and FuzzQuickScan hold it to LexConfig's output.
func quickScan(src []byte) ([]ftok, bool) {
	// Formatted code averages four to five bytes per token.
	s := scanner{src: src, toks: make([]ftok, 0, len(src)/4+16)}
	if !s.main() {
		return nil, false
	}
	s.emit(hclsyntax.TokenEOF, len(src), len(src))
	return s.toks, true
}

type scanner struct {
	src  []byte
	pos  int
	toks []ftok
	// braces counts open braces; templates records the brace count at which
	// each open template sequence (${ or %{) ends.
	braces    int
	templates []int
}

func (s *scanner) emit(ty hclsyntax.TokenType, start, end int) {
	s.toks = append(s.toks, ftok{typ: ty, start: int32(start), end: int32(end)})
}

func (s *scanner) at(i int) byte {
	if i < len(s.src) {
		return s.src[i]
	}
	return 0
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentContinue(c byte) bool {
	return isIdentStart(c) || isDigit(c) || c == '-'
}

var twoCharTokens = map[string]hclsyntax.TokenType{
	"==": hclsyntax.TokenEqualOp, "!=": hclsyntax.TokenNotEqual,
	">=": hclsyntax.TokenGreaterThanEq, "<=": hclsyntax.TokenLessThanEq,
	"&&": hclsyntax.TokenAnd, "||": hclsyntax.TokenOr,
	"::": hclsyntax.TokenDoubleColon, "=>": hclsyntax.TokenFatArrow,
}

// main scans code until the end of input, or until the template sequence
// it was called for closes (then it returns true with s.pos after the `}`).
func (s *scanner) main() bool {
	src := s.src
	for s.pos < len(src) {
		start := s.pos
		c := src[start]
		switch {
		case c == ' ' || c == '\t':
			s.pos++
		case c == '\n':
			s.pos++
			s.emit(hclsyntax.TokenNewline, start, s.pos)
		case c == '\r':
			if s.at(start+1) != '\n' {
				return false
			}
			s.pos += 2
			s.emit(hclsyntax.TokenNewline, start, s.pos)
		case isDigit(c):
			s.number()
		case isIdentStart(c):
			s.pos++
			for s.pos < len(src) && isIdentContinue(src[s.pos]) {
				s.pos++
			}
			if s.pos < len(src) && src[s.pos] >= 0x80 {
				return false // a Unicode identifier continues here
			}
			s.emit(hclsyntax.TokenIdent, start, s.pos)
		case c == '#' || (c == '/' && s.at(start+1) == '/'):
			if !s.lineComment() {
				return false
			}
		case c == '/' && s.at(start+1) == '*':
			if !s.blockComment() {
				return false
			}
		case c == '"':
			s.pos++
			s.emit(hclsyntax.TokenOQuote, start, s.pos)
			if !s.quoted() {
				return false
			}
		case c == '{':
			s.pos++
			s.braces++
			s.emit(hclsyntax.TokenOBrace, start, s.pos)
		case c == '}':
			s.pos++
			if n := len(s.templates); n > 0 && s.templates[n-1] == s.braces {
				s.emit(hclsyntax.TokenTemplateSeqEnd, start, s.pos)
				s.braces--
				s.templates = s.templates[:n-1]
				return true
			}
			s.emit(hclsyntax.TokenCBrace, start, s.pos)
			s.braces--
		case c == '~' && s.at(start+1) == '}':
			n := len(s.templates)
			if n == 0 || s.templates[n-1] != s.braces {
				return false
			}
			s.pos += 2
			s.emit(hclsyntax.TokenTemplateSeqEnd, start, s.pos)
			s.braces--
			s.templates = s.templates[:n-1]
			return true
		case c == '<' && s.at(start+1) == '<':
			return false // heredoc, or a `<<` the hcl lexer treats specially
		case c == '.' && s.at(start+1) == '.' && s.at(start+2) == '.':
			s.pos += 3
			s.emit(hclsyntax.TokenEllipsis, start, s.pos)
		default:
			if start+1 < len(src) {
				if ty, ok := twoCharTokens[string(src[start:start+2])]; ok {
					s.pos += 2
					s.emit(ty, start, s.pos)
					continue
				}
			}
			switch c {
			case '[', ']', '(', ')', '.', ',', '*', '/', '%', '+', '-', '=', '<', '>', '!', '?', ':':
				s.pos++
				s.emit(hclsyntax.TokenType(c), start, s.pos)
			default:
				return false // non-ASCII, control characters, & | ~ ^ ; ` '
			}
		}
	}
	return len(s.templates) == 0
}

// number scans digit ("" | continue* not ending in '.'), where continue is
// a digit, '.', or an exponent e[+-]digit.
func (s *scanner) number() {
	src := s.src
	start := s.pos
	s.pos++
	end := s.pos // longest match so far that does not end in '.'
	for s.pos < len(src) {
		c := src[s.pos]
		switch {
		case isDigit(c):
			s.pos++
			end = s.pos
		case c == '.':
			s.pos++
		case c == 'e' || c == 'E':
			j := s.pos + 1
			if j < len(src) && (src[j] == '+' || src[j] == '-') {
				j++
			}
			if j < len(src) && isDigit(src[j]) {
				s.pos = j + 1
				end = s.pos
				continue
			}
			s.pos = end
			s.emit(hclsyntax.TokenNumberLit, start, end)
			return
		default:
			s.pos = end
			s.emit(hclsyntax.TokenNumberLit, start, end)
			return
		}
	}
	s.pos = end
	s.emit(hclsyntax.TokenNumberLit, start, end)
}

// lineComment scans # or // to the end of the line, newline included.
func (s *scanner) lineComment() bool {
	start := s.pos
	for s.pos < len(s.src) && s.src[s.pos] != '\n' {
		if s.src[s.pos] >= 0x80 {
			return false
		}
		s.pos++
	}
	if s.pos < len(s.src) {
		s.pos++
	}
	s.emit(hclsyntax.TokenComment, start, s.pos)
	return true
}

func (s *scanner) blockComment() bool {
	start := s.pos
	for i := start + 2; i+1 < len(s.src); i++ {
		if s.src[i] >= 0x80 {
			return false
		}
		if s.src[i] == '*' && s.src[i+1] == '/' {
			s.pos = i + 2
			s.emit(hclsyntax.TokenComment, start, s.pos)
			return true
		}
	}
	return false
}

// quoted scans a quoted template after its opening quote, through the
// closing quote.
func (s *scanner) quoted() bool {
	src := s.src
	for s.pos < len(src) {
		start := s.pos
		c := src[start]
		switch {
		case c == '"':
			s.pos++
			s.emit(hclsyntax.TokenCQuote, start, s.pos)
			return true
		case c == '\n' || c == '\r':
			return false
		case (c == '$' || c == '%') && s.at(start+1) == '{':
			s.pos += 2
			if s.at(s.pos) == '~' {
				s.pos++
			}
			ty := hclsyntax.TokenTemplateInterp
			if c == '%' {
				ty = hclsyntax.TokenTemplateControl
			}
			s.emit(ty, start, s.pos)
			s.braces++
			s.templates = append(s.templates, s.braces)
			if !s.main() {
				return false
			}
		case c == '$' || c == '%':
			// "$${" and "%%{" are escapes; any other $ or % stands alone.
			if start+1 >= len(src) {
				return false
			}
			s.pos++
			if s.at(s.pos) == c && s.at(s.pos+1) == '{' {
				s.pos += 2
				if s.at(s.pos) == '~' {
					s.pos++
				}
			}
			s.emit(hclsyntax.TokenQuotedLit, start, s.pos)
		default:
			for s.pos < len(src) {
				c := src[s.pos]
				if c == '\\' {
					n := s.at(s.pos + 1)
					if s.pos+1 >= len(src) || n == '\n' || n == '\r' || n < 0x20 && n != '\t' || n >= 0x80 {
						return false
					}
					s.pos += 2
					continue
				}
				if c == '$' || c == '%' || c == '"' || c == '\n' || c == '\r' {
					break
				}
				if c < 0x20 && c != '\t' || c >= 0x80 {
					return false
				}
				s.pos++
			}
			s.emit(hclsyntax.TokenQuotedLit, start, s.pos)
		}
	}
	return false
}

// isASCII reports whether src has no byte above 0x7f, eight bytes at a
// time: the formatter runs on nearly every file and this decides whether it
// may.
func isASCII(src []byte) bool {
	i := 0
	for ; i+8 <= len(src); i += 8 {
		if binary.LittleEndian.Uint64(src[i:])&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(src); i++ {
		if src[i] >= 0x80 {
			return false
		}
	}
	return true
}
