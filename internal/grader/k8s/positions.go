package k8s

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/diag"
)

// maxDepth caps every recursive walk over a YAML tree. Real manifests nest a
// few dozen levels at most; the cap keeps a hostile file from exhausting the
// stack, which Go cannot recover from.
const maxDepth = 200

// text is one file's bytes with the offset of each line, so positions that
// goyaml reports (line, column in characters) can be turned into precise
// ranges with an end.
type text struct {
	path string
	data []byte
	// lineStarts holds the byte offset of each line; int32 is enough for
	// any file the readers accept and halves this index on big files.
	lineStarts []int32
}

func newText(path string, data []byte) *text {
	if len(data) > math.MaxInt32 {
		data = data[:math.MaxInt32] // offsets are int32; no reader allows such files
	}
	starts := make([]int32, 1, bytes.Count(data, []byte{'\n'})+1)
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, int32(i+1))
		}
	}
	return &text{path: path, data: data, lineStarts: starts}
}

// line returns line n (1-based) without its newline.
func (t *text) line(n int) []byte {
	if n < 1 || n > len(t.lineStarts) {
		return nil
	}
	start := int(t.lineStarts[n-1])
	end := len(t.data)
	if n < len(t.lineStarts) {
		end = int(t.lineStarts[n]) - 1
	}
	l := t.data[start:end]
	return bytes.TrimSuffix(l, []byte{'\r'})
}

// lines is the number of lines in the file.
func (t *text) lines() int { return len(t.lineStarts) }

// byteCol converts a 1-based character column to a byte offset in line.
func byteCol(line []byte, col int) int {
	off := 0
	for i := 1; i < col && off < len(line); i++ {
		_, size := utf8.DecodeRune(line[off:])
		off += size
	}
	return off
}

// runeCol converts a byte offset in line to a 1-based character column.
func runeCol(line []byte, off int) int {
	if off > len(line) {
		off = len(line)
	}
	return utf8.RuneCount(line[:off]) + 1
}

// trimmedEnd is the column just after the last meaningful character of a
// line: trailing blanks and a trailing comment are not part of a value.
func trimmedEnd(line []byte) int {
	if i := commentStart(line); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimRight(line, " \t")
	return runeCol(line, len(line))
}

// commentStart finds a " #" comment outside quotes, or -1.
func commentStart(line []byte) int {
	at := -1
	plainBytes(line, func(i int) bool {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			at = i
			return false
		}
		return true
	})
	return at
}

// plainBytes calls visit with the index of every byte of a YAML line that is
// outside a quoted scalar, in order, until visit returns false. A quote
// opens a scalar only where one can start (the line's start, or after a
// space, ':', '[', '{', ',' or '-'); elsewhere, as in it's, it is a letter.
func plainBytes(line []byte, visit func(i int) bool) {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && (i == 0 || bytes.IndexByte([]byte(" :[{,-"), line[i-1]) >= 0):
			quote = c
		default:
			if !visit(i) {
				return
			}
		}
	}
}

// doc is one parsed YAML document: the root node and where its first line
// sits in the file, since documents are parsed one by one.
type doc struct {
	t       *text
	lineOff int
}

// pos turns a node's document-relative position into a file position.
func (d doc) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{Line: n.Line + d.lineOff, Column: n.Column}
}

// rng is the range a single node covers: a scalar from its first to its last
// character, a collection from its first character to the end of its last
// descendant.
func (d doc) rng(n *yaml.Node) diag.Range {
	start := d.pos(n)
	end := d.end(n, 0)
	if end.Line < start.Line || (end.Line == start.Line && end.Column < start.Column) {
		end = start
	}
	return diag.Range{Filename: d.t.path, Start: start, End: end}
}

// span covers from the start of a to the end of b, e.g. a key and its value.
func (d doc) span(a, b *yaml.Node) diag.Range {
	r := d.rng(b)
	r.Start = d.pos(a)
	return r
}

// lineRange covers the meaningful part of one file line.
func (d doc) lineRange(line int) diag.Range {
	return lineRange(d.t, line)
}

func lineRange(t *text, line int) diag.Range {
	l := t.line(line)
	start := runeCol(l, len(l)-len(bytes.TrimLeft(l, " \t")))
	end := trimmedEnd(l)
	if end < start {
		end = start
	}
	return diag.Range{Filename: t.path, Start: diag.Pos{Line: line, Column: start}, End: diag.Pos{Line: line, Column: end}}
}

func (d doc) end(n *yaml.Node, depth int) diag.Pos {
	if depth > maxDepth {
		return d.pos(n)
	}
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode, yaml.DocumentNode:
		if len(n.Content) == 0 {
			p := d.pos(n)
			if n.Style&yaml.FlowStyle != 0 {
				p.Column += 2
			}
			return p
		}
		return d.end(n.Content[len(n.Content)-1], depth+1)
	case yaml.AliasNode:
		p := d.pos(n)
		p.Column += 1 + utf8.RuneCountInString(n.Value)
		return p
	}
	return d.scalarEnd(n)
}

// scalarEnd finds the end of a scalar by reading the source, because goyaml
// keeps only where a node starts.
func (d doc) scalarEnd(n *yaml.Node) diag.Pos {
	p := d.pos(n)
	line := d.t.line(p.Line)
	off := byteCol(line, p.Column)
	rest := line[off:]
	endOff := -1
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0 && len(rest) > 0 && rest[0] == '"':
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\\' {
				i++
				continue
			}
			if rest[i] == '"' {
				endOff = off + i + 1
				break
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0 && len(rest) > 0 && rest[0] == '\'':
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					i++
					continue
				}
				endOff = off + i + 1
				break
			}
		}
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
	default:
		if n.Value != "" && !strings.Contains(n.Value, "\n") && bytes.HasPrefix(rest, []byte(n.Value)) {
			endOff = off + len(n.Value)
		}
	}
	if endOff >= 0 {
		return diag.Pos{Line: p.Line, Column: runeCol(line, endOff)}
	}
	return diag.Pos{Line: p.Line, Column: trimmedEnd(line)}
}

// mapGet returns the key and value nodes of a mapping entry.
func mapGet(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && m.Content[i].Kind == yaml.ScalarNode {
			return m.Content[i], resolve(m.Content[i+1])
		}
	}
	return nil, nil
}

// resolve follows an alias to the node it names (one step; goyaml
// rejects aliases to aliases).
func resolve(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// pathSeg is one step of a field path: a key, an index, or a list item
// picked by the value of one of its fields.
type pathSeg struct {
	key   string
	index int // -1 when not an index
	field string
	value string
}

// parsePath reads "spec.template.spec.containers[0].image",
// "containers[name=api]" and `metadata.labels["app.kubernetes.io/name"]`.
func parsePath(p string) ([]pathSeg, bool) {
	var segs []pathSeg
	for p != "" {
		if p[0] == '.' {
			p = p[1:]
			continue
		}
		if p[0] == '[' {
			if len(p) > 1 && (p[1] == '"' || p[1] == '\'') {
				// a quoted key may hold dots and brackets
				qc := p[1]
				closeAt := strings.IndexByte(p[2:], qc)
				if closeAt < 0 || 2+closeAt+1 >= len(p) || p[2+closeAt+1] != ']' {
					return nil, false
				}
				segs = append(segs, pathSeg{key: p[2 : 2+closeAt], index: -1})
				p = p[2+closeAt+2:]
				continue
			}
			end := strings.IndexByte(p, ']')
			if end < 0 {
				return nil, false
			}
			inner := p[1:end]
			p = p[end+1:]
			if n, err := strconv.Atoi(inner); err == nil {
				if n < 0 {
					return nil, false
				}
				segs = append(segs, pathSeg{index: n})
				continue
			}
			f, v, ok := strings.Cut(inner, "=")
			if !ok {
				// A bare key, as the API server writes map entries
				// (metadata.labels[app.kubernetes.io/name]); map keys
				// of Kubernetes objects never hold "=".
				if inner == "" {
					return nil, false
				}
				segs = append(segs, pathSeg{key: inner, index: -1})
				continue
			}
			if f == "" {
				return nil, false
			}
			segs = append(segs, pathSeg{index: -1, field: f, value: strings.Trim(v, `"'`)})
			continue
		}
		end := strings.IndexAny(p, ".[")
		if end < 0 {
			end = len(p)
		}
		segs = append(segs, pathSeg{key: p[:end], index: -1})
		p = p[end:]
	}
	return segs, len(segs) > 0
}

// walkPath follows a parsed path from root and returns the node reached and
// the key node naming it (nil for list items).
func walkPath(root *yaml.Node, segs []pathSeg) (key, val *yaml.Node) {
	n := resolve(root)
	for _, s := range segs {
		switch {
		case s.field != "":
			if n == nil || n.Kind != yaml.SequenceNode {
				return nil, nil
			}
			var found *yaml.Node
			for _, it := range n.Content {
				it = resolve(it)
				if _, v := mapGet(it, s.field); v != nil && v.Kind == yaml.ScalarNode && v.Value == s.value {
					found = it
					break
				}
			}
			if found == nil {
				return nil, nil
			}
			key, n = nil, found
		case s.index >= 0:
			if n == nil || n.Kind != yaml.SequenceNode || s.index >= len(n.Content) {
				return nil, nil
			}
			key, n = nil, resolve(n.Content[s.index])
		default:
			k, v := mapGet(n, s.key)
			if k == nil {
				return nil, nil
			}
			key, n = k, v
		}
	}
	return key, n
}

// Locate resolves a dotted field path such as "spec.replicas" or
// "spec.template.spec.containers[0].image" (also "containers[name=api]" and
// `labels["app.kubernetes.io/name"]`) inside object i to the range of its
// value, so exercise checks can point at what they test. It reports false
// when the object or the field does not exist.
func (s *Set) Locate(i int, path string) (diag.Range, bool) {
	if s == nil || i < 0 || i >= len(s.items) {
		return diag.Range{}, false
	}
	it := &s.items[i]
	if strings.TrimSpace(path) == "" {
		return s.renders.remapRange(it.doc.rng(it.root)), true
	}
	segs, ok := parsePath(path)
	if !ok {
		return diag.Range{}, false
	}
	_, v := walkPath(it.root, segs)
	if v == nil {
		return diag.Range{}, false
	}
	return s.renders.remapRange(it.doc.rng(v)), true
}
