package terraform

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/iactutor/iactutor/internal/source"
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
	return canonical(src, toks), true
}

// agreesWithHclwrite holds the tf/fmt rule to hclwrite.Format, the function
// terraform fmt itself calls: the rule's own layout of ASCII files is faster
// (it reuses the tokens quickScan already has) but must never disagree.
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

// nonASCIIFmtCases are files with text outside ASCII. hclwrite aligns `=`
// and comments by grapheme clusters, and whether "क्ष" is one cluster or two
// depends on the Unicode version hcl segments with, so the rule must hand
// these files to hclwrite.Format rather than count anything itself. want is
// the verdict where no Unicode version can change it ("" where it can).
var nonASCIIFmtCases = []struct {
	name, src, want string
}{
	{"comment, formatted", "# क्ष é\nvariable \"region\" {\n  type    = string\n  default = \"eu-west-1\" # région\n}\n", "formatted"},
	{"string, formatted", "locals {\n  word = \"क्ष\"\n  café = \"é\"\n}\n", "formatted"},
	{"comment, indented wrong", "locals {\n# क्ष\n    a = 1 # é\n}\n", "unformatted"},
	{"string, spaced wrong", "locals {\n  a   =  \"é\"\n}\n", "unformatted"},
	{"identifier narrower than its bytes", "locals {\n  é  = 1\n  ab = 2\n}\n", "formatted"},
	{"identifier aligned by bytes", "locals {\n  é = 1\n  ab = 2\n}\n", "unformatted"},
	{"decomposed accent aligned by clusters", "locals {\n  e\u0301  = 1\n  ab = 2\n}\n", "formatted"},
	{"comments after a conjunct", "locals {\n  a = \"क्ष\" # one\n  b = \"ab\" # two\n}\n", ""},
	{"comments after a conjunct, other column", "locals {\n  a = \"क्ष\"  # one\n  b = \"ab\" # two\n}\n", ""},
	{"keys after a conjunct", "locals {\n  m = {\n    \"क्ष\" = 1\n    \"abc\" = 2\n  }\n}\n", ""},
	{"keys after a conjunct, other column", "locals {\n  m = {\n    \"क्ष\"  = 1\n    \"abc\" = 2\n  }\n}\n", ""},
	{"heredoc", "locals {\n  s = <<EOT\n  क्ष é\nEOT\n  t     = 1\n}\n", "unformatted"},
}

// TestNonASCIIFmtVerdictIsHclwrites lints each case and requires the tf/fmt
// verdict, and the line it points at, to be hclwrite.Format's.
func TestNonASCIIFmtVerdictIsHclwrites(t *testing.T) {
	verdicts := map[bool]int{}
	for _, tc := range nonASCIIFmtCases {
		src := []byte(tc.src)
		if _, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos); diags.HasErrors() {
			t.Fatalf("%s: does not parse: %s", tc.name, diags.Error())
		}
		if isASCII(src) {
			t.Fatalf("%s: is ASCII", tc.name)
		}
		want := hclwrite.Format(src)
		formatted := bytes.Equal(want, src)
		verdicts[formatted]++
		if tc.want != "" && formatted != (tc.want == "formatted") {
			t.Errorf("%s: hclwrite.Format says formatted=%v, the case says %s", tc.name, formatted, tc.want)
		}
		fd := only(Lint([]source.File{{Path: "main.tf", Data: src}}, Options{}), "tf/fmt")
		if got := len(fd) == 0; got != formatted {
			t.Errorf("%s: tf/fmt says formatted=%v, hclwrite.Format says %v; hclwrite writes\n%s", tc.name, got, formatted, want)
			continue
		}
		if !formatted {
			line, _, _, _ := firstDifference(src, want)
			if fd[0].Subject.Start.Line != line {
				t.Errorf("%s: tf/fmt points at line %d, hclwrite.Format first differs at line %d", tc.name, fd[0].Subject.Start.Line, line)
			}
		}
	}
	if verdicts[true] == 0 || verdicts[false] == 0 {
		t.Errorf("the cases need both verdicts, got %v", verdicts)
	}
}
