package k8s

import (
	"bytes"
	"regexp"
)

// shellVar is a shell-style variable as envsubst and CI jobs fill in:
// ${NAME}, ${NAME:-default} and the like.
var shellVar = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=?+][^}]*)?\}`)

// placeholderLine returns the first line (1-based) holding a ${NAME}
// placeholder outside a comment, and the placeholder, or 0. Such a file
// is YAML, and it is linted as written, because that is what kubectl
// would get if it were applied unrendered; the note tells the reader why
// the placeholders themselves are refused.
func placeholderLine(data []byte) (int, string) {
	if !bytes.Contains(data, []byte("${")) {
		return 0, "" // most files: no line needs the expression
	}
	for n, line := range bytes.Split(data, []byte{'\n'}) {
		body := bytes.TrimLeft(line, " ")
		if len(body) == 0 || body[0] == '#' {
			continue
		}
		if m := shellVar.Find(line); m != nil {
			return n + 1, string(m)
		}
	}
	return 0, ""
}

// templateLine returns the first line (1-based) where a Go template action
// such as `{{ .Values.image }}` or `{{- if … }}` starts a line or a value,
// outside quotes, comments and block scalars, or 0. There YAML would read
// `{` as the start of a flow mapping, so the file is a Helm (or other Go
// template) source, not YAML until it is rendered; linting it would only
// list the template's syntax as errors. Actions inside a string, such as a
// Prometheus alert's `summary: Instance {{ $labels.instance }} down`, are
// text and do not count.
func templateLine(data []byte) int {
	block := -1 // indent of the line that opened a block scalar, -1 outside one
	for n, line := range bytes.Split(data, []byte{'\n'}) {
		line = bytes.TrimRight(line, "\r")
		body := bytes.TrimLeft(line, " ")
		indent := len(line) - len(body)
		if block >= 0 {
			if len(bytes.TrimSpace(body)) == 0 || indent > block {
				continue
			}
			block = -1
		}
		if len(body) == 0 || body[0] == '#' {
			continue
		}
		for bytes.HasPrefix(body, []byte("- ")) {
			body = bytes.TrimLeft(body[2:], " ")
		}
		if bytes.HasPrefix(body, []byte("{{")) {
			return n + 1
		}
		if opensBlock(body) {
			block = indent
			continue
		}
		value, ok := plainValue(body)
		if !ok {
			continue
		}
		if bytes.HasPrefix(value, []byte("{{")) {
			return n + 1
		}
		if opensBlock(value) {
			block = indent
		}
	}
	return 0
}

// plainValue returns what follows the first `: ` (or a final `:`) of a
// line that is not inside quotes, with any comment kept.
func plainValue(body []byte) ([]byte, bool) {
	var quote byte
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == 0 {
				quote = c
			}
		case c == '#' && i > 0 && body[i-1] == ' ':
			return nil, false
		case c == ':' && (i+1 == len(body) || body[i+1] == ' '):
			return bytes.TrimLeft(body[i+1:], " "), true
		}
	}
	return nil, false
}

// opensBlock reports a value that starts a literal or folded block scalar
// (`|`, `>-`, `|2+`…), whose lines below are text.
func opensBlock(value []byte) bool {
	if i := bytes.Index(value, []byte(" #")); i >= 0 {
		value = value[:i]
	}
	value = bytes.TrimSpace(value)
	if len(value) == 0 || (value[0] != '|' && value[0] != '>') {
		return false
	}
	for _, c := range value[1:] {
		if c != '-' && c != '+' && (c < '1' || c > '9') {
			return false
		}
	}
	return true
}
