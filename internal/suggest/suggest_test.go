package suggest

import "testing"

func TestNearest(t *testing.T) {
	fields := []string{"containers", "replicas", "selector", "template"}
	tests := []struct{ in, want string }{
		{"replicas", ""},
		{"replcias", "replicas"},
		{"replica", "replicas"},
		{"Replicas", "replicas"},
		{"selectr", "selector"},
		{"templte", "template"},
		{"containres", "containers"},
		{"strategy", ""},
		{"rep", ""},
	}
	for _, tt := range tests {
		if got := Nearest(tt.in, fields); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"abc", "abc", 0},
		{"abc", "acb", 1},
		{"abc", "ab", 1},
		{"kitten", "sitting", 3},
		{"ñandú", "nandu", 2},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q,%q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
