package msg

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// goSources returns the non-test Go files of the module's internal/ and
// cmd/ folders, by path relative to the module root.
func goSources(t *testing.T) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..")
	out := map[string]string{}
	for _, dir := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			out[filepath.ToSlash(rel)] = string(b)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestNoLanguageBranches keeps every language decision in the catalog: Go
// code outside this package never compares a language code or keys a table
// by one.
func TestNoLanguageBranches(t *testing.T) {
	bad := regexp.MustCompile(`(?i)(==|!=)\s*"(en|es)"|"(en|es)"\s*(==|!=)|"(en|es)"\s*:\s*[{"]|case\s+"(en|es)"`)
	for name, src := range goSources(t) {
		if strings.HasPrefix(name, "internal/msg/") {
			continue
		}
		for i, line := range strings.Split(src, "\n") {
			if bad.MatchString(line) {
				t.Errorf("%s:%d: a language decision outside the catalog: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// TestKeysInCodeExist: every key written literally in Go (msg.New("…") or a
// printer's S("…")) is in the default catalog, so no learner ever sees a
// bracketed key.
func TestKeysInCodeExist(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	en, err := c.Messages(Default)
	if err != nil {
		t.Fatal(err)
	}
	use := regexp.MustCompile(`(?:msg\.New|\bNew|\.S)\(\s*"([a-z0-9][a-z0-9_./-]*)"`)
	n := 0
	for name, src := range goSources(t) {
		for _, m := range use.FindAllStringSubmatchIndex(src, -1) {
			key := src[m[2]:m[3]]
			n++
			if _, ok := en[key]; !ok && !strings.HasSuffix(key, ".") {
				line := strings.Count(src[:m[0]], "\n") + 1
				t.Errorf("%s:%d: key %q is not in the catalog", name, line, key)
			}
		}
	}
	if n < 10 {
		t.Fatalf("found only %d keys in code; is the scan broken?", n)
	}
}
