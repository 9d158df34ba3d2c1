package markdown

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoHeavyDependencies keeps out the packages this one exists to avoid:
// their init functions would run at every start of the program.
func TestNoHeavyDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, heavy := range []string{"glamour", "chroma", "bluemonday", "gorilla", "goldmark-emoji"} {
			if strings.Contains(dep, heavy) {
				t.Errorf("depends on %s", dep)
			}
		}
	}
}
