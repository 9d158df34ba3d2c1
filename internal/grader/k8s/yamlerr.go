package k8s

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

var yamlErrLine = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?(.*)$`)

// parseChunk parses every document in a chunk. goyaml has panicked on odd
// input in the past; a panic is turned into an error so one file can never
// stop a whole class from being graded.
func parseChunk(data []byte) (docs []*yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the parser failed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return docs, nil
			}
			return docs, err
		}
		docs = append(docs, &n)
	}
}

// splitYAMLError separates goyaml's line number from its message.
func splitYAMLError(err error) (line int, msg string) {
	m := yamlErrLine.FindStringSubmatch(strings.TrimSpace(err.Error()))
	if m == nil {
		return 0, err.Error()
	}
	line, _ = strconv.Atoi(m[1])
	return line, m[2]
}

// maxSearchBytes bounds the prefix search that pins a syntax error to its
// line; past it goyaml's own line number is used.
const maxSearchBytes = 256 << 10

// errorLine finds the first line at which the chunk stops parsing with the
// same message. goyaml often reports the line where the enclosing block
// started, which is not where a learner must look.
func errorLine(c chunk, msg string, fallback int) int {
	if len(c.data) > maxSearchBytes {
		return fallback
	}
	var ends []int // byte offset after each line
	for i, b := range c.data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(c.data) {
		ends = append(ends, len(c.data))
	}
	fails := func(k int) bool {
		_, err := parseChunk(c.data[:ends[k]])
		if err == nil {
			return false
		}
		_, m := splitYAMLError(err)
		return m == msg
	}
	lo, hi := 0, len(ends)-1
	if !fails(hi) {
		return fallback
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo + 1
}

// syntaxError turns a goyaml error into a diagnostic at the line to fix,
// with wording for someone who is new to YAML.
func syntaxError(r *reporter, t *text, c chunk, err error) {
	yline, emsg := splitYAMLError(err)
	fallback := yline
	if fallback < 1 {
		fallback = 1
	}
	line := errorLine(c, emsg, fallback) + c.line - 1
	rng := lineRange(t, line)
	var key string
	var args msg.Args
	switch {
	case strings.Contains(emsg, "tab character") || (strings.Contains(emsg, "cannot start any token") && tabLine(t, c, &line)):
		if tabLine(t, c, &line) {
			rng = tabRange(t, line)
		}
		key = "k8s.yaml.tab"
	case strings.Contains(emsg, "cannot start any token"):
		key = "k8s.yaml.bad-start"
	case strings.Contains(emsg, "did not find expected key"):
		key = "k8s.yaml.indentation"
	case strings.Contains(emsg, "did not find expected '-' indicator"):
		key = "k8s.yaml.broken-list"
	case strings.Contains(emsg, "mapping values are not allowed"):
		if col, ok := secondColon(t.line(line)); ok {
			rng = diag.Range{Filename: t.path, Start: diag.Pos{Line: line, Column: col}, End: diag.Pos{Line: line, Column: col + 1}}
		}
		key = "k8s.yaml.unexpected-colon"
	case strings.Contains(emsg, "unexpected end of stream") && quoteRange(t, line, &rng):
		key = "k8s.yaml.unclosed-quote"
	case strings.Contains(emsg, "expected ',' or ']'") || strings.Contains(emsg, "expected ',' or '}'"):
		key = "k8s.yaml.unclosed-flow"
	case strings.Contains(emsg, "could not find expected ':'"):
		key = "k8s.yaml.missing-colon"
	case strings.HasPrefix(emsg, "unknown anchor"):
		name := strings.TrimSuffix(strings.TrimPrefix(emsg, "unknown anchor '"), "' referenced")
		if ln, col, ok := findInChunk(t, c, "*"+name); ok {
			rng = diag.Range{Filename: t.path, Start: diag.Pos{Line: ln, Column: col}, End: diag.Pos{Line: ln, Column: col + 1 + len([]rune(name))}}
		}
		key, args = "k8s.yaml.unknown-anchor", msg.Args{"Name": clip(name)}
	case strings.Contains(emsg, "exceeded max depth"):
		key = "k8s.too-deep"
	case strings.Contains(emsg, "block sequence entries are not allowed"):
		key = "k8s.yaml.misplaced-item"
	default:
		key, args = "k8s.yaml.unreadable", msg.Args{"Message": clip(emsg)}
	}
	// Every summary key has its hint under the same key plus ".hint".
	r.add(ruleYAMLSyntax, rng, msg.New(key, args), msg.New(key+".hint", args))
}

// tabLine reports whether line has a tab in its indentation, or else moves
// line to the first such line of the chunk.
func tabLine(t *text, c chunk, line *int) bool {
	if hasLeadingTab(t.line(*line)) {
		return true
	}
	last := c.line + bytes.Count(c.data, []byte{'\n'})
	for n := c.line; n <= last && n <= t.lines(); n++ {
		if hasLeadingTab(t.line(n)) {
			*line = n
			return true
		}
	}
	return false
}

func hasLeadingTab(l []byte) bool {
	for _, b := range l {
		switch b {
		case '\t':
			return true
		case ' ', '-':
		default:
			return false
		}
	}
	return false
}

func tabRange(t *text, line int) diag.Range {
	l := t.line(line)
	i := bytes.IndexByte(l, '\t')
	col := runeCol(l, i)
	return diag.Range{Filename: t.path, Start: diag.Pos{Line: line, Column: col}, End: diag.Pos{Line: line, Column: col + 1}}
}

// quoteRange finds an opening quote with no closing one on line.
func quoteRange(t *text, line int, rng *diag.Range) bool {
	l := t.line(line)
	var quote byte
	at := -1
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				if quote == '\'' && i+1 < len(l) && l[i+1] == '\'' {
					i++
					continue
				}
				quote = 0
			}
		case c == '"' || c == '\'':
			quote, at = c, i
		case c == '#' && (i == 0 || l[i-1] == ' '):
			i = len(l)
		}
	}
	if quote == 0 {
		return false
	}
	*rng = diag.Range{Filename: t.path, Start: diag.Pos{Line: line, Column: runeCol(l, at)}, End: diag.Pos{Line: line, Column: runeCol(l, len(l))}}
	return true
}

func findInChunk(t *text, c chunk, s string) (line, col int, ok bool) {
	last := c.line + bytes.Count(c.data, []byte{'\n'})
	for n := c.line; n <= last && n <= t.lines(); n++ {
		l := t.line(n)
		if i := bytes.Index(l, []byte(s)); i >= 0 {
			return n, runeCol(l, i), true
		}
	}
	return 0, 0, false
}

// secondColon finds, outside quotes and comments, the second colon of a
// line that acts as a key separator (followed by a space or the end of the
// line): in `cmd: run: now` it is the one YAML stops at.
func secondColon(l []byte) (col int, ok bool) {
	seen := 0
	plainBytes(l, func(i int) bool {
		switch c := l[i]; {
		case c == '#' && (i == 0 || l[i-1] == ' '):
			return false
		case c == ':' && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\r'):
			seen++
			if seen == 2 {
				col, ok = runeCol(l, i), true
				return false
			}
		}
		return true
	})
	return col, ok
}
