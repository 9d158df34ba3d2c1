package k8s

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNoPluginPackage: a program linking Go's plugin package has the
// linker export every symbol, which makes the binary tens of megabytes
// larger and every start slower and hungrier. kustomize's builder
// (krusty) links it, so this package builds kustomizations from the
// library's plugin-free parts; this holds it to that.
func TestNoPluginPackage(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the package's dependencies with")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/iactutor/iactutor/internal/grader/k8s") {
		t.Fatalf("go list -deps did not list this package: %q", out)
	}
	if slices.Contains(deps, "plugin") {
		t.Error("the package depends on Go's plugin package; see go list -deps . | grep -x plugin")
	}
}
