// Package cmdmatch decides whether a command a learner typed means the same
// as the expected one. It parses kubectl and terraform command lines into a
// normal form — flag order, short and long flag names, "--flag value" and
// "--flag=value", resource aliases and "TYPE NAME" versus "TYPE/NAME" do not
// matter — instead of comparing against a list of strings.
package cmdmatch

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
)

// Command is a parsed command line in normal form.
type Command struct {
	Program string
	// Verb is the subcommand path, e.g. ["get"], ["rollout", "status"],
	// ["create", "secret", "generic"], ["workspace", "select"].
	Verb []string
	// Args are the positional arguments, normalised ("deployments/churn-api").
	Args []string
	// Flags maps a flag's long name to its values, sorted.
	Flags map[string][]string
}

// String renders the normal form, for messages and tests.
func (c Command) String() string {
	parts := append([]string{c.Program}, c.Verb...)
	parts = append(parts, c.Args...)
	keys := make([]string, 0, len(c.Flags))
	for k := range c.Flags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range c.Flags[k] {
			if v == "" {
				parts = append(parts, "--"+k)
			} else {
				parts = append(parts, "--"+k+"="+v)
			}
		}
	}
	return strings.Join(parts, " ")
}

// Equal compares two normal forms.
func (c Command) Equal(o Command) bool { return c.String() == o.String() }

// Match reports whether given means the same command as expected. A given
// line that cannot be parsed never matches.
func Match(expected, given string) bool {
	e, err := Parse(expected)
	if err != nil {
		return false
	}
	g, err := Parse(given)
	if err != nil {
		return false
	}
	return e.Equal(g)
}

// MatchAny reports whether given is one of the expected commands: a
// question's command and the other forms it accepts.
func MatchAny(given string, expected ...string) bool {
	for _, e := range expected {
		if e != "" && Match(e, given) {
			return true
		}
	}
	return false
}

// ErrEmpty is returned for a blank line.
var ErrEmpty = errors.New("empty command")

// Parse reads a command line. A leading "$ " prompt is ignored.
func Parse(line string) (Command, error) {
	words, err := split(strings.TrimPrefix(strings.TrimSpace(line), "$ "))
	if err != nil {
		return Command{}, err
	}
	if len(words) == 0 {
		return Command{}, ErrEmpty
	}
	switch words[0] {
	case "kubectl":
		return parseKubectl(words[1:])
	case "terraform":
		return parseTerraform(words[1:])
	}
	return parseOther(words)
}

// split breaks a line into words with shell-like quoting: single quotes
// keep everything, double quotes allow \" and \\, a backslash escapes one
// character outside quotes.
func split(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unclosed ' quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unclosed \" quote")
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// flagSpec says how one program's flags read.
type flagSpec struct {
	// long maps a short name to its long name.
	short map[string]string
	// takesValue lists long names that take a value.
	takesValue map[string]bool
}

func (fs flagSpec) canonical(name string) string {
	if l, ok := fs.short[name]; ok {
		return l
	}
	return name
}

// parseArgs separates flags from positional words. Flags may come anywhere;
// "--" ends them.
func parseArgs(words []string, spec flagSpec, singleDashLong bool) (pos []string, flags map[string][]string, err error) {
	flags = map[string][]string{}
	add := func(name, val string) { flags[name] = append(flags[name], val) }
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "--":
			pos = append(pos, words[i+1:]...)
			i = len(words)
		case strings.HasPrefix(w, "--") || (singleDashLong && strings.HasPrefix(w, "-") && len(w) > 2):
			body := strings.TrimLeft(w, "-")
			name, val, hasVal := strings.Cut(body, "=")
			name = spec.canonical(name)
			if !hasVal && spec.takesValue[name] {
				if i+1 >= len(words) {
					return nil, nil, fmt.Errorf("flag %s needs a value", w)
				}
				i++
				val = words[i]
			}
			add(name, normalizeValue(name, val))
		case strings.HasPrefix(w, "-") && len(w) > 1:
			// Short flags: -n mlops, -nmlops, -n=mlops, or a bundle of
			// boolean ones such as -it.
			body := w[1:]
			for len(body) > 0 {
				name := spec.canonical(body[:1])
				rest := body[1:]
				if spec.takesValue[name] {
					val := strings.TrimPrefix(rest, "=")
					if rest == "" {
						if i+1 >= len(words) {
							return nil, nil, fmt.Errorf("flag %s needs a value", w)
						}
						i++
						val = words[i]
					}
					add(name, normalizeValue(name, val))
					break
				}
				add(name, "")
				body = rest
			}
		default:
			pos = append(pos, w)
		}
	}
	for k := range flags {
		slices.Sort(flags[k])
	}
	return pos, flags, nil
}

// pathFlags take a file or folder, which the shell and the tools read the
// same however it is spelled: k8s, k8s/ and ./k8s/ are one folder.
var pathFlags = map[string]bool{
	"filename": true, "kustomize": true, "from-file": true, "from-env-file": true,
	"var-file": true, "chdir": true, "state": true, "out": true, "backend-config": true,
}

// normalizeValue makes equal values compare equal: boolean flags written
// as "--flag=true" mean "--flag", and a path is cleaned.
func normalizeValue(name, v string) string {
	if v == "true" {
		return ""
	}
	if pathFlags[name] {
		return cleanPath(v)
	}
	return v
}

// cleanPath drops "./", doubled and trailing slashes from a local path;
// a URL, stdin ("-") or a key=path pair keeps its spelling.
func cleanPath(v string) string {
	if v == "" || v == "-" || strings.Contains(v, "://") || strings.Contains(v, "=") {
		return v
	}
	return path.Clean(v)
}

func parseOther(words []string) (Command, error) {
	pos, flags, err := parseArgs(words[1:], flagSpec{}, false)
	if err != nil {
		return Command{}, err
	}
	return Command{Program: words[0], Args: pos, Flags: flags}, nil
}
