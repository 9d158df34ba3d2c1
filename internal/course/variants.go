package course

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// VariantsDir holds an exercise's author-written alternative submissions.
const VariantsDir = "variants"

// Variant is one submission an author wrote to prove an exercise fair:
// variants/pass-*/ is a valid fix the checks must accept, variants/fail-*/
// a wrong one they must reject. Each holds the exercise's files as a
// learner would hand them in, plus variant.yaml saying why.
type Variant struct {
	// Name is the folder name ("pass-named-port").
	Name string
	// Pass is true for pass-* folders.
	Pass bool
	// Why is the one line saying what the variant does, by language.
	Why Text `yaml:"why"`
}

// Tree is the variant's folder as ReadTree takes it.
func (v Variant) Tree() string { return path.Join(VariantsDir, v.Name) }

// ReadVariants lists the exercise's variants in folder order. An exercise
// without a variants folder has none; a folder named neither pass-* nor
// fail-*, or a variant.yaml that does not read, is an error.
func (e *Exercise) ReadVariants(fsys fs.FS) ([]Variant, error) {
	dir := path.Join(e.Dir, VariantsDir)
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	var out []Variant
	for _, en := range entries {
		if !en.IsDir() {
			continue
		}
		v := Variant{Name: en.Name()}
		switch {
		case strings.HasPrefix(v.Name, "pass-"):
			v.Pass = true
		case strings.HasPrefix(v.Name, "fail-"):
		default:
			return out, fmt.Errorf("variant %s: the folder name must start with pass- or fail-", path.Join(dir, v.Name))
		}
		file := path.Join(dir, v.Name, "variant.yaml")
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			return out, fmt.Errorf("variant %s: %w", v.Name, err)
		}
		if err := yaml.Unmarshal(b, &v); err != nil {
			return out, fmt.Errorf("reading %s: %w", file, err)
		}
		out = append(out, v)
	}
	return out, nil
}
