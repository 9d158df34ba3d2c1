package terraform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iactutor/iactutor/internal/source"
)

// addSeeds adds every .tf file under testdata as a seed.
func addSeeds(f *testing.F) {
	f.Helper()
	for _, pattern := range []string{"testdata/syntax/*.tf", "testdata/good/*.tf"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	for _, tc := range ruleCases {
		for _, src := range tc.files {
			f.Add([]byte(src))
		}
	}
}

// FuzzLoad feeds arbitrary bytes to the module loader: it must never panic
// and every diagnostic must carry a rule and a position inside the file.
func FuzzLoad(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, ds := Load([]source.File{{Path: "main.tf", Data: data}}, Options{})
		if m == nil {
			t.Fatal("nil module")
		}
		for _, d := range ds {
			if d.Rule == "" || d.Subject.Start.Line < 1 {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}

// FuzzResolve runs the whole check (reference resolution, schema, practice
// rules, formatting) plus Data and Locate on arbitrary bytes, next to a
// fixed second file so cross-file references are exercised too.
func FuzzResolve(f *testing.F) {
	addSeeds(f)
	vars := []byte("variable \"region\" {}\nresource \"aws_lb\" \"main\" {}\nlocals {\n  port = 8000\n}\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		files := []source.File{{Path: "main.tf", Data: data}, {Path: "vars.tf", Data: vars}}
		for _, d := range Lint(files, Options{Production: true}) {
			if d.Rule == "" || d.Subject.Start.Line < 1 || d.Summary.IsZero() {
				t.Fatalf("bad diagnostic %+v", d)
			}
			checkRendered(t, d)
		}
		m, _ := Load(files, Options{})
		_ = m.Data()
		for _, p := range []string{"resource.aws_lb.main", "aws_ecs_service.api.load_balancer[0].container_port",
			"variable.region.default", "terraform.backend", "local.port", "provider.aws.region"} {
			m.Locate(p)
		}
	})
}
