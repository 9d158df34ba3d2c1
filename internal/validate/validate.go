// Package validate decides which validator reads which file. `lint` and the
// grader both route through it, so a file is judged by the same validator
// whether a learner lints a folder or hands it in: YAML goes to the
// Kubernetes validator as one set (objects refer to each other across
// files), and .tf and .tfvars files go to the Terraform validator as one
// module per folder (a folder is a module in Terraform, and the variable
// files beside it set its variables).
package validate

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader/k8s"
	"github.com/iactutor/iactutor/internal/grader/terraform"
	"github.com/iactutor/iactutor/internal/source"
)

// Extensions are the file types read when a folder is searched.
func Extensions() []string { return []string{".yaml", ".yml", ".tf", ".tfvars"} }

// IsTerraform reports whether a file belongs to the Terraform validator;
// every other file given is read as YAML.
func IsTerraform(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".tf") || terraform.IsVarFile(path)
}

// Groups are files as the validators take them.
type Groups struct {
	// YAML is every non-Terraform file, in input order.
	YAML []source.File
	// Modules holds the .tf and .tfvars files of each folder, folders in
	// the order their first file came.
	Modules [][]source.File
}

// Route splits files between the validators.
func Route(files []source.File) Groups {
	var g Groups
	index := map[string]int{}
	for _, f := range files {
		if !IsTerraform(f.Path) {
			g.YAML = append(g.YAML, f)
			continue
		}
		dir := filepath.Dir(f.Path)
		i, ok := index[dir]
		if !ok {
			i = len(g.Modules)
			index[dir] = i
			g.Modules = append(g.Modules, nil)
		}
		g.Modules[i] = append(g.Modules[i], f)
	}
	return g
}

// Lint runs every validator that applies to files, as `iactutor lint` does
// for a learner's own folders.
func Lint(files []source.File) diag.Diagnostics {
	g := Route(files)
	var ds diag.Diagnostics
	if len(g.YAML) > 0 {
		ds = append(ds, k8s.Lint(g.YAML, k8s.Options{})...)
	}
	// All folders go in one call, so a module block whose local source is
	// another of them is checked against that child module.
	if len(g.Modules) > 0 {
		ds = append(ds, terraform.Lint(slices.Concat(g.Modules...), terraform.Options{})...)
	}
	return ds
}
