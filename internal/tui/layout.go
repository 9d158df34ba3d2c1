package tui

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func keyIs(msg tea.KeyMsg, b key.Binding) bool { return b.Enabled() && key.Matches(msg, b) }

// fit makes s exactly h lines, each at most w cells wide, so every frame
// fills the terminal and nothing wraps.
func fit(s string, h, w int) string {
	if h < 1 {
		h = 1
	}
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = truncate(l, w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// truncate cuts a line (with any ANSI styling) to w cells.
func truncate(s string, w int) string {
	if w <= 0 || ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w-1, "") + "…"
}

// wrap folds text to w cells at spaces, breaking a word only when it is
// longer than a line (a path, a URL): nothing is ever cut off.
func wrap(s string, w int) string {
	if w <= 0 {
		return s
	}
	return ansi.Wrap(s, w, "")
}

// wrapHang folds text to w cells; continuation lines start with pad.
func wrapHang(s string, w int, pad string) string {
	pw := ansi.StringWidth(pad)
	lines := strings.Split(wrap(s, max(w-pw, 10)), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n")
}

// snippetLine matches a numbered source line or the caret line under it
// ("  12 | text", "     |   ^^^"): code, which keeps its shape.
var snippetLine = regexp.MustCompile(`^\s*\d*\s\|(\s|$)`)

// foldText fits prose lines to w cells by wrapping them under their own
// indentation; code lines (source snippets) are kept whole, for the
// viewport to scroll sideways.
func foldText(s string, w int) string {
	if w <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if ansi.StringWidth(l) <= w || snippetLine.MatchString(ansi.Strip(l)) {
			out = append(out, l)
			continue
		}
		plain := ansi.Strip(l)
		lead := plain[:len(plain)-len(strings.TrimLeft(plain, " "))]
		if len(lead) > w/2 {
			lead = ""
		}
		out = append(out, wrapHang(l, w, lead))
	}
	return strings.Join(out, "\n")
}

// progressBar draws a bar of width cells for done out of total, with the
// percentage as a number so it reads without colour.
func progressBar(done, total, width int) string {
	if total <= 0 {
		total = 1
	}
	if width < 10 {
		width = 10
	}
	filled := done * width / total
	return "[" + strings.Repeat("#", filled) + strings.Repeat("-", width-filled) + "]"
}

// hyperlink wraps text in an OSC 8 link to a local file.
func hyperlink(path, text string) string {
	return "\x1b]8;;file://" + path + "\x1b\\" + text + "\x1b]8;;\x1b\\"
}

// moveCursor applies the movement keys to a cursor over n rows, and reports
// whether the key was one of them.
func moveCursor(k tea.KeyMsg, keys KeyMap, cursor, n int) (int, bool) {
	last := max(0, n-1)
	switch {
	case keyIs(k, keys.Up):
		return max(0, cursor-1), true
	case keyIs(k, keys.Down):
		return min(last, cursor+1), true
	case keyIs(k, keys.Top):
		return 0, true
	case keyIs(k, keys.Bottom):
		return last, true
	}
	return cursor, false
}

// scrollWindow returns the first line to show so that line cur is visible in
// a window of h lines over n lines.
func scrollWindow(cur, n, h, first int) int {
	if h <= 0 {
		return 0
	}
	if cur < first {
		first = cur
	}
	if cur >= first+h {
		first = cur - h + 1
	}
	if first > n-h {
		first = max(0, n-h)
	}
	return max(first, 0)
}
