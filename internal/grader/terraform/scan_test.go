package terraform

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// sameTokens compares quickScan with LexConfig on src. It fails only when
// quickScan accepts the input and disagrees; refusing is always allowed.
func sameTokens(src []byte) (accepted bool, err error) {
	got, ok := quickScan(src)
	if !ok {
		return false, nil
	}
	if !isASCII(src) {
		return true, fmt.Errorf("accepted non-ASCII input")
	}
	want, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	for i := 0; i < len(got) || i < len(want); i++ {
		if i >= len(got) || i >= len(want) {
			return true, fmt.Errorf("token count %d, LexConfig has %d", len(got), len(want))
		}
		g, w := got[i], want[i]
		if g.typ != w.Type || int(g.start) != w.Range.Start.Byte || int(g.end) != w.Range.End.Byte || !bytes.Equal(src[g.start:g.end], w.Bytes) {
			return true, fmt.Errorf("token %d: got %v %q @%d-%d, LexConfig %v %q @%d-%d", i,
				g.typ, src[g.start:g.end], g.start, g.end, w.Type, w.Bytes, w.Range.Start.Byte, w.Range.End.Byte)
		}
	}
	return true, nil
}

var scanCases = []string{
	"a = 1.5e+3\nb = 1.e5\nc = 1..2\nd = 1e\ne = 0x1f\n",
	"x = a-b - c -d\ny = !a && b || c != d == e >= f <= g > h < i\nz = a ? b : c\n",
	"v = [for k, v in m : k => v...]\nw = a::b::c(1)\n",
	"s = \"plain\"\nt = \"a${b}c\"\nu = \"$$${x} %%{y} $x %x $\"\n",
	"t = \"${~ a ~}\"\nu = \"%{ if a }x%{ else }y%{ endif }\"\nv = \"${ {a = 1} }\"\n",
	"s = \"esc \\\" \\\\ \\n \\u00e9 \\$ end\"\n",
	"u = \"ñandú 🚀 über\"\n# comentario ñ\n// other\n/* block\n */\n",
	"a = 1 # trailing\r\nb = 2\r\n",
	"x = {\n  a = {\n    b = [1, 2,]\n  }\n}\n",
	"x = \"${\"${\"nested\"}\"}\"\n",
	"x = \"a\" # no newline at end",
	"#only a comment",
	"x = \"unterminated\n",
	"x = \"${a\n",
	"x = <<EOT\nheredoc\nEOT\n",
	"x = a & b\n",
	"x = é\n",
	"x = \"\\",
	"x = \"$",
	"\xef\xbb\xbfx = 1\n",
	"x = \"\x01\"\n",
	"x = a~\n",
	"x = y[*].z\n",
	"",
	"}\n}\n",
	"a = \"%{for x in y}${x}%{endfor}\"\n",
}

// TestQuickScanMatchesLexer holds quickScan to LexConfig's tokens on every
// corpus file, every rule case and the cases above.
func TestQuickScanMatchesLexer(t *testing.T) {
	var inputs [][]byte
	for _, c := range scanCases {
		inputs = append(inputs, []byte(c))
	}
	for _, pattern := range []string{"testdata/syntax/*.tf", "testdata/good/*.tf"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, b, perturb(b, 1), perturb(b, 2))
		}
	}
	for _, tc := range ruleCases {
		for _, src := range tc.files {
			inputs = append(inputs, []byte(src))
		}
	}
	for _, f := range bench2000()[:3] {
		inputs = append(inputs, f.Data)
	}
	accepted := 0
	for _, in := range inputs {
		ok, err := sameTokens(in)
		if err != nil {
			t.Errorf("%q: %v", truncate(in), err)
		}
		if ok {
			accepted++
		}
	}
	if accepted < len(inputs)*3/4 {
		t.Errorf("quickScan accepted only %d of %d inputs", accepted, len(inputs))
	}
	t.Logf("quickScan accepted %d of %d inputs", accepted, len(inputs))
}

// TestQuickScanRefusesNonASCII holds quickScan to ASCII input, the only
// input its tokens and the formatter reading them are exact for, and
// isASCII to a byte-by-byte check across its eight-byte steps.
func TestQuickScanRefusesNonASCII(t *testing.T) {
	inputs := append([]string{}, scanCases...)
	for _, s := range []string{"क्ष", "é", "\xff", "\u00a0"} {
		for _, at := range []string{
			"# %s\nx = 1\n", "// %s\n", "/* %s */\n", "x = \"%s\"\n", "x = \"a${b}%s\"\n", "x = \"\\%s\"\n",
			"x = 1\n%s", "x = a%s\n", "x = \"%%{if a}%s%%{endif}\"\n",
		} {
			inputs = append(inputs, fmt.Sprintf(at, s))
		}
	}
	for _, in := range inputs {
		naive := true
		for i := 0; i < len(in); i++ {
			naive = naive && in[i] < 0x80
		}
		for cut := range min(len(in), 9) {
			b := []byte(in[cut:])
			want := true
			for _, c := range b {
				want = want && c < 0x80
			}
			if got := isASCII(b); got != want {
				t.Errorf("isASCII(%q) = %v", b, got)
			}
		}
		if _, ok := quickScan([]byte(in)); ok && !naive {
			t.Errorf("quickScan accepted non-ASCII %q", in)
		}
	}
}

func truncate(b []byte) string {
	if len(b) > 120 {
		return string(b[:120]) + "…"
	}
	return string(b)
}

// FuzzQuickScan is a differential fuzz target: whenever quickScan accepts
// an input, its tokens must equal LexConfig's.
func FuzzQuickScan(f *testing.F) {
	addSeeds(f)
	for _, c := range scanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := sameTokens(data); err != nil {
			t.Fatal(err)
		}
	})
}

// validIdentifier (structure.go) shares isIdentStart and isDigit with
// quickScan, and must agree with hcl's own check.
var identifierCases = []string{
	"", "a", "_", "-", "a-b", "a_b", "A1", "1a", "a.b", "a b", "ñandú", "é1", "a\x00",
	"web-server", "aws_instance", "x-", "_1", "a$", "日本", "a\u0301", "\xff",
}

func TestValidIdentifierMatchesHCL(t *testing.T) {
	for _, s := range identifierCases {
		if got, want := validIdentifier(s), hclsyntax.ValidIdentifier(s); got != want {
			t.Errorf("validIdentifier(%q) = %v, hcl says %v", s, got, want)
		}
	}
}

func FuzzValidIdentifier(f *testing.F) {
	for _, s := range identifierCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validIdentifier(s), hclsyntax.ValidIdentifier(s); got != want {
			t.Fatalf("validIdentifier(%q) = %v, hcl says %v", s, got, want)
		}
	})
}
