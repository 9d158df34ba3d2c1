package validate

import (
	"fmt"
	"slices"
	"testing"

	"github.com/iactutor/iactutor/internal/source"
)

func paths(fs []source.File) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Path)
	}
	return out
}

func TestRoute(t *testing.T) {
	files := []source.File{
		{Path: "k8s/deploy.yaml"}, {Path: "infra/main.tf"}, {Path: "k8s/svc.YML"},
		{Path: "infra/vars.TF"}, {Path: "modules/net/main.tf"}, {Path: "values.yml"},
		{Path: "infra/x.tf.json"}, {Path: "infra/terraform.tfvars"}, {Path: "modules/net/prod.auto.TFVARS"},
	}
	g := Route(files)
	if got, want := paths(g.YAML), []string{"k8s/deploy.yaml", "k8s/svc.YML", "values.yml", "infra/x.tf.json"}; !slices.Equal(got, want) {
		t.Errorf("YAML %v, want %v", got, want)
	}
	if len(g.Modules) != 2 {
		t.Fatalf("modules %v", g.Modules)
	}
	if got, want := paths(g.Modules[0]), []string{"infra/main.tf", "infra/vars.TF", "infra/terraform.tfvars"}; !slices.Equal(got, want) {
		t.Errorf("first module %v, want %v", got, want)
	}
	if got, want := paths(g.Modules[1]), []string{"modules/net/main.tf", "modules/net/prod.auto.TFVARS"}; !slices.Equal(got, want) {
		t.Errorf("second module %v, want %v", got, want)
	}
	if g := Route(nil); g.YAML != nil || g.Modules != nil {
		t.Errorf("nothing in, something out: %+v", g)
	}
}

func TestLintRunsBothValidators(t *testing.T) {
	files := []source.File{
		{Path: "k8s/deploy.yaml", Data: []byte("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replcias: 2\n")},
		{Path: "infra/main.tf", Data: []byte("resource \"aws_ecs_cluster\" \"main\" {\n  nmae = \"x\"\n}\n")},
	}
	ds := Lint(files)
	var k8s, tf bool
	for _, d := range ds {
		switch d.Subject.Filename {
		case "k8s/deploy.yaml":
			k8s = k8s || d.Rule == "k8s/unknown-field"
		case "infra/main.tf":
			tf = tf || d.Rule == "tf/unknown-argument"
		}
	}
	if !k8s || !tf {
		t.Errorf("k8s unknown field found: %v, terraform unknown argument found: %v\n%v", k8s, tf, ds)
	}
}

// TestLintReadsVariableFiles: a folder's terraform.tfvars reaches the
// Terraform validator and is judged against the folder's variables.
func TestLintReadsVariableFiles(t *testing.T) {
	files := []source.File{
		{Path: "infra/variables.tf", Data: []byte("variable \"port\" {\n  type = number\n}\n")},
		{Path: "infra/terraform.tfvars", Data: []byte("port = \"http\"\nprot = 80\n")},
	}
	var got []string
	for _, d := range Lint(files) {
		if d.Rule == "tf/tfvars" {
			got = append(got, fmt.Sprintf("%s:%d:%d-%d:%d %v", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Subject.End.Line, d.Subject.End.Column, d.Severity))
		}
	}
	want := []string{"infra/terraform.tfvars:1:8-1:14 error", "infra/terraform.tfvars:2:1-2:5 warning"}
	if !slices.Equal(got, want) {
		t.Errorf("tf/tfvars findings %q, want %q", got, want)
	}
}
