package k8s

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/msg"
)

// unreached are catalog keys no input can produce today; every other k8s.*
// key must be rendered by TestMessagesRender, so a message whose arguments
// do not match its text cannot hide.
var unreached = map[string]string{
	"k8s.expected.number":         "no built-in kind has a floating-point field",
	"k8s.expected.something-else": "every Go kind a built-in field has is named",
	"k8s.value.empty":             "a null value is never reported as the wrong type",
	"k8s.value.something-else":    "scalarValue returns only the types describe names",
}

// testInputs is every input the package's tests lint: each testdata file on
// its own (mistakes.yaml holds one document per message) and every rule case.
func testInputs(t *testing.T) []ruleCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	var out []ruleCase
	for _, p := range paths {
		name := filepath.Base(p)
		out = append(out, ruleCase{name: name, files: map[string]string{name: readTestdata(t, name)}})
	}
	return append(out, ruleCases...)
}

// TestMessagesRender renders every diagnostic of the test inputs in every
// language. A key missing from a catalog renders as "[k8s.…]", and a
// placeholder the message names but the code does not fill as "<no value>".
func TestMessagesRender(t *testing.T) {
	rendered := map[string]bool{}
	for _, tc := range testInputs(t) {
		for _, complete := range []bool{false, true} {
			for _, d := range Lint(filesOf(tc.files), Options{Complete: complete}) {
				for _, lang := range langs {
					p := printer(t, lang)
					for _, tx := range []msg.Text{d.Summary, d.Detail, d.Hint} {
						collectKeys(tx, rendered)
						s := p.Text(tx)
						if strings.Contains(s, "[k8s.") || strings.Contains(s, "<no value>") {
							t.Errorf("%s: %s %s renders %s as %q", tc.name, lang, where(d, true), tx.Key, s)
						}
					}
				}
			}
		}
	}
	cat, err := builtin()
	if err != nil {
		t.Fatal(err)
	}
	en, err := cat.Messages("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range sortedKeys(en) {
		if strings.HasPrefix(k, "k8s.") && !rendered[k] && unreached[k] == "" {
			t.Errorf("no test input renders %s; add a document to testdata/mistakes.yaml", k)
		}
	}
}

// TestCatalogLanguagesAgree checks that each k8s.* message exists in every
// language with the same placeholders.
func TestCatalogLanguagesAgree(t *testing.T) {
	cat, err := builtin()
	if err != nil {
		t.Fatal(err)
	}
	byLang := map[string]map[string]string{}
	for _, lang := range langs {
		m, err := cat.Messages(lang)
		if err != nil {
			t.Fatal(err)
		}
		byLang[lang] = m
	}
	for _, lang := range langs[1:] {
		for _, k := range sortedKeys(byLang["en"]) {
			if !strings.HasPrefix(k, "k8s.") {
				continue
			}
			other, ok := byLang[lang][k]
			if !ok {
				t.Errorf("%s: no %s text", k, lang)
				continue
			}
			if a, b := placeholders(byLang["en"][k]), placeholders(other); !slices.Equal(a, b) {
				t.Errorf("%s: placeholders %v in en, %v in %s", k, a, b, lang)
			}
		}
		for _, k := range sortedKeys(byLang[lang]) {
			if _, ok := byLang["en"][k]; strings.HasPrefix(k, "k8s.") && !ok {
				t.Errorf("%s: only in %s", k, lang)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

func collectKeys(tx msg.Text, keys map[string]bool) {
	if tx.Key != "" {
		keys[tx.Key] = true
	}
	for _, a := range tx.Args {
		if at, ok := a.(msg.Text); ok {
			collectKeys(at, keys)
		}
	}
}
