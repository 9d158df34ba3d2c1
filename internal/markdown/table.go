package markdown

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	east "github.com/yuin/goldmark/extension/ast"
)

// minColumn is the narrowest column a table is laid out with; a table whose
// columns cannot all get it is shown one row at a time instead.
const minColumn = 4

type cell struct {
	pieces []piece
	align  east.Alignment
}

// table lays out a table as aligned columns. Columns get their natural
// width when the page allows; otherwise the narrow ones keep theirs and
// the wide ones share the rest, their cells folded at word boundaries.
func (r *renderer) table(t *east.Table, width int) []line {
	var rows [][]cell
	header := -1
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		st := r.th.Text
		if _, ok := row.(*east.TableHeader); ok {
			st = r.th.TableHeader
			header = len(rows)
		}
		var cs []cell
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			tc, ok := c.(*east.TableCell)
			if !ok {
				continue
			}
			cs = append(cs, cell{pieces: r.inlines(tc, st), align: tc.Alignment})
		}
		rows = append(rows, cs)
	}
	cols := 0
	for _, row := range rows {
		cols = max(cols, len(row))
	}
	if cols == 0 {
		return nil
	}
	sepW := ansi.StringWidth(r.th.TableSep)
	avail := width - sepW*(cols-1)
	if avail < cols*minColumn {
		return r.stacked(rows, header, width)
	}
	natural := make([]int, cols)
	for _, row := range rows {
		for i, c := range row {
			for _, l := range r.wrap(c.pieces, 1<<30) {
				natural[i] = max(natural[i], ansi.StringWidth(l.text))
			}
		}
	}
	widths := fit(natural, avail)
	sep := r.th.TableBorder.Render(r.th.TableSep)
	var out []line
	for ri, row := range rows {
		wrapped := make([][]line, cols)
		height := 1
		for i := range cols {
			if i < len(row) {
				wrapped[i] = r.wrap(row[i].pieces, max(widths[i], 1))
			}
			height = max(height, len(wrapped[i]))
		}
		for h := range height {
			var b strings.Builder
			for i := range cols {
				if i > 0 {
					b.WriteString(sep)
				}
				s := ""
				if h < len(wrapped[i]) {
					s = wrapped[i][h].text
				}
				align := east.AlignNone
				if i < len(row) {
					align = row[i].align
				}
				b.WriteString(pad(s, widths[i], align))
			}
			out = append(out, line{text: strings.TrimRight(b.String(), " ")})
		}
		if ri == header {
			parts := make([]string, cols)
			for i, w := range widths {
				parts[i] = strings.Repeat(r.th.TableLine, w)
			}
			out = append(out, line{text: r.th.TableBorder.Render(strings.Join(parts, r.th.TableCross))})
		}
	}
	return out
}

// fit shares avail columns among columns wanting natural widths: a column
// that wants no more than an equal share gets what it wants, and the
// others split what is left.
func fit(natural []int, avail int) []int {
	widths := make([]int, len(natural))
	total := 0
	for _, n := range natural {
		total += n
	}
	if total <= avail {
		copy(widths, natural)
		return widths
	}
	done := make([]bool, len(natural))
	left, open := avail, len(natural)
	for changed := true; changed && open > 0; {
		changed = false
		share := left / open
		for i, n := range natural {
			if !done[i] && n <= share {
				widths[i], done[i] = n, true
				left -= n
				open--
				changed = true
			}
		}
	}
	for i := range natural {
		if done[i] {
			continue
		}
		widths[i] = left / open
		if i < left%open {
			widths[i]++
		}
	}
	return widths
}

func pad(s string, w int, align east.Alignment) string {
	gap := max(w-ansi.StringWidth(s), 0)
	switch align {
	case east.AlignRight:
		return strings.Repeat(" ", gap) + s
	case east.AlignCenter:
		return strings.Repeat(" ", gap/2) + s + strings.Repeat(" ", gap-gap/2)
	}
	return s + strings.Repeat(" ", gap)
}

// stacked shows a table too wide for the page one row at a time, each cell
// on its own lines after its column's header.
func (r *renderer) stacked(rows [][]cell, header, width int) []line {
	var out []line
	for ri, row := range rows {
		if ri == header {
			continue
		}
		if len(out) > 0 {
			out = append(out, line{})
		}
		for i, c := range row {
			var ps []piece
			if header >= 0 && i < len(rows[header]) {
				ps = append(ps, rows[header][i].pieces...)
				ps = append(ps, piece{text: ":", style: r.th.TableHeader}, piece{text: " ", style: r.th.Text})
			}
			out = append(out, r.wrap(append(ps, c.pieces...), width)...)
		}
	}
	return out
}
