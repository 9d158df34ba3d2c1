package terraform

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iactutor/iactutor/internal/source"
)

// sameTree compares fastParse with hclsyntax.ParseConfig on src. Refusing
// is always allowed; accepting requires that hcl reports nothing at all and
// builds a deeply equal tree.
func sameTree(src []byte) (accepted bool, err error) {
	toks, ok := quickScan(src)
	if !ok || tooDeep(toks) >= 0 {
		return false, nil
	}
	got, ok := fastParse(src, "main.tf", toks)
	if !ok {
		return false, nil
	}
	f, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
	if len(diags) > 0 {
		return true, fmt.Errorf("accepted, but hcl reports: %s", diags.Error())
	}
	want := f.Body.(*hclsyntax.Body)
	if !reflect.DeepEqual(got, want) {
		d := cmp.Diff(want, got, cmp.Exporter(func(reflect.Type) bool { return true }))
		if len(d) > 3000 {
			d = d[:3000] + "…"
		}
		return true, fmt.Errorf("trees differ (-hcl +fast):\n%s", d)
	}
	return true, nil
}

// parseCases each use one construct of the expression language; every one
// must take the fast path and match hcl exactly.
var parseCases = []string{
	"a = 1\nb = 1.5e+3\nc = -2\nd = !true\ne = null\nf = false\n",
	"x = a - b * c / d % e + f\ny = a || b && c == d != e\nz = a < b && c <= d || e > f && g >= h\n",
	"x = a ? b : c ? d : e\ny = (a + b) * c\nz = -a.b[0]\n",
	"x = var.list[0]\ny = var.map[\"key\"]\nz = var.m[var.k]\nw = local.a.0.b\n",
	"x = aws_instance.web[*].id\ny = aws_instance.web.*.id\nz = var.l[*]\nw = var.l.*\nv = a[*].b[0].c\nu = a.*.b.0\n",
	"x = [for k, v in var.m : \"${k}=${v}\" if v != \"\"]\ny = {for k, v in var.m : k => v...}\nz = {for s in var.l : s => upper(s) if s != \"\"}\n",
	"x = upper(\"a\")\ny = max(1, 2, 3,)\nz = concat(var.a, var.b...)\nw = provider::aws::arn_parse(var.arn)\nv = timestamp()\n",
	"x = [\n  1,\n  2,\n]\ny = []\nz = {}\nw = { a = 1, b = 2 }\nv = {\n  a = 1\n  \"b\" = 2\n  (var.k) = 3\n  c: 4,\n}\n",
	"s = \"plain\"\nt = \"a${b}c\"\nu = \"${var.x}\"\nv = \"\"\nw = \"$$${x} %%{y} $x %x $\"\n",
	"s = \"esc \\\" \\\\ \\n \\t \\u00e9 \\U0001F680 end\"\n",
	"u = \"ñandú 🚀 über\"\n# comentario ñ\n// other\n/* block\n */\nv = \"e\u0301${x}\u0301\"\n",
	"a = 1 # trailing\r\nb = 2\r\n",
	"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\" // name\n\n  tags = {\n    A = \"b\" # why\n  }\n\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n",
	"block \"la\\\"bel\" ident {\n}\nempty {}\none { a = 1 }\nlabelled \"x\" { b = [1] }\n",
	"x = \"${\"${\"nested\"}\"}\"\ny = \"${ {a = 1} }\"\n",
	"x = \"a\" # no newline at end",
	"#only a comment",
	"",
	"\n\n  \n",
	"x = {\n  # comment inside\n  a = 1 /* inline */ ,\n  b = [ # after bracket\n    1, # one\n    2\n  ]\n}\n",
	"x = f(\n  a,\n  b\n)\ny = [\n  for x in var.l :\n  x\n]\n",
	"x = a.b[0][\"c\"].d\ny = (a).b\nz = [1, 2][0]\nw = {a = 1}.a\nv = \"s\".x\n",
	"x = 1\t+\t2\n\ty = 3\n",
}

// refuseCases leave the fast path; hcl parses (or rejects) them itself.
var refuseCases = []string{
	"x = \"${~ a ~}\"\n",
	"x = \"%{ if a }x%{ endif }\"\n",
	"x = 1\nx = 2\n",
	"x = 1 y = 2\n",
	"x = \n",
	"block {\n",
	"block { a = 1, b = 2 }\n",
	"x = a.0.1\n",
	"x = [for k, v in m : k => v]\n",
	"x = {for v in m : v}\n",
	"\"quoted\" = 1\n",
	"x = (1\n",
	"x = f(1 2)\n",
	"x = a ? b\n",
}

func TestFastParseMatchesHCL(t *testing.T) {
	for i, c := range parseCases {
		ok, err := sameTree([]byte(c))
		if err != nil {
			t.Errorf("case %d %q: %v", i, c, err)
		} else if !ok {
			t.Errorf("case %d %q: refused, want the fast path", i, c)
		}
	}
	for i, c := range refuseCases {
		if ok, err := sameTree([]byte(c)); ok || err != nil {
			t.Errorf("refuse case %d %q: accepted (err %v), want hcl to parse it", i, c, err)
		}
	}
}

// shippedTF reads every .tf file of this package's testdata and of the
// course's exercises.
func shippedTF(t *testing.T) []source.File {
	t.Helper()
	var files []source.File
	for _, root := range []string{"testdata", "../../../exercises"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tf") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files = append(files, source.File{Path: path, Data: b})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// TestFastParseCorpus runs the comparison on every .tf file this package and
// the course ship, their perturbations, every rule case and the benchmark
// module, and requires the fast path to take every well-formed file.
func TestFastParseCorpus(t *testing.T) {
	type input struct {
		name string
		src  []byte
		// wellFormed inputs parse without error, pass quickScan and the
		// depth cap, and use no construct the fast path leaves to hcl, so
		// they must be accepted.
		wellFormed bool
	}
	var inputs []input
	add := func(name string, b []byte) {
		_, diags := hclsyntax.ParseConfig(b, "main.tf", hcl.InitialPos)
		toks, scanned := quickScan(b)
		special := !scanned || tooDeep(toks) >= 0 || strings.Contains(string(b), "<<") || strings.Contains(string(b), "%{") ||
			strings.Contains(string(b), "${~") || strings.Contains(string(b), "~}")
		inputs = append(inputs, input{name, b, len(diags) == 0 && !special})
		inputs = append(inputs, input{name + " perturbed 1", perturb(b, 1), false}, input{name + " perturbed 2", perturb(b, 2), false})
	}
	for _, f := range shippedTF(t) {
		add(f.Path, f.Data)
	}
	for _, tc := range ruleCases {
		for name, src := range tc.files {
			add(tc.name+"/"+name, []byte(src))
		}
	}
	for _, f := range bench2000()[:3] {
		add(f.Path, f.Data)
	}
	accepted := 0
	for _, in := range inputs {
		ok, err := sameTree(in.src)
		if err != nil {
			t.Errorf("%s: %v", in.name, err)
		}
		if in.wellFormed && !ok {
			t.Errorf("%s: well-formed but refused by the fast path", in.name)
		}
		if ok {
			accepted++
		}
	}
	t.Logf("fast path took %d of %d inputs", accepted, len(inputs))
}

// TestFastPathSameDiagnostics lints every module this package and the course
// ship, and every rule case, twice: through the fast path and through hcl
// alone. A learner must not be able to tell which parser ran.
func TestFastPathSameDiagnostics(t *testing.T) {
	var modules [][]source.File
	dirs := map[string][]source.File{}
	for _, f := range shippedTF(t) {
		dir := filepath.Dir(f.Path)
		if strings.HasPrefix(f.Path, "testdata") {
			dir = f.Path // testdata files are independent modules
		}
		dirs[dir] = append(dirs[dir], f)
	}
	for _, files := range dirs {
		modules = append(modules, files)
	}
	for _, tc := range ruleCases {
		var files []source.File
		for name, src := range tc.files {
			files = append(files, source.File{Path: name, Data: []byte(src)})
		}
		modules = append(modules, files)
	}
	modules = append(modules, bench2000()[:5])
	for _, m := range modules {
		for _, lang := range []string{"en", "es"} {
			fast := Lint(m, Options{Lang: lang, Production: true})
			slow := Lint(m, Options{Lang: lang, Production: true, hclOnly: true})
			if !reflect.DeepEqual(fast, slow) {
				t.Errorf("%s (%s): the fast path changes the diagnostics:\n%s", m[0].Path, lang,
					cmp.Diff(slow, fast, cmp.Exporter(func(reflect.Type) bool { return true })))
			}
		}
	}
	t.Logf("%d modules compared", len(modules))
}

// FuzzFastParse is a differential fuzz target: whenever the fast parser
// accepts an input, hcl must accept it too and build the same tree.
func FuzzFastParse(f *testing.F) {
	addSeeds(f)
	for _, c := range parseCases {
		f.Add([]byte(c))
	}
	for _, c := range refuseCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := sameTree(data); err != nil {
			t.Fatal(err)
		}
	})
}

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
