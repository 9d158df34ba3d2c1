package markdown

import (
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme is every style and glyph Render uses. The styles come from one
// lipgloss renderer whose colour profile is fixed, so rendering never asks
// the terminal anything and the same input gives the same bytes.
type Theme struct {
	// Heading is the style per level, 1 to 6.
	Heading [6]lipgloss.Style
	// HeadingMarks keeps the "## " prefix of a heading, for output without
	// colour or bold, where nothing else would set a heading apart.
	HeadingMarks bool

	// Text is the style of body text; every other style is layered over
	// the style of the block it sits in.
	Text                 lipgloss.Style
	Strong, Emph, Strike lipgloss.Style
	Code                 lipgloss.Style // inline code
	CodeBlock            lipgloss.Style // each line of a code block
	Link, LinkURL        lipgloss.Style
	Quote                lipgloss.Style // the bar beside a block quote
	ListMarker           lipgloss.Style // bullets, numbers and task boxes
	Rule                 lipgloss.Style
	TableHeader          lipgloss.Style
	TableBorder          lipgloss.Style

	// Bullets are the unordered list markers by nesting depth, reused
	// from the start when lists nest deeper.
	Bullets []string
	// QuoteBar starts every line of a block quote.
	QuoteBar string
	// RuleChar is repeated across the width for a thematic break.
	RuleChar string
	// TableSep separates table columns; TableLine and TableCross draw the
	// line under the header.
	TableSep, TableLine, TableCross string
	// CodeMargin is the number of spaces before every code block line.
	CodeMargin int
	// Hyperlinks makes link text an OSC 8 hyperlink instead of printing
	// the address after it; only for terminals known to support them.
	Hyperlinks bool
}

// Theme names ThemeFor knows.
const (
	ThemeLight   = "light"
	ThemeDark    = "dark"
	ThemeNeutral = "neutral"
	ThemeNoTTY   = "notty"
)

// ThemeFor returns the theme of that name: "light" and "dark" for a
// terminal background known to be light or dark, "neutral" when it is not
// known (no foreground colours: text keeps the terminal's own), "notty"
// for output without colour or escape codes. Any other name gets "notty",
// the one theme that is readable everywhere. The colour themes use the
// 256-colour palette, which every terminal that shows colour supports.
func ThemeFor(name string) Theme {
	r := lipgloss.NewRenderer(io.Discard)
	switch name {
	case ThemeLight, ThemeDark, ThemeNeutral:
		r.SetColorProfile(termenv.ANSI256)
	default:
		r.SetColorProfile(termenv.Ascii)
	}
	r.SetHasDarkBackground(name != ThemeLight)
	s := r.NewStyle()
	th := Theme{
		Text:        s,
		Strong:      s.Bold(true),
		Emph:        s.Italic(true),
		Strike:      s.Strikethrough(true),
		Code:        s,
		CodeBlock:   s,
		Link:        s.Underline(true),
		LinkURL:     s.Faint(true),
		Quote:       s.Faint(true),
		ListMarker:  s,
		Rule:        s.Faint(true),
		TableHeader: s.Bold(true),
		TableBorder: s.Faint(true),
		Bullets:     []string{"•", "◦", "▪"},
		QuoteBar:    "│ ",
		RuleChar:    "─",
		TableSep:    " │ ",
		TableLine:   "─",
		TableCross:  "─┼─",
		CodeMargin:  2,
	}
	for i := range th.Heading {
		th.Heading[i] = s.Bold(true)
	}
	switch name {
	case ThemeLight, ThemeDark:
		// AdaptiveColor picks by the renderer's background, set above.
		heading := lipgloss.AdaptiveColor{Light: "24", Dark: "75"}
		code := lipgloss.AdaptiveColor{Light: "125", Dark: "209"}
		block := lipgloss.AdaptiveColor{Light: "22", Dark: "150"}
		link := lipgloss.AdaptiveColor{Light: "25", Dark: "111"}
		marker := lipgloss.AdaptiveColor{Light: "130", Dark: "179"}
		subtle := lipgloss.AdaptiveColor{Light: "244", Dark: "243"}
		th.Heading[0] = th.Heading[0].Foreground(heading).Underline(true)
		th.Heading[1] = th.Heading[1].Foreground(heading)
		th.Heading[2] = th.Heading[2].Foreground(heading)
		th.Code = s.Foreground(code)
		th.CodeBlock = s.Foreground(block)
		th.Link = th.Link.Foreground(link)
		th.LinkURL = s.Foreground(subtle)
		th.Quote = s.Foreground(subtle)
		th.ListMarker = s.Foreground(marker)
		th.Rule = s.Foreground(subtle)
		th.TableHeader = th.TableHeader.Foreground(heading)
		th.TableBorder = s.Foreground(subtle)
	case ThemeNeutral:
		// Reverse video is readable on any background and sets code apart
		// without a colour of its own.
		th.Heading[0] = th.Heading[0].Underline(true)
		th.Code = s.Reverse(true)
	default:
		th.HeadingMarks = true
		th.Bullets = []string{"-"}
		th.QuoteBar = "| "
		th.RuleChar = "-"
		th.TableSep = " | "
		th.TableLine = "-"
		th.TableCross = "-+-"
	}
	return th
}
