package msg

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseEntries reads a catalog file into key → string or plural map, as
// yaml.Unmarshal into map[string]any would, but quickly: every start of
// the program reads a catalog of thousands of lines, and a general YAML
// parser spends milliseconds on it. Nearly every line is `key: "text"`
// with simple escapes; those are read directly. Any other entry (plural
// forms, other quoting, a value spread over lines) goes, with its
// continuation lines, to the YAML parser, so the file's meaning is always
// YAML's. A key given twice is an error either way, as it is for YAML.
func parseEntries(b []byte) (map[string]any, error) {
	out := map[string]any{}
	line := map[string]int{}
	var rest bytes.Buffer
	restLines := []int{} // file line of each line in rest
	inRest := false
	for n, l := range bytes.Split(b, []byte("\n")) {
		s := strings.TrimRight(string(l), " \t\r")
		if s == "" || strings.HasPrefix(s, "#") {
			if inRest {
				rest.WriteString("\n")
				restLines = append(restLines, n+1)
			}
			continue
		}
		if s[0] == ' ' || s[0] == '\t' {
			if !inRest {
				return nil, fmt.Errorf("line %d: indented line outside an entry", n+1)
			}
			rest.WriteString(s + "\n")
			restLines = append(restLines, n+1)
			continue
		}
		if k, v, ok := simpleEntry(s); ok {
			inRest = false
			if prev, dup := line[k]; dup {
				return nil, fmt.Errorf("line %d: key %q already defined at line %d", n+1, k, prev)
			}
			line[k] = n + 1
			out[k] = v
			continue
		}
		inRest = true
		rest.WriteString(s + "\n")
		restLines = append(restLines, n+1)
	}
	if rest.Len() == 0 {
		return out, nil
	}
	var raw map[string]any
	if err := yaml.Unmarshal(rest.Bytes(), &raw); err != nil {
		return nil, fmt.Errorf("%w (lines handed to the YAML parser: %d to %d)", err, restLines[0], restLines[len(restLines)-1])
	}
	for k, v := range raw {
		if prev, dup := line[k]; dup {
			return nil, fmt.Errorf("key %q already defined at line %d", k, prev)
		}
		out[k] = v
	}
	return out, nil
}

// simpleEntry reads `key: "text"` where the key is a plain word of
// letters, digits and . _ - / and the text uses no escape but \" \\ \n
// and \t; it reports false for anything else.
func simpleEntry(s string) (key, val string, ok bool) {
	i := strings.Index(s, ": \"")
	if i <= 0 {
		return "", "", false
	}
	key = s[:i]
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/", r)) {
			return "", "", false
		}
	}
	body := s[i+3:]
	var b strings.Builder
	for j := 0; j < len(body); j++ {
		c := body[j]
		switch c {
		case '"':
			tail := strings.TrimLeft(body[j+1:], " \t")
			if tail != "" && !strings.HasPrefix(tail, "#") {
				return "", "", false
			}
			return key, b.String(), true
		case '\\':
			if j+1 >= len(body) {
				return "", "", false
			}
			j++
			switch body[j] {
			case '"', '\\':
				b.WriteByte(body[j])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				return "", "", false
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", "", false // no closing quote on this line
}
