package terraform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iactutor/iactutor/internal/msg"
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
	p := printerFor(msg.Default)
	for _, d := range Lint(files, Options{Production: true}) {
		t.Errorf("unexpected %s %s: %s (%s)", place(d), d.Rule, p.Text(d.Summary), p.Text(d.Hint))
	}
}
