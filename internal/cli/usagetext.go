package cli

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// usagePattern is one English usage error from cobra, pflag or this package
// and its Spanish wording; the submatches fill the verbs of es in order.
type usagePattern struct {
	re *regexp.Regexp
	es string
}

// usagePatterns cover every error cobra and pflag give for a mistyped
// command line, plus checkFormat's. Cobra's "Did you mean this?" block is
// kept, translated, after the first line. They are compiled on the first
// Spanish usage error, not at every start.
var usagePatterns = sync.OnceValue(func() []usagePattern {
	src := []struct{ re, es string }{
		{`^unknown command "(.*)" for "(.*)"$`, "la orden %q no existe en %q"},
		{`^unknown flag: (.*)$`, "la opción %s no existe"},
		{`^unknown shorthand flag: '(.*)' in (.*)$`, "la opción corta '%s' no existe (en %s)"},
		{`^flag needs an argument: '(.*)' in (.*)$`, "la opción '%s' necesita un valor (en %s)"},
		{`^flag needs an argument: (.*)$`, "la opción %s necesita un valor"},
		{`^invalid argument "(.*)" for "(.*)" flag: (.*)$`, "valor no válido %q para la opción %s: %s"},
		{`^invalid argument "(.*)" for "(.*)"$`, "argumento no válido %q para %q"},
		{`^requires at least (\d+) arg\(s\), only received (\d+)$`, "necesita al menos %s argumento(s) y recibió %s"},
		{`^accepts at most (\d+) arg\(s\), received (\d+)$`, "admite como mucho %s argumento(s) y recibió %s"},
		{`^accepts (\d+) arg\(s\), received (\d+)$`, "admite %s argumento(s) y recibió %s"},
		{`^accepts between (\d+) and (\d+) arg\(s\), received (\d+)$`, "admite entre %s y %s argumentos y recibió %s"},
		{`^required flag\(s\) (.*) not set$`, "faltan opciones obligatorias: %s"},
		{`^unknown format "(.*)" \(valid: (.*)\)$`, "formato desconocido %q (válidos: %s)"},
	}
	out := make([]usagePattern, len(src))
	for i, p := range src {
		out[i] = usagePattern{regexp.MustCompile(p.re), p.es}
	}
	return out
})

// localizeUsage gives a usage error in the learner's language. Cobra and
// pflag word theirs in English only; a message this package already wrote
// in Spanish, or one no pattern knows, is returned unchanged.
func localizeUsage(msg, lang string) string {
	if lang != "es" {
		return msg
	}
	first, rest, _ := strings.Cut(msg, "\n")
	for _, p := range usagePatterns() {
		m := p.re.FindStringSubmatch(first)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, s := range m[1:] {
			args[i] = s
		}
		out := fmt.Sprintf(p.es, args...)
		if rest != "" {
			out += "\n" + strings.Replace(rest, "Did you mean this?", "¿Quisiste decir esto?", 1)
		}
		return out
	}
	return msg
}
