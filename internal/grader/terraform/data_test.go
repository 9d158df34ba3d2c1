package terraform

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/source"
)

func loadGood(t *testing.T) *Module {
	t.Helper()
	m, ds := Load(readDir(t, "testdata/good"), Options{})
	if len(ds) > 0 {
		t.Fatalf("load: %v", describe(ds))
	}
	return m
}

func dig(t *testing.T, v any, keys ...any) any {
	t.Helper()
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %q: %T is not a map", k, v)
			}
			v, ok = m[k]
			if !ok {
				t.Fatalf("no key %q", k)
			}
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("at [%d]: %T is not a long enough list", k, v)
			}
			v = l[k]
		}
	}
	return v
}

func TestData(t *testing.T) {
	d := loadGood(t).Data()
	cases := []struct {
		path []any
		want any
	}{
		{[]any{"resources", "aws_ecs_service", "api", "desired_count"}, "var.desired_count"},
		{[]any{"resources", "aws_ecs_service", "api", "launch_type"}, "FARGATE"},
		{[]any{"resources", "aws_ecs_service", "api", "load_balancer", 0, "container_port"}, int64(8000)},
		{[]any{"resources", "aws_ecs_service", "api", "deployment_circuit_breaker", 0, "rollback"}, true},
		{[]any{"resources", "aws_ecs_service", "api", "depends_on"}, []any{"aws_lb_listener.http"}},
		{[]any{"resources", "aws_ecs_task_definition", "api", "requires_compatibilities"}, []any{"FARGATE"}},
		{[]any{"resources", "aws_security_group", "api", "egress", 0, "cidr_blocks"}, []any{"0.0.0.0/0"}},
		{[]any{"resources", "aws_appautoscaling_policy", "cpu", "target_tracking_scaling_policy_configuration", 0, "target_value"}, int64(70)},
		{[]any{"data", "aws_secretsmanager_secret_version", "db", "secret_id"}, "model-api/db"},
		{[]any{"variables", "region", "default"}, "eu-west-1"},
		{[]any{"variables", "region", "type"}, "string"},
		{[]any{"variables", "image_tags", "default"}, map[string]any{"api": "1.4.2"}},
		{[]any{"variables", "db_password", "sensitive"}, true},
		{[]any{"variables", "environment", "validation", 0, "error_message"}, "Use dev, staging or prod."},
		{[]any{"outputs", "url", "value"}, `"http://${aws_lb.main.dns_name}"`},
		{[]any{"locals", "container_port"}, int64(8000)},
		{[]any{"locals", "azs"}, []any{"eu-west-1a", "eu-west-1b"}},
		{[]any{"providers", "aws", 0, "region"}, "var.region"},
		{[]any{"providers", "aws", 0, "default_tags", 0, "tags", "Project"}, "model-api"},
		{[]any{"providers", "aws", 0, "default_tags", 0, "tags", "Environment"}, "var.environment"},
		{[]any{"resources", "aws_security_group", "api", "ingress", 0, "from_port"}, "local.container_port"},
		{[]any{"resources", "aws_lb", "main", "security_groups"}, []any{"aws_security_group.api.id"}},
		{[]any{"terraform", "required_version"}, ">= 1.10"},
		{[]any{"terraform", "required_providers", "aws"}, map[string]any{"source": "hashicorp/aws", "version": "~> 5.0"}},
		{[]any{"backend", "type"}, "s3"},
		{[]any{"backend", "use_lockfile"}, true},
	}
	for _, tc := range cases {
		if got := dig(t, d, tc.path...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v = %#v, want %#v", tc.path, got, tc.want)
		}
	}
	// The shape must survive JSON (what CEL bindings and golden files use).
	if _, err := json.Marshal(d); err != nil {
		t.Errorf("Data is not JSON-encodable: %v", err)
	}
}

func TestDataWithoutBackend(t *testing.T) {
	m, _ := Load(readFiles(map[string]string{"main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  provisioner \"local-exec\" {\n    command = \"true\"\n  }\n}\n"}), Options{})
	d := m.Data()
	if d["backend"] != nil {
		t.Errorf("backend = %#v, want nil", d["backend"])
	}
	if got := dig(t, d, "resources", "aws_s3_bucket", "b", "provisioner", 0, "_labels"); !reflect.DeepEqual(got, []any{"local-exec"}) {
		t.Errorf("labels = %#v", got)
	}
	var nilModule *Module
	if len(nilModule.Data()) != 0 {
		t.Error("nil module should give empty data")
	}
}

func TestLocate(t *testing.T) {
	m := loadGood(t)
	cases := []struct {
		path string
		want string // file:L:C-L:C, "" for absent
	}{
		{"resource.aws_ecs_service.api.desired_count", "ecs.tf:129:21-129:38"},
		{"aws_ecs_service.api.desired_count", "ecs.tf:129:21-129:38"},
		{"resource.aws_ecs_service.api", "ecs.tf:125:1-125:33"},
		{"resource.aws_ecs_service.api.load_balancer.container_port", "ecs.tf:140:24-140:28"},
		{"resource.aws_ecs_service.api.load_balancer[0].container_port", "ecs.tf:140:24-140:28"},
		{"resource.aws_ecs_service.api.load_balancer.0.container_port", "ecs.tf:140:24-140:28"},
		{"resource.aws_ecs_service.api.load_balancer[1].container_port", ""},
		{"resource.aws_ecs_service.api.nothing", ""},
		{"resource.aws_ecs_service.web", ""},
		{"variable.region.default", "variables.tf:4:17-4:28"},
		{"var.region", "variables.tf:1:1-1:18"},
		{"terraform.backend", "main.tf:11:3-11:15"},
		{"terraform.backend.use_lockfile", "main.tf:15:20-15:24"},
		{"terraform.required_version", "main.tf:2:22-2:31"},
		{"terraform.required_providers.aws.version", "main.tf:7:17-7:25"},
		{"terraform", "main.tf:1:1-1:10"},
		{"provider.aws.region", "main.tf:20:12-20:22"},
		{"provider.aws.default_tags.tags.Project", "main.tf:24:21-24:32"},
		{"local.container_port", "main.tf:38:20-38:24"},
		{"output.url.value", "outputs.tf:3:17-3:49"},
		{"data.aws_secretsmanager_secret_version.db.secret_id", "main.tf:33:15-33:29"},
		{"module.vpc", ""},
		{"", ""},
		{"resource", ""},
		{"resource.aws_ecs_service.api.load_balancer[x]", ""},
	}
	for _, tc := range cases {
		r, ok := m.Locate(tc.path)
		got := ""
		if ok {
			got = place(diag.Diagnostic{Subject: r})
		}
		if got != tc.want {
			t.Errorf("Locate(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// TestDataMoved: a check can only see a rename through the moved blocks,
// so each is listed with its addresses as written, spaces aside.
func TestDataMoved(t *testing.T) {
	cases := []struct {
		name, src string
		want      []any
	}{
		{"none", `resource "aws_ecs_service" "api" {}`, []any{}},
		{"two in order", `
resource "aws_ecs_service" "api" {}
moved {
  from = aws_lb_target_group.tg
  to   = aws_lb_target_group.api
}
moved {
  from = aws_ecs_service.svc
  to   = aws_ecs_service . api
}
`, []any{
			map[string]any{"from": "aws_lb_target_group.tg", "to": "aws_lb_target_group.api"},
			map[string]any{"from": "aws_ecs_service.svc", "to": "aws_ecs_service.api"},
		}},
		{"module and index", `
moved {
  from = module.old["a"]
  to   = module.new
}
`, []any{map[string]any{"from": `module.old["a"]`, "to": "module.new"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _ := Load([]source.File{{Path: "main.tf", Data: []byte(c.src)}}, Options{})
			if got := m.Data()["moved"]; !reflect.DeepEqual(got, c.want) {
				t.Errorf("moved = %#v, want %#v", got, c.want)
			}
		})
	}
}
