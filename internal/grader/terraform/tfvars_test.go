package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/diag"
)

const tfvarsDecls = "variable \"port\" {\n  type = number\n}\nvariable \"tags\" {\n  type = map(string)\n  default = {}\n}\nvariable \"region\" {\n  type    = string\n  default = \"eu-west-1\"\n}\n"

// tfvarsCases cover the variable files Terraform reads on its own.
var tfvarsCases = []ruleCase{
	{name: "tfvars/wrong types", rule: "tf/tfvars",
		files: map[string]string{"variables.tf": tfvarsDecls, "terraform.tfvars": "port = \"http\"\ntags = [\"a\"]\n"},
		want:  []string{"terraform.tfvars:1:8-1:14", "terraform.tfvars:2:8-2:13"}, summary: `Value for "port" is not a number`},
	{name: "tfvars/undeclared variable", rule: "tf/tfvars",
		files: map[string]string{"variables.tf": tfvarsDecls, "prod.auto.tfvars": "port   = 80\nregoin = \"us-east-1\"\n"},
		want:  []string{"prod.auto.tfvars:2:1-2:7"}, sev: diag.SeverityWarning, hint: "`region`"},
	{name: "tfvars/reference and block", rule: "tf/tfvars",
		files: map[string]string{"variables.tf": tfvarsDecls, "terraform.tfvars": "port = var.region\ntags {\n}\n"},
		want:  []string{"terraform.tfvars:1:8-1:18", "terraform.tfvars:2:1-2:5"}, summary: "must be a literal"},
	// Values that convert, a file only -var-file reads, and a called
	// module's own file (Terraform reads variable files only where it runs).
	{name: "tfvars/valid and ignored files", rule: "tf/tfvars",
		files: map[string]string{
			"variables.tf":           tfvarsDecls + "module \"c\" {\n  source = \"./child\"\n}\n",
			"terraform.tfvars":       "port = \"8080\"\ntags = { team = \"api\" }\n",
			"staging.tfvars":         "port = \"http\"\nother = 1\n",
			"child/main.tf":          "variable \"n\" {\n  type    = number\n  default = 1\n}\n",
			"child/test.tfvars":      "n = \"x\"\n",
			"child/terraform.tfvars": "n = \"x\"\nm = 2\n",
		}},
	// A variable file's value is what the rules judge.
	{name: "sg-open-admin/cidr from terraform.tfvars", rule: "tf/sg-open-admin",
		files: map[string]string{
			"main.tf":          "variable \"admin_cidr\" {\n  type = string\n}\nresource \"aws_vpc_security_group_ingress_rule\" \"ssh\" {\n  security_group_id = \"sg-1\"\n  ip_protocol       = \"tcp\"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = var.admin_cidr\n}\n",
			"terraform.tfvars": "admin_cidr = \"0.0.0.0/0\"\n",
		},
		want: []string{"main.tf:9:23-9:37"}, sev: diag.SeverityWarning},
	{name: "syntax/broken variable file", rule: "tf/syntax",
		files: map[string]string{"variables.tf": tfvarsDecls, "terraform.tfvars": "port = \n"},
		want:  []string{"terraform.tfvars:1:8-2:1"}},
}

func init() { ruleCases = append(ruleCases, tfvarsCases...) }

// TestVarFileValues: the automatic files override defaults in Terraform's
// order (terraform.tfvars, then *.auto.tfvars by name); other .tfvars
// files are not read.
func TestVarFileValues(t *testing.T) {
	files := readFiles(map[string]string{
		"main.tf":          "variable \"n\" {\n  type    = number\n  default = 1\n}\nvariable \"s\" {\n  type    = string\n  default = \"default\"\n}\nvariable \"k\" {\n  type = list(string)\n}\n",
		"terraform.tfvars": "n = 2\ns = \"base\"\n",
		"b.auto.tfvars":    "n = \"4\"\n",
		"a.auto.tfvars":    "n = 3\nk = [\"x\"]\n",
		"dev.tfvars":       "s = \"dev\"\n",
	})
	m, _ := Load(files, Options{})
	vars := m.Values().Context().Variables["var"]
	for name, want := range map[string]cty.Value{
		"n": cty.NumberIntVal(4),
		"s": cty.StringVal("base"),
		"k": cty.ListVal([]cty.Value{cty.StringVal("x")}),
	} {
		if got := vars.GetAttr(name); !got.RawEquals(want) {
			t.Errorf("var.%s = %#v, want %#v", name, got, want)
		}
	}
}
