package terraform

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/msg/msgtest"
	"github.com/iactutor/iactutor/internal/source"
)

// seenRules records every rule ID emitted by any test, so TestEmittedRulesAreCatalogued
// can prove the catalogue covers them.
var seenRules sync.Map

// lint runs Lint on files given as name → content (sorted by name) and
// records the rules seen.
func lint(t *testing.T, files map[string]string, opt Options) diag.Diagnostics {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var sf []source.File
	for _, n := range names {
		sf = append(sf, source.File{Path: n, Data: []byte(files[n])})
	}
	ds := Lint(sf, opt)
	for _, d := range ds {
		seenRules.Store(d.Rule, true)
		if d.Severity == diag.SeverityInvalid {
			t.Errorf("diagnostic without severity: %+v", d)
		}
		checkRendered(t, d)
	}
	return ds
}

// builtinCatalog is the shipped catalog, parsed once for all tests.
var builtinCatalog = msgtest.Builtin

// printerFor renders in lang with the shipped catalog. A catalog that does
// not load is a broken build, not a test input, hence the panic.
func printerFor(lang string) *msg.Printer {
	c, err := builtinCatalog()
	if err != nil {
		panic(err)
	}
	p, err := c.Printer(lang)
	if err != nil {
		panic(err)
	}
	return p
}

// languages lists every language of the shipped catalog.
func languages() []string {
	c, err := builtinCatalog()
	if err != nil {
		panic(err)
	}
	return c.Languages()
}

// render returns what a learner reads for a diagnostic in p's language.
func render(p *msg.Printer, d diag.Diagnostic) (summary, detail, hint string) {
	return p.Text(d.Summary), p.Text(d.Detail), p.Text(d.Hint)
}

// checkRendered renders d in every language and fails on text that a
// missing key ("[tf.…]") or a missing argument ("<no value>") leaves
// behind, and on an English summary or detail that says nothing.
func checkRendered(t testing.TB, d diag.Diagnostic) {
	t.Helper()
	for _, lang := range languages() {
		summary, detail, hint := render(printerFor(lang), d)
		for _, s := range []string{summary, detail, hint} {
			if strings.Contains(s, "[tf.") || strings.Contains(s, "<no value>") {
				t.Errorf("%s %s %s renders as %q", lang, place(d), d.Rule, s)
			}
		}
		if lang == msg.Default && (summary == "" || detail == "") {
			t.Errorf("%s %s: diagnostic without summary or detail: %q / %q", place(d), d.Rule, summary, detail)
		}
	}
}

// where formats a diagnostic's place as file:L:C-L:C.
func place(d diag.Diagnostic) string {
	return fmt.Sprintf("%s:%d:%d-%d:%d", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Subject.End.Line, d.Subject.End.Column)
}

// only keeps the diagnostics of one rule.
func only(ds diag.Diagnostics, rule string) diag.Diagnostics {
	var out diag.Diagnostics
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}

func places(ds diag.Diagnostics) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, place(d))
	}
	return out
}

func rulesOf(ds diag.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		if !slices.Contains(out, d.Rule) {
			out = append(out, d.Rule)
		}
	}
	sort.Strings(out)
	return out
}

func readFiles(files map[string]string) []source.File {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var sf []source.File
	for _, n := range names {
		sf = append(sf, source.File{Path: n, Data: []byte(files[n])})
	}
	return sf
}
