package k8s

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	yaml "sigs.k8s.io/yaml/goyaml.v3"

	"github.com/iactutor/iactutor/internal/diag"
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
	yline, msg := splitYAMLError(err)
	fallback := yline
	if fallback < 1 {
		fallback = 1
	}
	line := errorLine(c, msg, fallback) + c.line - 1
	rng := lineRange(t, line)
	l := r.l
	var summary, hint string
	switch {
	case strings.Contains(msg, "tab character") || (strings.Contains(msg, "cannot start any token") && tabLine(t, c, &line)):
		if tabLine(t, c, &line) {
			rng = tabRange(t, line)
		}
		summary = l.f("YAML does not allow tabs for indentation", "YAML no admite tabuladores para sangrar")
		hint = l.f("Replace the tab at the start of this line with spaces (two per level is the usual choice).",
			"Cambia el tabulador del principio de esta línea por espacios (lo habitual son dos por nivel).")
	case strings.Contains(msg, "cannot start any token"):
		summary = l.f("This line has a character that cannot start a YAML value here", "Esta línea tiene un carácter con el que no puede empezar un valor YAML aquí")
		hint = l.f("Put the value in double quotes, for example `key: \"@value\"`.", "Pon el valor entre comillas dobles, por ejemplo `clave: \"@valor\"`.")
	case strings.Contains(msg, "did not find expected key"):
		summary = l.f("This line is not indented like the keys around it", "Esta línea no está sangrada como las claves que la rodean")
		hint = l.f("Keys of the same mapping must start in the same column; align this line with its siblings using spaces.",
			"Las claves de un mismo mapa deben empezar en la misma columna; alinea esta línea con sus hermanas usando espacios.")
	case strings.Contains(msg, "did not find expected '-' indicator"):
		summary = l.f("This line breaks the list above it", "Esta línea rompe la lista que tiene encima")
		hint = l.f("Every item of a list starts with `- ` in the same column; a key of an item must line up with the first key after its dash.",
			"Cada elemento de una lista empieza con `- ` en la misma columna; las claves de un elemento deben alinearse con la primera clave tras su guion.")
	case strings.Contains(msg, "mapping values are not allowed"):
		if col, ok := secondColon(t.line(line)); ok {
			rng = diag.Range{Filename: t.path, Start: diag.Pos{Line: line, Column: col}, End: diag.Pos{Line: line, Column: col + 1}}
		}
		summary = l.f("A colon on this line starts a key where YAML does not expect one", "Los dos puntos de esta línea abren una clave donde YAML no la espera")
		hint = l.f("If the value itself contains \": \", put it in quotes; otherwise check this line's indentation against the line above.",
			"Si el propio valor contiene \": \", ponlo entre comillas; si no, revisa la sangría de esta línea respecto a la de arriba.")
	case strings.Contains(msg, "unexpected end of stream") && quoteRange(t, line, &rng):
		summary = l.f("A quoted value is never closed", "Un valor entre comillas nunca se cierra")
		hint = l.f("Add the closing quote at the end of the value.", "Añade la comilla de cierre al final del valor.")
	case strings.Contains(msg, "expected ',' or ']'") || strings.Contains(msg, "expected ',' or '}'"):
		summary = l.f("A list in [ ] or a mapping in { } is never closed", "Una lista entre [ ] o un mapa entre { } nunca se cierra")
		hint = l.f("Close it on the same line, or write it in block style with one item per line.", "Ciérrala en la misma línea, o escríbela en estilo bloque con un elemento por línea.")
	case strings.Contains(msg, "could not find expected ':'"):
		summary = l.f("A key has no colon after it", "Una clave no lleva dos puntos detrás")
		hint = l.f("Write `key: value`, with a space after the colon.", "Escribe `clave: valor`, con un espacio tras los dos puntos.")
	case strings.HasPrefix(msg, "unknown anchor"):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		if ln, col, ok := findInChunk(t, c, "*"+name); ok {
			rng = diag.Range{Filename: t.path, Start: diag.Pos{Line: ln, Column: col}, End: diag.Pos{Line: ln, Column: col + 1 + len([]rune(name))}}
		}
		summary = l.f("The alias *%s names an anchor that is not defined before it", "El alias *%s nombra un ancla que no se define antes", clip(name))
		hint = l.f("Define `&%s` on a value above this line, or write the value out.", "Define `&%s` en un valor por encima de esta línea, o escribe el valor completo.", clip(name))
	case strings.Contains(msg, "exceeded max depth"):
		summary = l.f("This document is nested far too deeply", "Este documento está anidado a demasiada profundidad")
		hint = l.f("Kubernetes objects nest a few dozen levels at most; remove the extra nesting.", "Los objetos de Kubernetes anidan unas pocas decenas de niveles como mucho; quita el anidamiento sobrante.")
	case strings.Contains(msg, "block sequence entries are not allowed"):
		summary = l.f("A list item starts where a value was already given", "Empieza un elemento de lista donde ya se había dado un valor")
		hint = l.f("Leave the value after the key's colon empty and put the `- ` items on the following lines.", "Deja vacío el valor tras los dos puntos de la clave y pon los elementos `- ` en las líneas siguientes.")
	default:
		summary = l.f("YAML cannot read this line: %s", "YAML no puede leer esta línea: %s", clip(msg))
		hint = l.f("Check indentation (spaces only), colons after keys and matching quotes.", "Revisa la sangría (solo espacios), los dos puntos tras las claves y que las comillas cierren.")
	}
	r.add(ruleYAMLSyntax, rng, summary, hint)
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
