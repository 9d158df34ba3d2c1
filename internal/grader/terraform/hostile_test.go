package terraform

import (
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/source"
)

// hostileInputs are inputs near the 1 MiB file cap that stress recursion
// and quadratic paths.
func hostileInputs() map[string]string {
	const size = 1 << 20
	return map[string]string{
		"long sum":              "locals {\n  x = " + strings.Repeat("1+", size/2-10) + "1\n}\n",
		"unary chain":           "locals {\n  x = " + strings.Repeat("!", size-20) + "true\n}\n",
		"nested conditionals":   "locals {\n  x = " + strings.Repeat("a ? b : ", size/8-10) + "c\n}\n",
		"deep brackets":         "locals {\n  x = " + strings.Repeat("[", size/2-10) + strings.Repeat("]", size/2-10) + "\n}\n",
		"deep templates":        "locals {\n  x = " + strings.Repeat("\"${", size/4) + "\n}\n",
		"many blocks":           strings.Repeat("resource \"aws_s3_bucket\" \"b\" {}\n", size/34),
		"many providers":        strings.Repeat("provider \"aws\" {}\n", size/19),
		"long traversal":        "locals {\n  x = var" + strings.Repeat(".a", size/2-10) + "\n}\n",
		"many attributes":       "locals {\n" + strings.Repeat("  a = var.x\n", size/12) + "}\n",
		"one long line":         "locals {\n  x = \"" + strings.Repeat("a", size-20) + "\"\n}\n",
		"many references":       "resource \"aws_lb\" \"m\" {}\nlocals {\n  x = [" + strings.Repeat("aws_lb.m.dns_nme,", size/18) + "]\n}\n",
		"nested dynamic blocks": "resource \"aws_security_group\" \"s\" {\n" + strings.Repeat("dynamic \"ingress\" {\nfor_each = [1]\ncontent {\n", 2000) + strings.Repeat("}\n}\n", 2000) + "}\n",
	}
}

// TestHostileInputs: none of them may panic or leave the recursion caps.
// How long they take is BenchmarkHostileInputs' business, not a test's: a
// wall-clock limit fails on a busy machine or under the race detector.
func TestHostileInputs(t *testing.T) {
	for name, src := range hostileInputs() {
		t.Run(name, func(t *testing.T) {
			Lint([]source.File{{Path: "main.tf", Data: []byte(src)}}, Options{})
		})
	}
}

// BenchmarkHostileInputs times each hostile input beside a plain 1 MiB
// module ("baseline"), so a quadratic path shows as a ratio in one run.
func BenchmarkHostileInputs(b *testing.B) {
	cases := hostileInputs()
	cases["baseline"] = strings.Repeat("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n", (1<<20)/48)
	for name, src := range cases {
		b.Run(name, func(b *testing.B) {
			files := []source.File{{Path: "main.tf", Data: []byte(src)}}
			for b.Loop() {
				Lint(files, Options{})
			}
		})
	}
}
