package cli

import (
	"strings"
	"testing"
)

func TestLocalizeUsage(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`unknown command "frob" for "iactutor"`, `la orden "frob" no existe en "iactutor"`},
		{"unknown command \"lesons\" for \"iactutor\"\n\nDid you mean this?\n\tlesson\n", "la orden \"lesons\" no existe en \"iactutor\"\n\n¿Quisiste decir esto?\n\tlesson\n"},
		{"unknown flag: --bogus", "la opción --bogus no existe"},
		{"unknown shorthand flag: 'z' in -z", "la opción corta 'z' no existe (en -z)"},
		{"flag needs an argument: 'd' in -d", "la opción 'd' necesita un valor (en -d)"},
		{"flag needs an argument: --dir", "la opción --dir necesita un valor"},
		{`invalid argument "x" for "--jobs" flag: bad`, `valor no válido "x" para la opción --jobs: bad`},
		{`invalid argument "x" for "iactutor course"`, `argumento no válido "x" para "iactutor course"`},
		{"requires at least 1 arg(s), only received 0", "necesita al menos 1 argumento(s) y recibió 0"},
		{"accepts at most 1 arg(s), received 2", "admite como mucho 1 argumento(s) y recibió 2"},
		{"accepts 1 arg(s), received 3", "admite 1 argumento(s) y recibió 3"},
		{"accepts between 1 and 2 arg(s), received 3", "admite entre 1 y 2 argumentos y recibió 3"},
		{`required flag(s) "out" not set`, `faltan opciones obligatorias: "out"`},
		{`unknown format "xml" (valid: text, json)`, `formato desconocido "xml" (válidos: text, json)`},
		{"no hay ninguna lección \"x\"", "no hay ninguna lección \"x\""},
		{"something new", "something new"},
	} {
		if got := localizeUsage(c.in, "es"); got != c.want {
			t.Errorf("localizeUsage(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := localizeUsage(c.in, "en"); got != c.in {
			t.Errorf("English must pass through: %q became %q", c.in, got)
		}
	}
}

// TestSpanishUsageErrors runs mistyped command lines in Spanish: the message
// and the closing advice are in Spanish and the exit status stays 2.
func TestSpanishUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--lang", "es", "frob"}, `la orden "frob" no existe`},
		{[]string{"--lang", "es", "lint"}, "necesita al menos 1 argumento(s)"},
		{[]string{"--lang", "es", "lint", "--bogus", "x"}, "la opción --bogus no existe"},
		{[]string{"--lang", "es", "lesson", "nope"}, `no hay ninguna lección "nope"`},
		{[]string{"--lang", "es", "glossary", "hpz"}, `el glosario no tiene "hpz"; ¿quisiste decir "hpa"?`},
		{[]string{"--lang", "es", "explain", "k8s/nope"}, `no hay ninguna regla "k8s/nope"`},
		{[]string{"--lang", "es", "list", "--format", "xml"}, `formato desconocido "xml"`},
		{[]string{"frob"}, `unknown command "frob"`},
	} {
		_, stderr, code := runCLI(t, nil, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	_, stderr, _ := runCLI(t, map[string]string{"LANG": "es_AR.UTF-8"}, "frob")
	if !strings.Contains(stderr, "Ejecuta 'iactutor --help'") {
		t.Errorf("LANG=es_AR must give the Spanish advice: %q", stderr)
	}
}
