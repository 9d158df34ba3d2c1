package k8s

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iactutor/iactutor/internal/source"
)

// fuzzSeeds adds the small testdata manifests and every rule case as seeds;
// the big nesting tests are left out because they slow every mutation.
func fuzzSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil && len(b) <= 8<<10 {
			f.Add(b)
		}
	}
	for _, tc := range ruleCases {
		for _, name := range sortedKeys(tc.files) {
			f.Add([]byte(tc.files[name]))
		}
	}
}

func FuzzLoad(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, ds := Load([]source.File{{Path: "f.yaml", Data: data}}, Options{})
		for _, d := range ds {
			if d.Subject.Start.Line < 1 || d.Rule == "" || d.Summary.IsZero() {
				t.Fatalf("malformed diagnostic %+v", d)
			}
		}
		for i := range s.Objects() {
			s.Locate(i, "spec.template.spec.containers[0].image")
			s.Locate(i, "metadata.labels[\"app\"]")
		}
	})
}

func FuzzLint(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		files := []source.File{{Path: "f.yaml", Data: data}, {Path: "g.yaml", Data: []byte(deploy + "---\n" + service)}}
		for _, d := range Lint(files, Options{Complete: true}) {
			if d.Subject.Start.Line < 1 || d.Rule == "" || d.Summary.IsZero() {
				t.Fatalf("malformed diagnostic %+v", d)
			}
			if _, ok := ruleIndex[d.Rule]; !ok {
				t.Fatalf("uncatalogued rule %s", d.Rule)
			}
		}
	})
}
