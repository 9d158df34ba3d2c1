// Package testbin builds the iactutor program for tests that must run the
// real thing: processes racing for one progress file, signals during
// grading, a class read by the binary an instructor runs. It is built once
// per test binary and removed when the tests end.
package testbin

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Env names a binary built beforehand, used instead of building one: for
// running a package's tests as another user, who may not be able to build.
const Env = "IACTUTOR_TEST_BIN"

// build is the one build of a test binary's life; its folder is removed by
// Main. Package state is what makes "once per test binary" possible, and
// nothing outside tests imports this package.
var build = struct {
	once sync.Once
	dir  string
	path string
	err  error
}{}

// Path returns the program, building it on first use.
func Path(t testing.TB) string {
	t.Helper()
	if p := os.Getenv(Env); p != "" {
		return p
	}
	build.once.Do(func() { build.path, build.dir, build.err = compile() })
	if build.err != nil {
		t.Fatalf("building iactutor: %v", build.err)
	}
	return build.path
}

// moduleRoot is found when the test binary starts, before any test moves
// into a temporary folder.
var moduleRoot = func() string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	mod := strings.TrimSpace(string(out))
	if err != nil || mod == "" || mod == os.DevNull {
		return ""
	}
	return filepath.Dir(mod)
}()

func compile() (path, dir string, err error) {
	if moduleRoot == "" {
		return "", "", errors.New("go env GOMOD found no module")
	}
	dir, err = os.MkdirTemp("", "iactutor-test-bin-")
	if err != nil {
		return "", "", err
	}
	path = filepath.Join(dir, "iactutor")
	cmd := exec.Command("go", "build", "-o", path, "./cmd/iactutor")
	cmd.Dir = moduleRoot
	if b, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", "", fmt.Errorf("%w\n%s", err, b)
	}
	return path, dir, nil
}

// Main runs the tests and then removes the program they built; call it
// from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if build.dir != "" {
		os.RemoveAll(build.dir)
	}
	os.Exit(code)
}
