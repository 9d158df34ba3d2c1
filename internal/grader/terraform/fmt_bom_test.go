package terraform

import (
	"strings"
	"testing"
)

// TestFmtNamesTheBOM: a file whose only difference from terraform fmt's
// output is a byte order mark is told so, instead of being shown a line 1
// that looks identical to the one it has.
func TestFmtNamesTheBOM(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		hint    string
		line    int
		endCol  int
		renders string
	}{
		{"bom only", "\ufeffvariable \"x\" {}\n", "tf.hint.fmt-bom", 1, 2, "(BOM)"},
		{"bom and a later line", "\ufeffvariable \"x\" {\n  type   = string\n}\n", "tf.hint.fmt-bom", 1, 2, "(BOM)"},
		{"bom and line 1 also changes", "\ufeffvariable  \"x\" {}\n", "tf.hint.fmt", 1, 0, `variable "x" {}`},
		{"no bom", "variable  \"x\" {}\n", "tf.hint.fmt", 1, 0, `variable "x" {}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := only(lint(t, map[string]string{"main.tf": tt.src}, Options{}), "tf/fmt")
			if len(ds) != 1 {
				t.Fatalf("want one tf/fmt diagnostic, got %v", ds)
			}
			d := ds[0]
			if d.Hint.Key != tt.hint || d.Subject.Start.Line != tt.line {
				t.Errorf("hint %q at line %d, want %q at %d", d.Hint.Key, d.Subject.Start.Line, tt.hint, tt.line)
			}
			if tt.endCol != 0 && (d.Subject.Start.Column != 1 || d.Subject.End.Column != tt.endCol) {
				t.Errorf("subject %+v, want columns 1-%d", d.Subject, tt.endCol)
			}
			for _, lang := range []string{"en", "es"} {
				if got := printerFor(lang).Text(d.Hint); !strings.Contains(got, tt.renders) {
					t.Errorf("%s hint %q does not contain %q", lang, got, tt.renders)
				}
			}
		})
	}
}
