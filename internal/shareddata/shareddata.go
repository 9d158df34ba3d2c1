// Package shareddata finds the data CI keeps in ../shared, beside the
// repository, for tests that need more than the repository ships.
//
// A fresh clone has nothing beside it, and `go test ./...` must still pass
// there, so such tests skip by default. CI sets IACTUTOR_REQUIRE_SHARED=1:
// there a missing folder is a broken setup, and a skip would hide it.
package shareddata

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// RequireEnv is the variable that turns a missing ../shared into a failure.
const RequireEnv = "IACTUTOR_REQUIRE_SHARED"

// Dir returns the folder rel (slash-separated, e.g. "corpus/k8s") under
// ../shared. When the folder is absent the test skips, or fails when
// RequireEnv is "1"; either way the message names what it needs.
func Dir(tb testing.TB, rel string) string {
	tb.Helper()
	dir, err := find(rel)
	if err != nil {
		Missing(tb, rel, err)
	}
	return dir
}

// Missing stops tb because rel under ../shared could not be used: a skip, or
// a failure when RequireEnv is "1". Tests call it when a folder exists but
// lacks what they need.
func Missing(tb testing.TB, rel string, err error) {
	tb.Helper()
	if os.Getenv(RequireEnv) == "1" {
		tb.Fatalf("needs ../shared/%s (%s=1 is set): %v", rel, RequireEnv, err)
		return
	}
	tb.Skipf("needs ../shared/%s; set %s=1 to make this a failure (%v)", rel, RequireEnv, err)
}

// find locates ../shared/rel beside the module root, so the answer does not
// depend on how deep the calling test's package sits.
func find(rel string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(filepath.Dir(root), "shared", filepath.FromSlash(rel))
	info, err := os.Stat(dir)
	if err != nil {
		return "", err
	}
	if !info.IsDir() {
		return "", fmt.Errorf("%s is not a folder", dir)
	}
	return dir, nil
}

// moduleRoot walks up from the working directory, which `go test` sets to
// the package's folder, to the folder holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
