package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/msg/msgtest"
)

func printer(t testing.TB, lang string) *msg.Printer { return msgtest.Printer(t, lang) }

const deploySrc = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-api
spec:
  replcias: 2
  selector:
	matchLabels:
`

func TestWriteText(t *testing.T) {
	src := func(name string) []byte {
		if name == "k8s/deploy.yaml" {
			return []byte(deploySrc)
		}
		return nil
	}
	tests := []struct {
		name string
		d    Diagnostic
		opt  TextOptions
		want string
	}{
		{
			name: "error with snippet and hint",
			d: Diagnostic{Severity: SeverityError, Summary: msg.Plain(`Unknown field "replcias"`),
				Detail: msg.Plain("Kubernetes rejects fields it does not know."), Hint: msg.Plain("did you mean `replicas`?"),
				Subject: Range{"k8s/deploy.yaml", Pos{6, 3}, Pos{6, 11}}, Rule: "k8s/unknown-field"},
			opt: TextOptions{Source: src},
			want: "Error: Unknown field \"replcias\"\n\n" +
				"  on k8s/deploy.yaml line 6, column 3:\n" +
				"  5 | spec:\n" +
				"  6 |   replcias: 2\n" +
				"    |   ^^^^^^^^\n\n" +
				"Kubernetes rejects fields it does not know.\n\n" +
				"Hint: did you mean `replicas`?\n\n" +
				"Rule: k8s/unknown-field (more: iactutor explain k8s/unknown-field)\n\n",
		},
		{
			name: "tab expanded to four columns, caret under it, spanish labels",
			d: Diagnostic{Severity: SeverityWarning, Summary: msg.Plain("Tabulador"),
				Subject: Range{"k8s/deploy.yaml", Pos{8, 1}, Pos{8, 2}}, Rule: "k8s/yaml-syntax"},
			opt: TextOptions{Source: src, Printer: printer(t, "es")},
			want: "Aviso: Tabulador\n\n" +
				"  en k8s/deploy.yaml línea 8, columna 1:\n" +
				"  7 |   selector:\n" +
				"  8 |     matchLabels:\n" +
				"    | ^^^^\n\n" +
				"Regla: k8s/yaml-syntax (más: iactutor explain k8s/yaml-syntax)\n\n",
		},
		{
			name: "tabs inside a line move the caret to the expanded column",
			d: Diagnostic{Severity: SeverityError, Summary: msg.Plain("Tab"),
				Subject: Range{"t.yaml", Pos{2, 5}, Pos{2, 9}}},
			opt: TextOptions{Source: func(string) []byte { return []byte("a:\n\tb:\tbad\n") }},
			want: "Error: Tab\n\n" +
				"  on t.yaml line 2, column 5:\n" +
				"  1 | a:\n" +
				"  2 |     b:  bad\n" +
				"    |         ^^^^\n\n",
		},
		{
			name: "tab-indented continuation lines underline from the text",
			d: Diagnostic{Severity: SeverityError, Summary: msg.Plain("Block"),
				Subject: Range{"main.tf", Pos{1, 1}, Pos{2, 11}}},
			opt: TextOptions{Source: func(string) []byte { return []byte("x {\n\t\tname = 1\n}\n") }},
			want: "Error: Block\n\n" +
				"  on main.tf line 1, column 1:\n" +
				"  1 | x {\n" +
				"    | ^^^\n" +
				"  2 |         name = 1\n" +
				"    |         ^^^^^^^^\n\n",
		},
		{
			name: "multi-line subject underlines each line from its text",
			d: Diagnostic{Severity: SeverityInfo, Summary: msg.Plain("Span"),
				Subject: Range{"k8s/deploy.yaml", Pos{3, 1}, Pos{4, 18}}},
			opt: TextOptions{Source: src},
			want: "Info: Span\n\n" +
				"  on k8s/deploy.yaml line 3, column 1:\n" +
				"  2 | kind: Deployment\n" +
				"  3 | metadata:\n" +
				"    | ^^^^^^^^^\n" +
				"  4 |   name: churn-api\n" +
				"    |   ^^^^^^^^^^^^^^^\n\n",
		},
		{
			name: "no source, control characters stripped, wrapped",
			d: Diagnostic{Severity: SeverityError, Summary: msg.Plain("Bad \x1b[31mname\x1b[0m"),
				Detail: msg.Plain("one two three four five six"), Subject: Range{Filename: "x\x07.yaml"}},
			opt:  TextOptions{Width: 10},
			want: "Error: Bad [31mname[0m\n\n  on x.yaml:\n\none two\nthree four\nfive six\n\n",
		},
		{
			name: "colour",
			d:    Diagnostic{Severity: SeverityError, Summary: msg.Plain("S")},
			opt:  TextOptions{Color: true},
			want: "\x1b[1;31mError\x1b[0m: \x1b[1mS\x1b[0m\n\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.opt.Printer == nil {
				tt.opt.Printer = printer(t, "en")
			}
			var b bytes.Buffer
			if err := WriteText(&b, Diagnostics{tt.d}, tt.opt); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

func TestJSONShape(t *testing.T) {
	d := Diagnostic{Severity: SeverityWarning, Summary: msg.Plain("m"), Hint: msg.Plain("h"), Rule: "k8s/x",
		Subject: Range{"a.yaml", Pos{1, 2}, Pos{3, 4}}}
	b, err := json.Marshal(d.ToJSON(printer(t, "en")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := json.Marshal(d); err == nil {
		t.Error("a Diagnostic encoded without a printer")
	}
	want := `{"file":"a.yaml","line":1,"column":2,"endLine":3,"endColumn":4,"severity":"warning","rule":"k8s/x","message":"m","hint":"h"}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}

func TestSortAndCount(t *testing.T) {
	ds := Diagnostics{
		{Severity: SeverityWarning, Subject: Point("b.yaml", 1, 1), Rule: "r"},
		{Severity: SeverityError, Subject: Point("a.yaml", 9, 1), Rule: "r"},
		{Severity: SeverityInfo, Subject: Point("a.yaml", 2, 5), Rule: "r"},
		{Severity: SeverityError, Subject: Point("a.yaml", 2, 5), Rule: "q"},
	}
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.Subject.Filename+":"+d.Severity.String())
	}
	want := []string{"a.yaml:error", "a.yaml:info", "a.yaml:error", "b.yaml:warning"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order = %v, want %v", got, want)
		}
	}
	if !ds.HasErrors() || ds.Count(SeverityError) != 2 || ds[:1].Count(SeverityWarning) != 0 {
		t.Error("HasErrors/Count wrong")
	}
	if (Diagnostics{{Severity: SeverityWarning}}).HasErrors() {
		t.Error("a warning is not an error")
	}
}

func TestSeverityText(t *testing.T) {
	for _, s := range []Severity{SeverityError, SeverityWarning, SeverityInfo} {
		var back Severity
		if err := back.UnmarshalText([]byte(s.String())); err != nil || back != s {
			t.Errorf("round trip of %v gave %v, %v", s, back, err)
		}
	}
	if SeverityInvalid.String() != "invalid" {
		t.Error("the zero severity must read as invalid")
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("unknown severity accepted")
	}
}

func TestSanitize(t *testing.T) {
	tests := map[string]string{
		"plain":              "plain",
		"a\x1b]8;;x\x07b":    "a]8;;xb",
		"tab\tand\nnewline":  "tab\tand\nnewline",
		"cr\rlf":             "crlf",
		"bidi\u202eevil":     "bidievil",
		string([]byte{0xff}): "\uFFFD",
		"ñandú":              "ñandú",
	}
	for in, want := range tests {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteTextExplainsEachRuleOnce(t *testing.T) {
	why := "Without a memory limit one leaking pod can starve its neighbours."
	detail := msg.Plain(why)
	at := func(line int) Range { return Range{"a.yaml", Pos{line, 1}, Pos{line, 2}} }
	ds := Diagnostics{
		{Severity: SeverityWarning, Summary: msg.Plain("api has no memory limit"), Detail: detail, Hint: msg.Plain("add limits.memory to api"), Subject: at(3), Rule: "k8s/missing-resources"},
		{Severity: SeverityWarning, Summary: msg.Plain("worker has no memory limit"), Detail: detail, Hint: msg.Plain("add limits.memory to worker"), Subject: at(9), Rule: "k8s/missing-resources"},
		{Severity: SeverityError, Summary: msg.Plain("Syntax"), Detail: msg.Plain("first parser detail"), Subject: at(1), Rule: "tf/syntax"},
		{Severity: SeverityError, Summary: msg.Plain("Syntax"), Detail: msg.Plain("another parser detail"), Subject: at(2), Rule: "tf/syntax"},
	}
	for _, c := range []struct{ lang, pointer string }{
		{"en", "Why it matters: as explained above for k8s/missing-resources."},
		{"es", "Por qué importa: como se explica arriba para k8s/missing-resources."},
	} {
		var b bytes.Buffer
		if err := WriteText(&b, ds, TextOptions{Printer: printer(t, c.lang)}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if n := bytes.Count([]byte(out), []byte(why)); n != 1 {
			t.Errorf("%s: the explanation appears %d times, want once:\n%s", c.lang, n, out)
		}
		if !bytes.Contains([]byte(out), []byte(c.pointer)) {
			t.Errorf("%s: the repeat does not point back to it:\n%s", c.lang, out)
		}
		for _, s := range []string{"add limits.memory to worker", "first parser detail", "another parser detail"} {
			if !bytes.Contains([]byte(out), []byte(s)) {
				t.Errorf("%s: %q is missing: each diagnostic keeps its own hint and a different detail is printed", c.lang, s)
			}
		}
	}
}

func TestDisplayLineExpandsTabs(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		cells []int
	}{
		{"", "", []int{1}},
		{"ab", "ab", []int{1, 2, 3}},
		{"\tx", "    x", []int{1, 5, 6}},
		{"abc\tx", "abc x", []int{1, 2, 3, 4, 5, 6}},
		{"abcd\tx", "abcd    x", []int{1, 2, 3, 4, 5, 9, 10}},
		{"\t\t", "        ", []int{1, 5, 9}},
		{"é\tñ", "é   ñ", []int{1, 2, 5, 6}},
		{"a\x1b\tb", "a   b", []int{1, 2, 2, 5, 6}},
		{"\xff\t", "\uFFFD   ", []int{1, 2, 5}},
	}
	for _, tt := range tests {
		got, cells := displayLine(tt.in)
		if got != tt.want || fmt.Sprint(cells) != fmt.Sprint(tt.cells) {
			t.Errorf("displayLine(%q) = %q %v, want %q %v", tt.in, got, cells, tt.want, tt.cells)
		}
	}
	// Columns past the end keep counting one cell each.
	if got := cellOf([]int{1, 5, 6}, 4); got != 7 {
		t.Errorf("cellOf past end = %d, want 7", got)
	}
}
