package k8s

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/msg/msgtest"
	"github.com/iactutor/iactutor/internal/source"
)

// langs are the languages every message must render in.
var langs = []string{"en", "es"}

var builtin = msgtest.Builtin

// printer renders diagnostics in lang with the shipped catalog, so tests
// assert the words a learner reads.
func printer(tb testing.TB, lang string) *msg.Printer {
	tb.Helper()
	cat, err := builtin()
	if err != nil {
		tb.Fatal(err)
	}
	p, err := cat.Printer(lang)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func replace(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic(fmt.Sprintf("test input lacks %q", old))
	}
	return strings.Replace(s, old, new, 1)
}

func remove(s, old string) string { return replace(s, old, "") }

func hpa(kind, name string, min, max int) string {
	return fmt.Sprintf(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: churn-api
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: %s
    name: %s
  minReplicas: %d
  maxReplicas: %d
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`, kind, name, min, max)
}

// filesOf turns a case's files into source files in name order.
func filesOf(m map[string]string) []source.File {
	var out []source.File
	for _, name := range sortedKeys(m) {
		out = append(out, source.File{Path: name, Data: []byte(m[name])})
	}
	return out
}

// where formats a diagnostic's place and severity as the cases write it.
func where(d diag.Diagnostic, withFile bool) string {
	s := fmt.Sprintf("%d:%d-%d:%d %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Subject.End.Line, d.Subject.End.Column, d.Severity)
	if withFile {
		s = d.Subject.Filename + " " + s
	}
	return s
}

func TestRules(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			ds := Lint(filesOf(tc.files), Options{Complete: tc.complete})
			var got []string
			for _, d := range ds {
				if d.Rule == tc.rule {
					got = append(got, where(d, len(tc.files) > 1))
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
				p := printer(t, "en")
				for _, d := range ds {
					t.Logf("  %s %s: %s (hint: %s)", where(d, true), d.Rule, p.Text(d.Summary), p.Text(d.Hint))
				}
			}
		})
	}
}

// TestEveryRuleHasCases makes sure each rule is shown firing and staying
// silent.
func TestEveryRuleHasCases(t *testing.T) {
	fails, passes := map[string]bool{}, map[string]bool{}
	for _, tc := range ruleCases {
		if len(tc.want) > 0 {
			fails[tc.rule] = true
		} else {
			passes[tc.rule] = true
		}
	}
	for _, r := range Rules() {
		if !fails[r.ID] {
			t.Errorf("rule %s has no failing case", r.ID)
		}
		if !passes[r.ID] {
			t.Errorf("rule %s has no passing case", r.ID)
		}
	}
}

// TestEmittedRulesAreCatalogued runs every case and checks that each
// diagnostic names a catalogued rule and carries text in every language.
func TestEmittedRulesAreCatalogued(t *testing.T) {
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
	}
	for _, tc := range ruleCases {
		for _, d := range Lint(filesOf(tc.files), Options{Complete: tc.complete}) {
			if !known[d.Rule] {
				t.Errorf("%s: rule %q is not in Rules()", tc.name, d.Rule)
			}
			if d.Severity == diag.SeverityInvalid || d.Subject.Start.Line < 1 {
				t.Errorf("%s: incomplete diagnostic %+v", tc.name, d)
			}
			for _, lang := range langs {
				p := printer(t, lang)
				if p.Text(d.Summary) == "" || p.Text(d.Detail) == "" {
					t.Errorf("%s: incomplete %s diagnostic %+v", tc.name, lang, d)
				}
			}
		}
	}
}

// TestKindSuggestions: a misspelt kind gets the built-in kind it is closest
// to, in a built-in group and in a custom one alike.
func TestKindSuggestions(t *testing.T) {
	p := printer(t, "en")
	for _, tc := range []struct{ doc, hint string }{
		{"apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: a\n", "Did you mean `Deployment`?"},
		{"apiVersion: example.com/v1\nkind: Deploymnet\nmetadata:\n  name: a\n", "If you meant the built-in Deployment, use `apiVersion: apps/v1` and `kind: Deployment`."},
	} {
		ds := Lint(filesOf(one(tc.doc)), Options{})
		var hints []string
		for _, d := range ds {
			hints = append(hints, p.Text(d.Hint))
		}
		if !slices.Contains(hints, tc.hint) {
			t.Errorf("%q: hints %q, want %q", tc.doc, hints, tc.hint)
		}
	}
}
