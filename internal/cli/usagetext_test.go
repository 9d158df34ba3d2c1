package cli

import (
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/msg"
)

// printers returns the built-in catalog's English and Spanish printers.
func printers(t *testing.T) (en, es *msg.Printer) {
	t.Helper()
	c, err := msg.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if en, err = c.Printer("en"); err != nil {
		t.Fatal(err)
	}
	if es, err = c.Printer("es"); err != nil {
		t.Fatal(err)
	}
	return en, es
}

func TestLocalizeUsage(t *testing.T) {
	en, es := printers(t)
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
		{"bad flag syntax: ---x", "sintaxis de opción incorrecta: ---x"},
		{"no hay ninguna lección \"x\"", "no hay ninguna lección \"x\""},
		{"something new", "something new"},
	} {
		if got := localizeUsage(es, c.in); got != c.want {
			t.Errorf("localizeUsage(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := localizeUsage(en, c.in); got != c.in {
			t.Errorf("English must come out as cobra wrote it: %q became %q", c.in, got)
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
		{[]string{"--lang", "es", "list", "--format", "xml"}, `formato desconocido "xml" (válidos: text, json)`},
		{[]string{"--lang", "es", "lint", "--format"}, "la opción --format necesita un valor"},
		{[]string{"--lang", "es", "grade", "--jobs", "x", "."}, `valor no válido "x" para la opción --jobs: `},
		{[]string{"--lang", "es", "lesson", "a", "b"}, "admite 1 argumento(s) y recibió 2"},
		{[]string{"frob"}, `unknown command "frob"`},
		{[]string{"list", "--format", "xml"}, `unknown format "xml" (valid: text, json)`},
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

// TestLangFlag: --lang takes exactly the languages that have a catalog and
// names them otherwise, in the environment's language; an environment
// asking for a language without one falls back to English silently.
func TestLangFlag(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"--lang", "fr", "list"}, `iactutor: no catalog for language "fr"; available: en, es` + "\n"},
		{nil, []string{"--lang=fr", "--help"}, `iactutor: no catalog for language "fr"; available: en, es` + "\n"},
		{map[string]string{"LANG": "es_ES.UTF-8"}, []string{"list", "--lang", "fr"}, `iactutor: no hay catálogo para el idioma "fr"; disponibles: en, es` + "\n"},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8"}, []string{"--lang", "EN", "version"}, `iactutor: no catalog for language "EN"; available: en, es` + "\n"},
	} {
		out, stderr, code := runCLI(t, c.env, c.args...)
		if code != ExitUsage || out != "" || stderr != c.want {
			t.Errorf("%v %v: exit %d, stdout %q, stderr %q; want 2 and %q", c.env, c.args, code, out, stderr, c.want)
		}
	}
	// An unsupported LANG is English, without a word about it.
	out, stderr, code := runCLI(t, map[string]string{"LANG": "fr_FR.UTF-8"}, "explain", "k8s/selector-mismatch")
	if code != 0 || stderr != "" || !strings.Contains(out, "Why it matters") {
		t.Errorf("LANG=fr: exit %d, stderr %q\n%s", code, stderr, out)
	}
	// LC_ALL wins over LANG, and --lang over both.
	out, _, _ = runCLI(t, map[string]string{"LC_ALL": "es_AR.UTF-8", "LANG": "en_US.UTF-8"}, "explain", "k8s/selector-mismatch")
	if !strings.Contains(out, "Por qué importa") {
		t.Errorf("LC_ALL=es_AR must give Spanish:\n%s", out)
	}
	out, _, _ = runCLI(t, map[string]string{"LC_ALL": "es_AR.UTF-8"}, "--lang", "en", "explain", "k8s/selector-mismatch")
	if !strings.Contains(out, "Why it matters") {
		t.Errorf("--lang en must win over LC_ALL:\n%s", out)
	}
}

// TestSpanishHelp: the help of the tree, cobra's own parts included, is in
// the language --lang or the environment names.
func TestSpanishHelp(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want []string
	}{
		{nil, []string{"--lang", "es", "--help"}, []string{"Uso:\n  iactutor [opciones]\n  iactutor [orden]\n", "Órdenes disponibles:", "  lint        Revisa archivos YAML", "Opciones:", "ayuda de iactutor", `Usa "iactutor [orden] --help"`}},
		{nil, []string{"--lang", "es", "lint", "--help"}, []string{"Revisa archivos .yaml", "iactutor lint PATH... [opciones]", `formato de salida: text o json (por defecto: "text")`, "Opciones globales:", "idioma: en o es"}},
		{map[string]string{"LANG": "es_MX.UTF-8"}, []string{"grade", "-h"}, []string{"(por defecto: 10s)", "calificar N entregas a la vez"}},
		{nil, []string{"--help"}, []string{"Usage:\n  iactutor [flags]\n  iactutor [command]\n", "Available Commands:", "language: en or es (default from LC_ALL", `Use "iactutor [command] --help" for more information about a command.`}},
	} {
		out, stderr, code := runCLI(t, c.env, c.args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", c.args, code, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: help lacks %q:\n%s", c.args, w, out)
			}
		}
	}
}
