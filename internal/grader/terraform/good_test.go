package terraform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iactutor/iactutor/internal/source"
)

func readDir(t testing.TB, dir string) []source.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	var files []source.File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, source.File{Path: filepath.Base(p), Data: b})
	}
	return files
}

// TestGoodModuleIsClean proves a production-grade module gets no diagnostic
// at all, even with production rules on.
func TestGoodModuleIsClean(t *testing.T) {
	files := readDir(t, "testdata/good")
	if len(files) == 0 {
		t.Fatal("no files in testdata/good")
	}
	for _, lang := range []string{"en", "es"} {
		ds := Lint(files, Options{Production: true, Lang: lang})
		for _, d := range ds {
			t.Errorf("%s: unexpected %s %s: %s (%s)", lang, place(d), d.Rule, d.Summary, d.Hint)
		}
	}
}
