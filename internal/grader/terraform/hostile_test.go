package terraform

import (
	"strings"
	"testing"
	"time"

	"github.com/iactutor/iactutor/internal/source"
)

// TestHostileInputs lints inputs near the 1 MiB file cap that stress
// recursion and quadratic paths; none may panic or take long.
func TestHostileInputs(t *testing.T) {
	const size = 1 << 20
	cases := map[string]string{
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
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			Lint([]source.File{{Path: "main.tf", Data: []byte(src)}}, Options{})
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
