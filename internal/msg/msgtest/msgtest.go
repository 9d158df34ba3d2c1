// Package msgtest builds message catalogs for tests. Its pseudo-language
// proves that a language is data: it is made from the English catalog
// file by file, loaded like any other, and rendered by unchanged code.
package msgtest

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/msg"
)

// PseudoLang is the tag pseudo-localization commonly uses for accented
// English (a region code reserved for private use), so plural rules come
// from English.
const PseudoLang = "en-XA"

// accents maps ASCII letters to accented look-alikes, so text that went
// through the catalog is recognisable at a glance and text that did not
// (a hard-coded English sentence) stands out.
var accents = strings.NewReplacer(
	"a", "á", "e", "é", "i", "í", "o", "ó", "u", "ú", "n", "ñ", "c", "ç", "y", "ý",
	"A", "Á", "E", "É", "I", "Í", "O", "Ó", "U", "Ú", "N", "Ñ", "C", "Ç", "Y", "Ý",
)

// Accent rewrites the words of a message and leaves alone what a program
// reads: {{…}} placeholders and `code` spans.
func Accent(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexAny(s, "{`")
		if i < 0 {
			b.WriteString(accents.Replace(s))
			break
		}
		b.WriteString(accents.Replace(s[:i]))
		s = s[i:]
		end := "`"
		if strings.HasPrefix(s, "{{") {
			end = "}}"
		} else if s[0] == '{' {
			b.WriteByte('{')
			s = s[1:]
			continue
		}
		j := strings.Index(s[1:], end)
		if j < 0 {
			b.WriteString(s)
			break
		}
		j += 1 + len(end)
		b.WriteString(s[:j])
		s = s[j:]
	}
	return "⟦" + b.String() + "⟧"
}

// WithPseudo returns the built-in catalog files plus one more file,
// PseudoLang.yaml, holding every English message accented and bracketed.
func WithPseudo() (fs.FS, error) {
	c, err := msg.Builtin()
	if err != nil {
		return nil, err
	}
	en, err := c.Messages(msg.Default)
	if err != nil {
		return nil, err
	}
	pseudo := make(map[string]string, len(en))
	for _, k := range slices.Sorted(maps.Keys(en)) {
		pseudo[k] = Accent(en[k])
	}
	body, err := yaml.Marshal(pseudo)
	if err != nil {
		return nil, fmt.Errorf("writing the pseudo-language: %w", err)
	}
	out := fstest.MapFS{PseudoLang + ".yaml": &fstest.MapFile{Data: body}}
	files := msg.Files()
	err = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		out[p] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Builtin is the built-in catalog, loaded once per test binary: tests render
// thousands of messages, and each load parses the catalog files again.
var Builtin = sync.OnceValues(msg.Builtin)

// Printer is a printer of the built-in catalog for lang, for tests that
// compare rendered text.
func Printer(t testing.TB, lang string) *msg.Printer {
	t.Helper()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Printer(lang)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// KeysInPackage checks that every key starting with prefix (for example
// "course.") written in the non-test Go files of the current folder is in
// every language of the built-in catalog. The catalog's own source scan
// sees only keys given straight to msg.New; a package that passes keys
// through helpers of its own proves them here. min guards the scan itself.
func KeysInPackage(t testing.TB, prefix string, min int) {
	t.Helper()
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`"(` + regexp.QuoteMeta(prefix) + `[a-z0-9.-]+)"`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, lang := range cat.Languages() {
		have, err := cat.Messages(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range key.FindAllStringSubmatch(string(b), -1) {
				n++
				if have[m[1]] == "" {
					t.Errorf("%s: key %s is not in the %s catalog", f, m[1], lang)
				}
			}
		}
	}
	if n < min {
		t.Fatalf("found only %d %s keys; is the scan broken?", n, prefix)
	}
}
