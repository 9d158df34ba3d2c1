package terraform

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// layout is what the tf/fmt rule believes terraform fmt writes for src.
func layout(src []byte) ([]byte, bool) {
	if _, diags := hclsyntax.ParseConfig(src, "x.tf", hcl.InitialPos); diags.HasErrors() {
		return nil, false
	}
	toks, ok := quickScan(src)
	if !ok {
		raw, _ := hclsyntax.LexConfig(src, "x.tf", hcl.InitialPos)
		toks = fromHCLTokens(raw)
	}
	return canonicalFormat(src, toks), true
}

// agreesWithHclwrite holds the tf/fmt rule to hclwrite.Format, the function
// terraform fmt itself calls: the rule's own layout is faster (it reuses
// the parse's tokens) but must never disagree.
func agreesWithHclwrite(t *testing.T, name string, src []byte) bool {
	t.Helper()
	got, ok := layout(src)
	if !ok {
		return false
	}
	if want := hclwrite.Format(src); !bytes.Equal(got, want) {
		t.Errorf("%s: the fmt rule lays it out as\n%s\nbut hclwrite.Format gives\n%s", name, got, want)
	}
	return true
}

func TestFmtAgreesWithHclwrite(t *testing.T) {
	n := 0
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".tf" {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if agreesWithHclwrite(t, p, src) {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d parsable .tf files compared", n)
	}
	t.Logf("tf/fmt agrees with hclwrite.Format on %d files", n)
}

func FuzzFmtAgreesWithHclwrite(f *testing.F) {
	f.Add([]byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  tags = {\n    a = 1\n    bb = 2\n  }\n}\n"))
	f.Add([]byte("variable \"x\" {\ntype=string\n   default = \"a\" # note\n}\n"))
	f.Add([]byte("locals {\n  a = [1,2, 3]\n  b = { for k, v in var.m : k => v... }\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		agreesWithHclwrite(t, "fuzz input", src)
	})
}
