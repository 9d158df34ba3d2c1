package shareddata

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// recorder stands in for a test so that a skip or a failure can be observed
// instead of ending the test that checks it.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()                      {}
func (r *recorder) Skipf(f string, args ...any)  { r.skipped = fmt.Sprintf(f, args...) }
func (r *recorder) Fatalf(f string, args ...any) { r.failed = fmt.Sprintf(f, args...) }
func (r *recorder) Errorf(f string, args ...any) { r.failed = fmt.Sprintf(f, args...) }

func TestMissingSkipsUnlessRequired(t *testing.T) {
	const rel = "no-such-folder/for-this-test"

	t.Setenv(RequireEnv, "")
	r := &recorder{TB: t}
	Dir(r, rel)
	want := "needs ../shared/" + rel + "; set IACTUTOR_REQUIRE_SHARED=1 to make this a failure"
	if r.failed != "" || len(r.skipped) < len(want) || r.skipped[:len(want)] != want {
		t.Errorf("without %s: skipped %q, failed %q; want a skip starting %q", RequireEnv, r.skipped, r.failed, want)
	}

	t.Setenv(RequireEnv, "1")
	r = &recorder{TB: t}
	Dir(r, rel)
	want = "needs ../shared/" + rel + " (IACTUTOR_REQUIRE_SHARED=1 is set)"
	if r.skipped != "" || len(r.failed) < len(want) || r.failed[:len(want)] != want {
		t.Errorf("with %s=1: skipped %q, failed %q; want a failure starting %q", RequireEnv, r.skipped, r.failed, want)
	}
}

// TestModuleRoot guards the walk up from the package folder: ../shared is
// found beside the module root however deep the calling package sits.
func TestModuleRoot(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "shareddata", "shareddata.go")); err != nil {
		t.Errorf("module root %s does not hold this package: %v", root, err)
	}
}
