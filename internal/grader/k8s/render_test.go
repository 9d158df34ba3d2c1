package k8s

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/source"
)

// kustomizeFixture reads testdata/kustomize: a base, an overlay that
// builds on it with a patch, labels and a generator, and a folder whose
// base is missing.
func kustomizeFixture(t *testing.T) []source.File {
	t.Helper()
	var files []source.File
	err := filepath.WalkDir(filepath.Join("testdata", "kustomize"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files = append(files, source.File{Path: p, Data: b})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestKustomizeBuild lints the built objects and holds every finding to
// the file and place a learner edits: the base, the patch, the generator
// entry; a folder that does not build gets the library's message once and
// its files are checked as they stand.
func TestKustomizeBuild(t *testing.T) {
	files := kustomizeFixture(t)
	ds := Lint(files, Options{})
	var got []string
	p := printer(t, "en")
	for _, d := range ds {
		rel, err := filepath.Rel(filepath.Join("testdata", "kustomize"), d.Subject.Filename)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, filepath.ToSlash(rel)+" "+where(d, false)+" "+d.Rule)
		if strings.Contains(d.Subject.Filename, "kustomize build") {
			t.Errorf("finding left in the built output: %s %s", where(d, true), p.Text(d.Summary))
		}
	}
	want := []string{
		"base/deployment.yaml 3:1-3:9 error k8s/invalid-label",
		"base/deployment.yaml 23:21-23:25 warning k8s/probe-port-mismatch",
		"base/kustomization.yaml 1:1-1:44 info k8s/not-kubernetes",
		"base/service.yaml 3:1-3:9 error k8s/invalid-label",
		"broken/deployment.yaml 23:21-23:25 warning k8s/probe-port-mismatch",
		"broken/kustomization.yaml 2:1-2:44 error k8s/kustomize-build",
		"broken/kustomization.yaml 2:1-2:44 info k8s/not-kubernetes",
		"prod/kustomization.yaml 1:1-1:44 info k8s/not-kubernetes",
		"prod/kustomization.yaml 13:11-13:21 error k8s/invalid-label",
		"prod/kustomization.yaml 13:11-13:21 warning k8s/configmap-credentials",
		"prod/replicas.yaml 11:18-11:44 warning k8s/image-latest",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		for _, d := range ds {
			t.Logf("%s %s: %s", where(d, true), d.Rule, p.Text(d.Summary))
		}
	}
	for _, d := range ds {
		s := p.Text(d.Summary)
		switch {
		case d.Rule == ruleKustomizeBuild && !strings.Contains(s, "testdata/kustomize/missing-base"):
			t.Errorf("build failure %q does not name the missing base as given", s)
		case d.Rule == ruleInvalidLabel && !strings.Contains(s, "as kustomize builds it"):
			t.Errorf("finding on a field only kustomize writes says nothing of it: %q", s)
		case d.Rule == ruleImageLatest && strings.Contains(s, "kustomize builds"):
			t.Errorf("finding in the patch that writes it carries a note: %q", s)
		}
	}

	s, lds := Load(files, Options{})
	lds = append(lds, Check(s, Options{})...)
	lds.Sort()
	if !reflect.DeepEqual(lds, ds) {
		t.Errorf("Lint and Load+Check differ:\n%v\n%v", ds, lds)
	}
	var deploy *Object
	for i, o := range s.Objects() {
		if o.Kind == "Deployment" && o.Namespace == "scoring" {
			deploy = &s.Objects()[i]
		}
	}
	if deploy == nil {
		t.Fatalf("no built Deployment among %+v", s.Objects())
	}
	if deploy.Name != "prod-scorer" || deploy.File != filepath.Join("testdata", "kustomize", "base", "deployment.yaml") {
		t.Errorf("built Deployment is %s in %s", deploy.Name, deploy.File)
	}
	r, ok := s.Locate(deploy.Index, "spec.template.spec.containers[0].image")
	if !ok || r.Filename != filepath.Join("testdata", "kustomize", "prod", "replicas.yaml") || r.Start.Line != 11 {
		t.Errorf("image located at %+v, want the patch's line 11", r)
	}
}

// TestKustomizeNeverReadsOutside: a base outside the files given is not
// read, even when it exists on disk, and the overlay's files are checked
// as they stand instead.
func TestKustomizeNeverReadsOutside(t *testing.T) {
	var files []source.File
	for _, f := range kustomizeFixture(t) {
		if strings.Contains(filepath.ToSlash(f.Path), "/prod/") {
			files = append(files, f)
		}
	}
	for _, d := range Lint(files, Options{}) {
		if d.Rule == ruleKustomizeBuild || strings.Contains(filepath.ToSlash(d.Subject.Filename), "/base/") {
			t.Errorf("the base outside the files was read: %s %s", where(d, true), d.Rule)
		}
	}
}
