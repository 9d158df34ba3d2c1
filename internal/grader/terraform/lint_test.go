package terraform

import (
	"reflect"
	"testing"

	"github.com/iactutor/iactutor/internal/source"
)

// TestDeterministic lints the same broken module repeatedly, with files in
// different orders, and expects identical output every time.
func TestDeterministic(t *testing.T) {
	files := []source.File{
		{Path: "a.tf", Data: []byte("resource \"aws_ecs_service\" \"api\" {\n  desired_cont = 2\n  cluster = aws_ecs_cluster.mian.id\n}\n")},
		{Path: "b.tf", Data: []byte("variable \"db_password\" {}\nvariable \"api_token\" {}\noutput \"x\" {\n  value = var.regoin\n}\n")},
		{Path: "c.tf", Data: []byte("resource \"aws_ecs_cluster\" \"main\" {\n  name = \"c\"\n}\nresource \"aws_s3_bucket\" \"a\" {}\nresource \"aws_s3_bucket\" \"b\" {}\n")},
	}
	first := Lint(files, Options{})
	if len(first) < 8 {
		t.Fatalf("expected many diagnostics, got %v", describe(first))
	}
	for i := range 20 {
		shuffled := []source.File{files[(i+1)%3], files[(i+2)%3], files[i%3]}
		if got := Lint(shuffled, Options{}); !reflect.DeepEqual(got, first) {
			t.Fatalf("run %d differs:\n%v\nvs\n%v", i, describe(got), describe(first))
		}
	}
}

// TestOtherFilesStillChecked proves a syntax error in one file does not
// stop the checks of the others.
func TestOtherFilesStillChecked(t *testing.T) {
	ds := lint(t, map[string]string{
		"broken.tf": "resource \"aws_s3_bucket\" \"b\" {\n",
		"ok.tf":     "resource \"aws_ecs_service\" \"api\" {\n  name          = \"api\"\n  desired_count = \"two\"\n}\n",
	}, Options{})
	got := rulesOf(ds)
	want := []string{"tf/missing-tags", "tf/syntax", "tf/wrong-type"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rules = %v, want %v\n%v", got, want, describe(ds))
	}
}

// TestNonTerraformFilesIgnored checks files that are not .tf are skipped.
func TestNonTerraformFilesIgnored(t *testing.T) {
	ds := Lint([]source.File{{Path: "k8s/deploy.yaml", Data: []byte("apiVersion: v1\n")}, {Path: "README.md", Data: []byte("# x")}}, Options{})
	if len(ds) != 0 {
		t.Errorf("got %v", describe(ds))
	}
	if ds := Check(nil, Options{}); ds != nil {
		t.Errorf("Check(nil) = %v", ds)
	}
}

// TestLoadThenCheckEqualsLint keeps the split API consistent with Lint.
func TestLoadThenCheckEqualsLint(t *testing.T) {
	files := readFiles(map[string]string{"main.tf": "variable \"a\" {\n  type = number\n  default = \"x\"\n}\nresorce \"b\" \"c\" {}\n"})
	m, ds := Load(files, Options{})
	ds = append(ds, Check(m, Options{})...)
	ds.Sort()
	if got := Lint(files, Options{}); !reflect.DeepEqual(got, ds) {
		t.Errorf("Lint %v\nLoad+Check %v", describe(got), describe(ds))
	}
}
