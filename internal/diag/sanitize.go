package diag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize removes terminal control characters (escape sequences, bells,
// carriage returns, bidi overrides) and replaces invalid UTF-8, so text that
// came from a learner's file can never drive the terminal it is printed on.
// Tabs and newlines are kept.
func Sanitize(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == utf8.RuneError || unsafeRune(r) }) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune('\uFFFD')
		case unsafeRune(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	if r == '\t' || r == '\n' {
		return false
	}
	if unicode.IsControl(r) {
		return true
	}
	// Bidirectional overrides and isolates can reorder what a reader sees.
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F:
		return true
	}
	return false
}
