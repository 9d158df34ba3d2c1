package cli

import (
	"strings"
	"testing"
)

// TestCourseCheckReport expects one line per exercise and a total, each
// counting variants and mutations.
func TestCourseCheckReport(t *testing.T) {
	out, _, code := runCLI(t, nil, "course", "check", "--report")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{"k8s-resource-units: variants ", "tf-provider-pins: variants ", "total: variants "} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, " mutations ") < 30 {
		t.Errorf("want a mutation count per exercise:\n%s", out)
	}
}
