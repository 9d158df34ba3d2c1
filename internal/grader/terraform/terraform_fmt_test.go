package terraform

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iactutor/iactutor/internal/source"
)

// terraformFmt runs `terraform fmt -check -` on src and reports whether it
// parsed and whether it was already formatted. Exit status 2 means a syntax
// error, 3 means the file would be reformatted.
func terraformFmt(t *testing.T, bin string, src []byte) (parses, formatted bool) {
	t.Helper()
	cmd := exec.Command(bin, "fmt", "-check", "-no-color", "-")
	cmd.Stdin = bytes.NewReader(src)
	// An empty CLI configuration keeps terraform from warning about a
	// missing ~/.terraformrc and from touching the network.
	cfg := filepath.Join(t.TempDir(), "terraformrc")
	if err := os.WriteFile(cfg, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cfg, "CHECKPOINT_DISABLE=1")
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return true, true
	case errors.As(err, &exit) && exit.ExitCode() == 3:
		return true, false
	case errors.As(err, &exit) && exit.ExitCode() == 2:
		return false, false
	}
	t.Fatalf("terraform fmt: %v", err)
	return false, false
}

func syntaxFiles(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("testdata/syntax/*.tf")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no syntax cases: %v", err)
	}
	return paths
}

// TestSyntaxCorpusNames keeps the corpus honest without terraform: files
// named valid_* parse, invalid_* do not.
func TestSyntaxCorpusNames(t *testing.T) {
	for _, p := range syntaxFiles(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, ds := Load([]source.File{{Path: p, Data: src}}, Options{})
		parses := len(only(ds, "tf/syntax")) == 0
		if want := strings.HasPrefix(filepath.Base(p), "valid_"); parses != want {
			t.Errorf("%s: parses=%v, name says %v: %v", p, parses, want, describe(ds))
		}
	}
}

// TestSyntaxAgreesWithTerraformFmt asks the real terraform whether each file
// of the syntax corpus parses, and whether each parsing file is formatted,
// and checks iactutor says the same.
func TestSyntaxAgreesWithTerraformFmt(t *testing.T) {
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform not installed")
	}
	paths := syntaxFiles(t)
	good, _ := filepath.Glob("testdata/good/*.tf")
	paths = append(paths, good...)
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ds := Lint([]source.File{{Path: p, Data: src}}, Options{})
		parses := len(only(ds, "tf/syntax")) == 0
		tfParses, tfFormatted := terraformFmt(t, bin, src)
		if parses != tfParses {
			t.Errorf("%s: iactutor parses=%v, terraform parses=%v: %v", p, parses, tfParses, describe(ds))
			continue
		}
		if !parses || len(only(ds, "tf/interpolation-only")) > 0 {
			// terraform fmt also unwraps "${x}", which has its own rule.
			continue
		}
		formatted := len(only(ds, "tf/fmt")) == 0
		if formatted != tfFormatted {
			t.Errorf("%s: iactutor formatted=%v, terraform formatted=%v", p, formatted, tfFormatted)
		}
	}
	t.Logf("terraform fmt cross-check ran on %d files", len(paths))
}

// perturb returns a copy of src with the whitespace that terraform fmt
// normalises shuffled: indentation and the spaces around `=` and after `,`.
// Files with heredocs are returned unchanged, since their lines are content.
func perturb(src []byte, seed int) []byte {
	if bytes.Contains(src, []byte("<<")) {
		return src
	}
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		n := (seed*7 + i*3) % 5
		l = strings.Repeat(" ", n) + strings.TrimLeft(l, " ")
		switch (seed + i) % 3 {
		case 0:
			l = strings.Replace(l, " = ", "=", 1)
		case 1:
			l = strings.Replace(l, " = ", "   =  ", 1)
		}
		if seed%2 == 1 {
			l = strings.ReplaceAll(l, ", ", ",")
		}
		lines[i] = l
	}
	return []byte(strings.Join(lines, "\n"))
}

// TestFormatMatchesTerraformFmt compares the canonical layout computed here
// with terraform fmt's output, byte for byte, on the corpus and on
// whitespace-shuffled copies of it.
func TestFormatMatchesTerraformFmt(t *testing.T) {
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform not installed")
	}
	paths := syntaxFiles(t)
	good, _ := filepath.Glob("testdata/good/*.tf")
	paths = append(paths, good...)
	cfg := filepath.Join(t.TempDir(), "terraformrc")
	if err := os.WriteFile(cfg, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range paths {
		orig, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for seed := range 3 {
			src := orig
			if seed > 0 {
				src = perturb(orig, seed)
			}
			m, ds := Load([]source.File{{Path: p, Data: src}}, Options{})
			if len(only(ds, "tf/syntax")) > 0 || len(m.files) == 0 || bytes.Contains(src, []byte("\"${")) {
				continue
			}
			cmd := exec.Command(bin, "fmt", "-no-color", "-")
			cmd.Stdin = bytes.NewReader(src)
			cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cfg, "CHECKPOINT_DISABLE=1")
			want, err := cmd.Output()
			if err != nil {
				// A shuffled copy may no longer parse; that is not a format question.
				continue
			}
			// In this mode terraform also ends its output with a newline,
			// which `terraform fmt -check` does not require.
			if !bytes.HasSuffix(src, []byte("\n")) {
				want = bytes.TrimSuffix(want, []byte("\n"))
			}
			n++
			toks, _ := hclsyntax.LexConfig(src, p, hcl.InitialPos)
			if got := canonical(src, fromHCLTokens(toks)); !bytes.Equal(got, want) {
				line, col, _, exp := firstDifference(got, want)
				t.Errorf("%s (seed %d): differs from terraform fmt at %d:%d; terraform has %q", p, seed, line, col, exp)
			}
			if quick, ok := quickScan(src); ok {
				if got := canonical(src, quick); !bytes.Equal(got, want) {
					t.Errorf("%s (seed %d): quickScan tokens format differently from terraform fmt", p, seed)
				}
			}
		}
	}
	t.Logf("terraform fmt output compared on %d inputs", n)
}

// TestNonASCIIFmtMatchesTerraformFmt asks the real terraform for its
// verdict on the non-ASCII cases, where the rule defers to hclwrite.Format.
// A disagreement here means terraform was built with other Unicode tables
// than this hcl.
func TestNonASCIIFmtMatchesTerraformFmt(t *testing.T) {
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform not installed")
	}
	for _, tc := range nonASCIIFmtCases {
		src := []byte(tc.src)
		_, tfFormatted := terraformFmt(t, bin, src)
		ds := Lint([]source.File{{Path: "main.tf", Data: src}}, Options{})
		if formatted := len(only(ds, "tf/fmt")) == 0; formatted != tfFormatted {
			t.Errorf("%s: iactutor formatted=%v, terraform formatted=%v", tc.name, formatted, tfFormatted)
		}
	}
}
