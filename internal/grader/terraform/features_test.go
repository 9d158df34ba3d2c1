package terraform

import (
	"path/filepath"
	"testing"

	"github.com/hashicorp/go-version"
)

// Every Terraform module the course hands out (start, solution, and the
// variants that are valid fixes) states a required_version, and none admits
// a release older than what the module uses: a learner on an old Terraform
// meets the version message, not an obscure error. A fail-* variant may be
// wrong on exactly this point.
func TestCourseModulesRequireTheTerraformTheyUse(t *testing.T) {
	var dirs []string
	for _, pat := range []string{"*/start", "*/solution", "*/variants/pass-*"} {
		m, err := filepath.Glob(filepath.Join("..", "..", "..", "exercises", "terraform", pat))
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, m...)
	}
	if len(dirs) < 30 {
		t.Fatalf("found %d Terraform folders in the course; want the exercises'", len(dirs))
	}
	used := 0
	for _, dir := range dirs {
		m, _ := Load(readDir(t, dir), Options{})
		feats, constraint := m.features(), ""
		if c, _, ok := m.requiredVersion(); ok {
			constraint = c
		}
		if constraint == "" {
			t.Errorf("%s: no required_version", dir)
			continue
		}
		cs, err := version.NewConstraint(constraint)
		if err != nil {
			t.Errorf("%s: required_version %q: %v", dir, constraint, err)
			continue
		}
		for _, f := range feats {
			used++
			if admitsBefore(cs, f.Since) {
				t.Errorf("%s: required_version %q admits a Terraform older than %s, which %s needs (%s)", dir, constraint, f.Since, f.Name, where(f.Range))
			}
		}
	}
	t.Logf("%d folders, %d uses of a versioned construct", len(dirs), used)
}

func TestAdmitsBefore(t *testing.T) {
	tests := []struct {
		constraint, since string
		want              bool
	}{
		{">= 1.6", "1.10", true},
		{">= 1.10", "1.10", false},
		{">= 1.10.0, < 2.0.0", "1.10", false},
		{"~> 1.9", "1.10", true},
		{"~> 1.10", "1.11", true},
		{"~> 1.11.0", "1.10", false},
		{"1.11.2", "1.11", false},
		{">= 1.0", "1.1", true},
		{"> 1.9.99", "1.10", false},
	}
	for _, tt := range tests {
		cs, err := version.NewConstraint(tt.constraint)
		if err != nil {
			t.Fatal(err)
		}
		if got := admitsBefore(cs, tt.since); got != tt.want {
			t.Errorf("admitsBefore(%q, %s) = %v, want %v", tt.constraint, tt.since, got, tt.want)
		}
	}
}
