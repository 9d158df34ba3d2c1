package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/diag"
)

// valueCases are the rules that read evaluated values; TestRules runs them
// with the others.
var valueCases = []ruleCase{
	// tf/wrong-type on evaluated values
	{name: "wrong-type/count from a bool variable", rule: "tf/wrong-type",
		files: main("variable \"on\" {\n  type    = bool\n  default = true\n}\nresource \"aws_s3_bucket\" \"b\" {\n  count = var.on\n}\n"),
		want:  []string{"main.tf:6:11-6:17"}, summary: "not a bool"},
	{name: "wrong-type/count from a word in a local", rule: "tf/wrong-type",
		files: main("locals {\n  n = \"two\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  count = local.n\n}\n"),
		want:  []string{"main.tf:5:11-5:18"}},
	{name: "wrong-type/for_each over a list in a local", rule: "tf/wrong-type",
		files: main("locals {\n  names = [\"a\", \"b\"]\n}\nresource \"aws_s3_bucket\" \"b\" {\n  for_each = local.names\n  bucket   = each.key\n}\n"),
		want:  []string{"main.tf:5:14-5:25"}, summary: "not a list"},
	{name: "wrong-type/for_each over a set of numbers", rule: "tf/wrong-type",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  for_each = toset([1, 2])\n}\n"),
		want:  []string{"main.tf:2:14-2:27"}, summary: "set of number"},
	{name: "wrong-type/list variable into a string argument", rule: "tf/wrong-type",
		files: main("variable \"l\" {\n  type = list(string)\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = var.l\n}\n"),
		want:  []string{"main.tf:5:12-5:17"}, summary: `"bucket"`},
	{name: "wrong-type/computed map into a string argument", rule: "tf/wrong-type",
		files: main("resource \"aws_s3_bucket\" \"a\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = aws_s3_bucket.a.tags_all\n}\n"),
		want:  []string{"main.tf:3:12-3:36"}},
	// A variable without a type may be given any type by whoever sets it,
	// and a numeric string converts to a number.
	{name: "wrong-type/evaluated values that fit", rule: "tf/wrong-type",
		files: main("variable \"any\" {\n  default = [\"a\"]\n}\nlocals {\n  n = \"3\"\n  m = { a = \"x\" }\n}\nresource \"aws_s3_bucket\" \"b\" {\n  count  = local.n\n  bucket = var.any[0]\n}\nresource \"aws_s3_bucket\" \"c\" {\n  for_each = merge(local.m, { b = \"y\" })\n  bucket   = each.value\n}\nresource \"aws_s3_bucket\" \"d\" {\n  for_each = toset(var.any)\n  bucket   = upper(each.key)\n}\n")},

	// Checked against another major version, resource attributes have no
	// type to judge.
	{name: "wrong-type/resource types of another provider version", rule: "tf/wrong-type",
		files: main("terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \">= 6.0\"\n    }\n  }\n}\nresource \"aws_s3_bucket\" \"a\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  count = aws_s3_bucket.a.tags_all\n}\n")},
	{name: "wrong-type/resource attribute of the wrong type for count", rule: "tf/wrong-type",
		files: main("resource \"aws_s3_bucket\" \"a\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  count = aws_s3_bucket.a.tags_all\n}\n"),
		want:  []string{"main.tf:3:11-3:35"}, summary: "not a map"},

	// tf/module-input-type on evaluated values
	{name: "module-input-type/evaluated local", rule: "tf/module-input-type",
		files: map[string]string{
			"main.tf":       "locals {\n  size = \"large\"\n}\nmodule \"c\" {\n  source = \"./child\"\n  size   = local.size\n}\n",
			"child/main.tf": "variable \"size\" {\n  type = number\n}\n",
		},
		want: []string{"main.tf:6:12-6:22"}},
	{name: "module-input-type/evaluated local that converts", rule: "tf/module-input-type",
		files: map[string]string{
			"main.tf":       "locals {\n  size = \"3\"\n}\nmodule \"c\" {\n  source = \"./child\"\n  size   = local.size\n}\n",
			"child/main.tf": "variable \"size\" {\n  type = number\n}\n",
		}},

	// tf/each-value-set
	{name: "each-value-set/set", rule: "tf/each-value-set",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  for_each = toset([\"a\", \"b\"])\n  bucket   = each.value\n}\n"),
		want:  []string{"main.tf:3:14-3:24"}, sev: diag.SeverityInfo, summary: "same as `each.key`"},
	{name: "each-value-set/map", rule: "tf/each-value-set",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  for_each = { a = \"x\" }\n  bucket   = each.value\n}\n")},

	// tf/known-after-apply
	{name: "known-after-apply/for_each keys from ids", rule: "tf/known-after-apply",
		files: main("resource \"aws_s3_bucket\" \"a\" {}\nresource \"aws_s3_bucket_versioning\" \"v\" {\n  for_each = toset([aws_s3_bucket.a.id])\n  bucket   = each.key\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n"),
		want:  []string{"main.tf:3:14-3:41"}, summary: "aws_s3_bucket.a.id"},
	{name: "known-after-apply/count from an arn", rule: "tf/known-after-apply",
		files: main("resource \"aws_s3_bucket\" \"a\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  count = aws_s3_bucket.a.arn == \"\" ? 0 : 1\n}\n"),
		want:  []string{"main.tf:3:11-3:44"}, summary: "aws_s3_bucket.a.arn"},
	{name: "known-after-apply/for expression keyed by ids", rule: "tf/known-after-apply",
		files: main("resource \"aws_subnet\" \"s\" {\n  for_each   = { a = \"10.0.1.0/24\" }\n  vpc_id     = \"vpc-1\"\n  cidr_block = each.value\n}\nresource \"aws_route_table_association\" \"r\" {\n  for_each       = { for k, s in aws_subnet.s : s.id => k }\n  subnet_id      = each.key\n  route_table_id = \"rtb-1\"\n}\n"),
		want:  []string{"main.tf:7:20-7:60"}, summary: "aws_subnet.s.id"},
	// Values known after apply are fine as map values, and an argument the
	// configuration sets is known at plan.
	{name: "known-after-apply/values and configured arguments", rule: "tf/known-after-apply",
		files: main("resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"logs\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  for_each = { a = aws_s3_bucket.a.id }\n  bucket   = each.value\n}\nresource \"aws_s3_bucket\" \"c\" {\n  for_each = toset([aws_s3_bucket.a.bucket])\n  bucket   = each.key\n}\n")},

	// tf/moved-removed
	{name: "moved-removed/old address still declared", rule: "tf/moved-removed",
		files: main("resource \"aws_s3_bucket\" \"a\" {}\nresource \"aws_s3_bucket\" \"b\" {}\nmoved {\n  from = aws_s3_bucket.a\n  to   = aws_s3_bucket.b\n}\nremoved {\n  from = aws_s3_bucket.b\n  lifecycle {\n    destroy = false\n  }\n}\n"),
		want:  []string{"main.tf:4:10-4:25", "main.tf:8:10-8:25"}, summary: "still declared"},
	{name: "moved-removed/move to nowhere", rule: "tf/moved-removed",
		files: main("resource \"aws_s3_bucket\" \"logs\" {}\nmoved {\n  from = aws_s3_bucket.old\n  to   = aws_s3_bucket.log\n}\n"),
		want:  []string{"main.tf:4:10-4:27"}, sev: diag.SeverityWarning, summary: "ends in a destroy"},
	{name: "moved-removed/valid", rule: "tf/moved-removed",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  count = 1\n}\nmoved {\n  from = aws_s3_bucket.a\n  to   = aws_s3_bucket.b\n}\nmoved {\n  from = aws_s3_bucket.b\n  to   = aws_s3_bucket.b[0]\n}\nremoved {\n  from = aws_s3_bucket.old\n  lifecycle {\n    destroy = false\n  }\n}\n")},

	// tf/ignore-changes
	{name: "ignore-changes/unknown name", rule: "tf/ignore-changes",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  lifecycle {\n    ignore_changes = [tags, bukcet]\n  }\n}\n"),
		want:  []string{"main.tf:3:29-3:35"}, hint: "`bucket`"},
	{name: "ignore-changes/valid", rule: "tf/ignore-changes",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  lifecycle {\n    ignore_changes = [tags[\"Owner\"], bucket]\n  }\n}\nresource \"aws_s3_bucket\" \"c\" {\n  lifecycle {\n    ignore_changes = all\n  }\n}\n")},

	// tf/sg-open-admin
	{name: "sg-open-admin/ssh to the world", rule: "tf/sg-open-admin",
		files: main("resource \"aws_security_group\" \"s\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\nresource \"aws_vpc_security_group_ingress_rule\" \"all\" {\n  security_group_id = aws_security_group.s.id\n  ip_protocol       = \"-1\"\n  cidr_ipv6         = \"::/0\"\n}\n"),
		want:  []string{"main.tf:6:19-6:32", "main.tf:12:23-12:29"}, sev: diag.SeverityWarning, summary: "Port 22"},
	{name: "sg-open-admin/https to the world, ssh from the office", rule: "tf/sg-open-admin",
		files: main("locals {\n  office = \"203.0.113.0/24\"\n}\nresource \"aws_security_group\" \"s\" {\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [local.office]\n  }\n}\n")},

	// tf/sg-port-range
	{name: "sg-port-range/reversed", rule: "tf/sg-port-range",
		files: main("resource \"aws_security_group_rule\" \"r\" {\n  type              = \"ingress\"\n  security_group_id = \"sg-1\"\n  from_port         = 443\n  to_port           = 80\n  protocol          = \"tcp\"\n  cidr_blocks       = [\"10.0.0.0/8\"]\n}\n"),
		want:  []string{"main.tf:4:23-4:26"}, summary: "(443) is greater than `to_port` (80)"},
	// ICMP uses from_port for the type and to_port for the code.
	{name: "sg-port-range/icmp and ordered ports", rule: "tf/sg-port-range",
		files: main("resource \"aws_security_group_rule\" \"r\" {\n  type              = \"ingress\"\n  security_group_id = \"sg-1\"\n  from_port         = 8\n  to_port           = 0\n  protocol          = \"icmp\"\n  cidr_blocks       = [\"10.0.0.0/8\"]\n}\nresource \"aws_security_group_rule\" \"t\" {\n  type              = \"egress\"\n  security_group_id = \"sg-1\"\n  from_port         = 80\n  to_port           = 443\n  protocol          = \"tcp\"\n  cidr_blocks       = [\"10.0.0.0/8\"]\n}\n")},

	// tf/iam-policy
	{name: "iam-policy/effect, action and statement shape", rule: "tf/iam-policy",
		files: main("resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Permit\"\n      Action   = [\"s3:GetObject\"]\n      Resource = \"*\"\n    }, {\n      Effect   = \"Allow\"\n      Resource = \"*\"\n    }]\n  })\n}\nresource \"aws_iam_role\" \"r\" {\n  assume_role_policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = \"sts:AssumeRole\"\n  })\n}\n"),
		want:  []string{"main.tf:5:18-5:26", "main.tf:8:8-11:6", "main.tf:17:17-17:33"}, summary: `not "Permit"`},
	{name: "iam-policy/valid", rule: "tf/iam-policy",
		files: main("locals {\n  actions = [\"s3:GetObject\"]\n}\nresource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n      Action   = local.actions\n      Resource = \"*\"\n    }]\n  })\n}\nresource \"aws_iam_role\" \"r\" {\n  assume_role_policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = {\n      Effect    = \"Allow\"\n      Principal = { Service = \"ecs-tasks.amazonaws.com\" }\n      Action    = \"sts:AssumeRole\"\n    }\n  })\n}\n")},

	// tf/ecs-container-definition
	{name: "ecs-container-definition/no image, reservation above memory", rule: "tf/ecs-container-definition",
		files: main("resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t\"\n  container_definitions = jsonencode([{\n    name              = \"api\"\n    memory            = 256\n    memoryReservation = 512\n  }])\n}\n"),
		want:  []string{"main.tf:3:39-7:4", "main.tf:3:39-7:4"}, summary: "no `image`"},
	{name: "ecs-container-definition/host port in awsvpc", rule: "tf/ecs-container-definition",
		files: main("resource \"aws_ecs_task_definition\" \"t\" {\n  family       = \"t\"\n  network_mode = \"awsvpc\"\n  container_definitions = jsonencode([{\n    name         = \"api\"\n    image        = \"nginx\"\n    portMappings = [{ containerPort = 8000, hostPort = 80 }]\n  }])\n}\n"),
		want:  []string{"main.tf:7:21-7:60"}, summary: "hostPort"},
	{name: "ecs-container-definition/host port in bridge mode", rule: "tf/ecs-container-definition",
		files: main("resource \"aws_ecs_task_definition\" \"t\" {\n  family       = \"t\"\n  network_mode = \"bridge\"\n  container_definitions = jsonencode([{\n    name         = \"api\"\n    image        = \"nginx\"\n    portMappings = [{ containerPort = 8000, hostPort = 80 }]\n  }])\n}\n")},
	{name: "ecs-container-definition/valid", rule: "tf/ecs-container-definition",
		files: main("variable \"image\" {\n  type = string\n}\nresource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t\"\n  container_definitions = jsonencode([{\n    name              = \"api\"\n    image             = var.image\n    memory            = 512\n    memoryReservation = 256\n  }])\n}\n")},

	// tf/ecs-fargate
	{name: "ecs-fargate/memory pair and network mode", rule: "tf/ecs-fargate",
		files: main("locals {\n  cpu = 256\n}\nresource \"aws_ecs_task_definition\" \"t\" {\n  family                   = \"t\"\n  requires_compatibilities = [\"FARGATE\"]\n  network_mode             = \"bridge\"\n  cpu                      = local.cpu\n  memory                   = \"4096\"\n  container_definitions    = \"[]\"\n}\n"),
		want:  []string{"main.tf:7:30-7:38", "main.tf:9:30-9:36"}},
	{name: "ecs-fargate/memory hint lists the pairs", rule: "tf/ecs-fargate",
		files: main("resource \"aws_ecs_task_definition\" \"t\" {\n  family                   = \"t\"\n  requires_compatibilities = [\"FARGATE\"]\n  network_mode             = \"awsvpc\"\n  cpu                      = 256\n  memory                   = 4096\n  container_definitions    = \"[]\"\n}\n"),
		want:  []string{"main.tf:6:30-6:34"}, hint: "512, 1024, 2048"},
	{name: "ecs-fargate/valid", rule: "tf/ecs-fargate",
		files: main("resource \"aws_ecs_task_definition\" \"t\" {\n  family                   = \"t\"\n  requires_compatibilities = [\"FARGATE\"]\n  network_mode             = \"awsvpc\"\n  cpu                      = \"1024\"\n  memory                   = 3072\n  container_definitions    = \"[]\"\n}\nresource \"aws_ecs_task_definition\" \"ec2\" {\n  family                   = \"e\"\n  requires_compatibilities = [\"EC2\"]\n  network_mode             = \"bridge\"\n  cpu                      = 256\n  memory                   = 4096\n  container_definitions    = \"[]\"\n}\n")},

	// tf/listener-certificate
	{name: "listener-certificate/http", rule: "tf/listener-certificate",
		files: main("resource \"aws_lb_listener\" \"l\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1\"\n  port              = 80\n  protocol          = \"HTTP\"\n  certificate_arn   = \"arn:aws:acm:eu-west-1:123456789012:certificate/x\"\n  default_action {\n    type = \"fixed-response\"\n  }\n}\n"),
		want:  []string{"main.tf:5:3-5:18"}},
	{name: "listener-certificate/https", rule: "tf/listener-certificate",
		files: main("resource \"aws_lb_listener\" \"l\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1\"\n  port              = 443\n  protocol          = \"HTTPS\"\n  certificate_arn   = \"arn:aws:acm:eu-west-1:123456789012:certificate/x\"\n  default_action {\n    type = \"fixed-response\"\n  }\n}\n")},

	// tf/hardcoded-secret: settings and placeholders are not secrets.
	{name: "hardcoded-secret/settings and placeholders", rule: "tf/hardcoded-secret",
		files: main("resource \"aws_instance\" \"i\" {\n  metadata_options {\n    http_tokens = \"required\"\n  }\n}\nlocals {\n  oidc = {\n    client_id     = \"client_id\"\n    client_secret = \"client_secret\"\n  }\n}\n")},
}

func init() { ruleCases = append(ruleCases, valueCases...) }

// TestValues covers the exported evaluated model: defaults converted to
// their type, locals in dependency order, functions, and resource
// attributes that remember their address.
func TestValues(t *testing.T) {
	files := readFiles(main("variable \"n\" {\n  type    = number\n  default = \"2\"\n}\nvariable \"free\" {}\nlocals {\n  b = local.a * 2\n  a = var.n + 1\n  up = upper(\"x\")\n  odd = cidrsubnet(\"10.0.0.0/16\", 8, 1)\n  id = aws_s3_bucket.x.id\n}\nresource \"aws_s3_bucket\" \"x\" {}\n"))
	m, _ := Load(files, Options{})
	ctx := m.Values().Context()
	local := ctx.Variables["local"]
	if got := local.GetAttr("b"); !got.RawEquals(cty.NumberIntVal(6)) {
		t.Errorf("local.b = %#v, want 6", got)
	}
	if got := local.GetAttr("up"); !got.RawEquals(cty.StringVal("X")) {
		t.Errorf("local.up = %#v", got)
	}
	if got := local.GetAttr("odd"); got.IsKnown() {
		t.Errorf("a function we do not have gave %#v, want unknown", got)
	}
	if got := AfterApplyAddresses(local.GetAttr("id")); len(got) != 1 || got[0] != "aws_s3_bucket.x.id" {
		t.Errorf("local.id waits for %q, want aws_s3_bucket.x.id", got)
	}
	if got := ctx.Variables["var"].GetAttr("free"); got.IsKnown() {
		t.Errorf("a variable without default is %#v, want unknown", got)
	}
}

func init() {
	ruleCases = append(ruleCases, ruleCase{
		name: "sensitive-variable/a list of secret references", rule: "tf/sensitive-variable",
		files: main("variable \"secrets\" {\n  type = list(object({\n    name      = string\n    valueFrom = string\n  }))\n  default = []\n}\nvariable \"db_password\" {\n  type = string\n}\n"),
		want:  []string{"main.tf:8:10-8:23"},
	})
}
