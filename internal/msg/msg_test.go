package msg

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func testCatalog(t *testing.T, files map[string]string) *Catalog {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPrinter(t *testing.T) {
	c := testCatalog(t, map[string]string{
		"en.yaml": `greet: "Hello, {{.Name}}"
apples: {one: "{{.Count}} apple", other: "{{.Count}} apples"}
word: "port"
wrap: "the {{.Word}} {{.Port}}"
only-en: "only in English"
english-detail: "{{.Detail}}"
`,
		"x.es.yaml": `greet: "Hola, {{.Name}}"
apples: {one: "{{.Count}} manzana", other: "{{.Count}} manzanas"}
word: "puerto"
wrap: "el {{.Word}} {{.Port}}"
english-detail: ""
`,
	})
	if got := c.Languages(); !slices.Equal(got, []string{"en", "es"}) {
		t.Fatalf("languages %v", got)
	}
	es, err := c.Printer("es")
	if err != nil {
		t.Fatal(err)
	}
	en, err := c.Printer("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		p    *Printer
		t    Text
		want string
	}{
		{en, New("greet", Args{"Name": "Ana"}), "Hello, Ana"},
		{es, New("greet", Args{"Name": "Ana"}), "Hola, Ana"},
		{en, New("apples", Args{"Count": 1}), "1 apple"},
		{en, New("apples", Args{"Count": 2}), "2 apples"},
		{es, New("apples", Args{"Count": 2}), "2 manzanas"},
		// Numbers are printed as written: a port is never "8,000".
		{en, New("wrap", Args{"Word": New("word", nil), "Port": 8000}), "the port 8000"},
		{es, New("wrap", Args{"Word": New("word", nil), "Port": 8000}), "el puerto 8000"},
		{es, New("only-en", nil), "only in English"},
		{es, New("missing", nil), "[missing]"},
		// An empty translation says nothing; it does not fall back.
		{es, New("english-detail", Args{"Detail": "HCL's words"}), ""},
		{en, New("english-detail", Args{"Detail": "HCL's words"}), "HCL's words"},
		{es, Plain("kubectl said <this>"), "kubectl said <this>"},
		{es, Translated(map[string]string{"en": "Two replicas", "es": "Dos réplicas"}), "Dos réplicas"},
		{es, Translated(map[string]string{"en": "Two replicas"}), "Two replicas"},
		{es, Text{}, ""},
	} {
		if got := tc.p.Text(tc.t); got != tc.want {
			t.Errorf("%s %+v = %q, want %q", tc.p.Lang(), tc.t, got, tc.want)
		}
	}
	if _, err := c.Printer("fr"); err == nil || !strings.Contains(err.Error(), "en, es") {
		t.Errorf("unknown language: %v", err)
	}
}

func TestLoadRejects(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"no default":    {"es.yaml": `a: "b"`},
		"bad tag":       {"en.yaml": `a: "b"`, "x.not_a_tag!.yaml": `a: "b"`},
		"plural form":   {"en.yaml": `a: {several: "b"}`},
		"no other form": {"en.yaml": `a: {one: "b"}`},
		"not a string":  {"en.yaml": `a: [1, 2]`},
	} {
		fsys := fstest.MapFS{}
		for n, b := range files {
			fsys[n] = &fstest.MapFile{Data: []byte(b)}
		}
		c, err := Load(fsys)
		if err == nil {
			_, err = c.Printer("en")
		}
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestMapAndCompare(t *testing.T) {
	a := New("k", Args{"Path": "/tmp/x/main.tf", "N": 3, "In": Plain("/tmp/x")})
	b := a.Map(func(s string) string { return strings.ReplaceAll(s, "/tmp/x", "ex") })
	if b.Args["Path"] != "ex/main.tf" || b.Args["N"] != 3 || b.Args["In"].(Text).PlainText() != "ex" {
		t.Errorf("Map: %+v", b.Args)
	}
	if a.Args["Path"] != "/tmp/x/main.tf" {
		t.Error("Map changed its receiver")
	}
	if Compare(a, a) != 0 || Compare(a, b) == 0 || Compare(New("a", nil), New("b", nil)) >= 0 {
		t.Error("Compare")
	}
}

// placeholders are the {{.Name}} fields a message uses.
var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func fields(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestBuiltinCatalogComplete proves every language has every key of the
// default language, with the same placeholders, and renders each message
// without a template error. An empty translation is allowed to drop
// placeholders: it says nothing in that language (HCL's English-only
// details, for instance).
func TestBuiltinCatalogComplete(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	en, err := c.Messages(Default)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Languages()) < 2 {
		t.Fatalf("only %v", c.Languages())
	}
	for _, lang := range c.Languages() {
		msgs, err := c.Messages(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range slices.Sorted(maps.Keys(en)) {
			tr, ok := msgs[k]
			if !ok {
				t.Errorf("%s: key %q missing", lang, k)
				continue
			}
			if tr == "" && lang != Default {
				continue
			}
			if a, b := fields(en[k]), fields(tr); !slices.Equal(a, b) {
				t.Errorf("%s: key %q has placeholders %v, English has %v", lang, k, b, a)
			}
		}
		for k := range msgs {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: key %q is not in the %s catalog", lang, k, Default)
			}
		}
		p, err := c.Printer(lang)
		if err != nil {
			t.Fatal(err)
		}
		for k, s := range en {
			args := Args{}
			for _, f := range fields(s) {
				args[f] = "x"
			}
			if _, ok := args["Count"]; ok {
				args["Count"] = 2
			}
			if out := p.S(k, args); strings.Contains(out, "<no value>") || out == "["+k+"]" {
				t.Errorf("%s: key %q renders as %q", lang, k, out)
			}
		}
	}
}

func TestError(t *testing.T) {
	c := testCatalog(t, map[string]string{
		"en.yaml": `read: "cannot read {{.Path}}"
error.not-exist: "no such file or folder"
student: "no student {{.Name}}"
`,
		"es.yaml": `read: "no se puede leer {{.Path}}"
error.not-exist: "no existe ese archivo o carpeta"
student: "no hay ningún estudiante {{.Name}}"
`,
	})
	es, err := c.Printer("es")
	if err != nil {
		t.Fatal(err)
	}
	sentinel := errors.New("no such student")
	_, statErr := os.Stat(filepath.Join(t.TempDir(), "nope"))
	for _, tc := range []struct {
		err  error
		want string
	}{
		{Errorf("read", Args{"Path": "k8s/"}, statErr), "no se puede leer k8s/: no existe ese archivo o carpeta"},
		{fmt.Errorf("context: %w", Errorf("read", Args{"Path": "x"}, nil)), "no se puede leer x"},
		{&Error{Text: New("student", Args{"Name": "zed"}), Kind: sentinel}, "no hay ningún estudiante zed"},
		{errors.New("plain"), "plain"},
	} {
		if got := es.Error(tc.err); got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.err, got, tc.want)
		}
	}
	if e := (&Error{Text: New("student", nil), Kind: sentinel}); !errors.Is(e, sentinel) {
		t.Error("the kind is not found by errors.Is")
	}
	if e := Errorf("read", nil, statErr); !errors.Is(e, fs.ErrNotExist) {
		t.Error("the cause is not found by errors.Is")
	}
}
