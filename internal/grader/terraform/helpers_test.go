package terraform

import (
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
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
		if d.Summary == "" || d.Detail == "" {
			t.Errorf("diagnostic without summary or detail: %+v", d)
		}
	}
	return ds
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
