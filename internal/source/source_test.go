package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
)

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCollect(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "class")
	outside := filepath.Join(base, "secret.yaml")
	write(t, outside, []byte("password: x\n"))
	write(t, filepath.Join(root, "a.yaml"), []byte("kind: Pod\n"))
	write(t, filepath.Join(root, "sub", "b.yml"), []byte("kind: Service\n"))
	write(t, filepath.Join(root, "main.tf"), []byte("variable \"x\" {}\n"))
	write(t, filepath.Join(root, "notes.txt"), []byte("ignored\n"))
	write(t, filepath.Join(root, ".hidden", "c.yaml"), []byte("kind: Pod\n"))
	write(t, filepath.Join(root, "big.yaml"), []byte(strings.Repeat("#", 200)))
	write(t, filepath.Join(root, "bin.yaml"), []byte("kind: Pod\nname: a\x00b\n"))
	write(t, filepath.Join(root, "latin1.yaml"), []byte("name: caf\xe9\n"))
	if err := os.Symlink(outside, filepath.Join(root, "escape.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.yaml", filepath.Join(root, "inside.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop2.yaml", filepath.Join(root, "loop1.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop1.yaml", filepath.Join(root, "loop2.yaml")); err != nil {
		t.Fatal(err)
	}

	files, ds, err := Collect([]string{root}, Options{MaxSize: 100, Extensions: []string{".yaml", ".yml", ".tf"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		rel, _ := filepath.Rel(root, f.Path)
		got = append(got, rel)
	}
	want := "a.yaml inside.yaml main.tf sub/b.yml"
	if strings.Join(got, " ") != want {
		t.Errorf("files = %v, want %s", got, want)
	}
	refusals := map[string]string{}
	for _, d := range ds {
		if d.Severity != diag.SeverityError {
			t.Errorf("refusal %v is not an error", d)
		}
		rel, _ := filepath.Rel(root, d.Subject.Filename)
		refusals[rel] = d.Rule
	}
	wantRefused := map[string]string{
		"big.yaml":    RuleTooLarge,
		"bin.yaml":    RuleBinary,
		"latin1.yaml": RuleBinary,
		"escape.yaml": RuleLink,
		"loop1.yaml":  RuleLink,
		"loop2.yaml":  RuleLink,
	}
	for f, r := range wantRefused {
		if refusals[f] != r {
			t.Errorf("%s: rule %q, want %q (all: %v)", f, refusals[f], r, refusals)
		}
	}
	for _, d := range ds {
		if d.Rule == RuleBinary && strings.HasSuffix(d.Subject.Filename, "bin.yaml") && (d.Subject.Start.Line != 2 || d.Subject.Start.Column != 8) {
			t.Errorf("NUL byte reported at %+v, want 2:8", d.Subject.Start)
		}
	}
}

func TestCollectMissingArgument(t *testing.T) {
	if _, _, err := Collect([]string{filepath.Join(t.TempDir(), "nope")}, Options{}); err == nil {
		t.Fatal("a missing argument must be an error")
	}
}

func TestExplicitFileAnyExtension(t *testing.T) {
	p := filepath.Join(t.TempDir(), "manifest.txt")
	write(t, p, []byte("kind: Pod\n"))
	files, ds, err := Collect([]string{p}, Options{Extensions: []string{".yaml"}})
	if err != nil || len(ds) != 0 || len(files) != 1 || files[0].Path != p {
		t.Fatalf("files=%v ds=%v err=%v", files, ds, err)
	}
}

func TestUnreadableFolder(t *testing.T) {
	root := t.TempDir()
	locked := filepath.Join(root, "locked")
	write(t, filepath.Join(locked, "a.yaml"), []byte("kind: Pod\n"))
	write(t, filepath.Join(root, "ok.yaml"), []byte("kind: Pod\n"))
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	files, ds, err := Collect([]string{root}, Options{Extensions: []string{".yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	// root reads through any permission, so the refusal itself can only be
	// asserted for other users; the batch going on is asserted for all.
	if os.Geteuid() != 0 {
		if len(ds) != 1 || ds[0].Rule != RuleRead {
			t.Errorf("want one unreadable-folder diagnostic, got %v", ds)
		}
	}
	found := false
	for _, f := range files {
		found = found || strings.HasSuffix(f.Path, "ok.yaml")
	}
	if !found {
		t.Error("the readable file must still be collected")
	}
}

// TestNotUTF8Hint: bytes that are not UTF-8 without a NUL are another
// encoding, and the learner is told how to convert the file; a NUL still
// means binary, with no conversion offered.
func TestNotUTF8Hint(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		summary  string
		hint     string
		line     int
		col      int
		hintFile string
	}{
		{"latin1", "name: caf\xe9\n", "source.not-utf8", "source.not-utf8.hint", 1, 10, "f.yaml"},
		{"windows-1252 quote on line 2", "a: 1\nb: \x93x\x94\n", "source.not-utf8", "source.not-utf8.hint", 2, 4, "f.yaml"},
		{"NUL and bad bytes", "a: \xe9\x00\n", "source.binary", "", 1, 4, ""},
		{"utf-8 with BOM is text", "\ufeffa: 1\n", "", "", 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "f.yaml")
			write(t, p, []byte(tt.data))
			_, d := Read(dir, p, Options{})
			if tt.summary == "" {
				if d != nil {
					t.Fatalf("refused: %+v", d)
				}
				return
			}
			if d == nil {
				t.Fatal("accepted")
			}
			if d.Rule != RuleBinary || d.Summary.Key != tt.summary || d.Hint.Key != tt.hint {
				t.Errorf("rule %q summary %q hint %q, want %q %q %q", d.Rule, d.Summary.Key, d.Hint.Key, RuleBinary, tt.summary, tt.hint)
			}
			if d.Subject.Start.Line != tt.line || d.Subject.Start.Column != tt.col {
				t.Errorf("at %+v, want %d:%d", d.Subject.Start, tt.line, tt.col)
			}
			if tt.hintFile != "" && d.Hint.Args["File"] != tt.hintFile {
				t.Errorf("hint names %v, want %s", d.Hint.Args["File"], tt.hintFile)
			}
		})
	}
}
