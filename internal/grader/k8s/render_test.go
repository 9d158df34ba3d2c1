package k8s

import (
	"io/fs"
	"maps"
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

// kzFiles is a kustomization in folder k with body, the Deployment the
// cases vary as d.yaml, and more files by name.
func kzFiles(body string, more map[string]string) []source.File {
	files := []source.File{
		{Path: filepath.Join("k", "kustomization.yaml"), Data: []byte(kustomizeFile(body))},
		{Path: filepath.Join("k", "d.yaml"), Data: []byte(deploy)},
	}
	for _, name := range slices.Sorted(maps.Keys(more)) {
		files = append(files, source.File{Path: filepath.Join("k", name), Data: []byte(more[name])})
	}
	return files
}

// TestKustomizeFollowsNames: a name prefix and a generator's hash rename
// objects, and every field naming them follows, so no reference is found
// missing in the built objects.
func TestKustomizeFollowsNames(t *testing.T) {
	d := replace(deploy, "          ports:\n", "          envFrom:\n            - configMapRef:\n                name: churn-env\n          ports:\n")
	hpa := "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: churn-api\nspec:\n" +
		"  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: churn-api\n  minReplicas: 2\n  maxReplicas: 4\n"
	files := kzFiles("namePrefix: x-\nresources:\n  - d.yaml\n  - hpa.yaml\nconfigMapGenerator:\n  - name: churn-env\n    literals:\n      - MODE=fast\n",
		map[string]string{"hpa.yaml": hpa})
	files[1].Data = []byte(d)
	s, ds := Load(files, Options{})
	ds = append(ds, Check(s, Options{})...)
	for _, d := range ds {
		switch d.Rule {
		case ruleRefMissing, ruleHPATargetMissing, ruleKustomizeBuild:
			t.Errorf("%s %s: a renamed object is not followed", where(d, true), d.Rule)
		}
	}
	names := map[string]string{}
	for _, o := range s.Objects() {
		names[o.Kind] = o.Name
	}
	if names["Deployment"] != "x-churn-api" || !strings.HasPrefix(names["ConfigMap"], "x-churn-env-") {
		t.Errorf("built names %v, want the prefix and a hash", names)
	}
}

// TestKustomizeUnfollowedFeatures: a kustomization using a feature the
// build does not follow is not built; its files are checked as they
// stand, with no build failure. The others build.
func TestKustomizeUnfollowedFeatures(t *testing.T) {
	ref := "    objref:\n      apiVersion: apps/v1\n      kind: Deployment\n      name: churn-api\n"
	plugin := "apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata:\n  name: p\nprefix: y-\nfieldSpecs:\n  - path: metadata/name\n"
	tests := []struct {
		name, body string
		more       map[string]string
		built      bool
	}{
		{name: "prefix only", body: "", built: true},
		{name: "configurations", body: "configurations:\n  - c.yaml\n", built: true,
			more: map[string]string{"c.yaml": "images:\n  - path: spec/runner/image\n    kind: Runner\n"}},
		{name: "component", body: "components:\n  - ../c\n", built: true,
			more: map[string]string{filepath.Join("..", "c", "kustomization.yaml"): "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  team: data\n"}},
		{name: "vars", body: "vars:\n  - name: NAME\n" + ref},
		{name: "transformer plugin", body: "transformers:\n  - t.yaml\n", more: map[string]string{"t.yaml": plugin}},
		{name: "generator plugin", body: "generators:\n  - t.yaml\n", more: map[string]string{"t.yaml": plugin}},
		{name: "validator plugin", body: "validators:\n  - t.yaml\n", more: map[string]string{"t.yaml": plugin}},
		{name: "CRD schema", body: "crds:\n  - crd.json\n", more: map[string]string{"crd.json": "{}"}},
		{name: "var references", body: "configurations:\n  - c.yaml\n",
			more: map[string]string{"c.yaml": "varReference:\n  - path: spec/x\n    kind: Runner\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := kzFiles("namePrefix: x-\nresources:\n  - d.yaml\n"+tt.body, tt.more)
			s, ds := Load(files, Options{})
			ds = append(ds, Check(s, Options{})...)
			for _, d := range ds {
				if d.Rule == ruleKustomizeBuild {
					t.Errorf("%s: %s", where(d, true), printer(t, "en").Text(d.Summary))
				}
			}
			want := "churn-api"
			if tt.built {
				want = "x-churn-api"
			}
			var got []string
			for _, o := range s.Objects() {
				if o.Kind == "Deployment" {
					got = append(got, o.Name+" in "+filepath.ToSlash(o.File))
				}
			}
			if !slices.Equal(got, []string{want + " in k/d.yaml"}) {
				t.Errorf("Deployments %q, want %s in k/d.yaml", got, want)
			}
		})
	}
}
