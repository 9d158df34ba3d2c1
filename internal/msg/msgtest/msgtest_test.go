package msgtest

import (
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/msg"
)

func TestAccent(t *testing.T) {
	for in, want := range map[string]string{
		"Unknown field {{.Field}} in `spec`": "⟦Úñkñówñ fíéld {{.Field}} íñ `spec`⟧",
		"a { b":                              "⟦á { b⟧",
		"open `code":                         "⟦ópéñ `code⟧",
	} {
		if got := Accent(in); got != want {
			t.Errorf("Accent(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPseudoLanguageIsData(t *testing.T) {
	fsys, err := WithPseudo()
	if err != nil {
		t.Fatal(err)
	}
	c, err := msg.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Has(PseudoLang) || !c.Has("es") {
		t.Fatalf("languages: %v", c.Languages())
	}
	p, err := c.Printer(PseudoLang)
	if err != nil {
		t.Fatal(err)
	}
	got := p.S("diag.at-line", msg.Args{"File": "main.tf", "Line": 3, "Column": 7})
	if !strings.HasPrefix(got, "⟦") || !strings.Contains(got, "main.tf") || !strings.Contains(got, " 3") {
		t.Errorf("rendered %q", got)
	}
}
