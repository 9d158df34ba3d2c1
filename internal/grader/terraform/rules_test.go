package terraform

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

// ruleCase is one input and the exact diagnostics one rule must produce on
// it: their places (file:line:col-line:col), and optionally a summary and a
// hint that the first one must contain when read in lang (English if empty).
type ruleCase struct {
	name    string
	rule    string
	files   map[string]string
	opt     Options
	lang    string
	want    []string
	summary string
	hint    string
	sev     diag.Severity
}

func main(src string) map[string]string { return map[string]string{"main.tf": src} }

var ruleCases = []ruleCase{
	// tf/syntax
	{name: "syntax/missing value", rule: "tf/syntax",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  bucket =\n}\n"),
		want:  []string{"main.tf:2:11-3:1"}, summary: "Syntax error"},
	{name: "syntax/unclosed block", rule: "tf/syntax",
		files: main("variable \"a\" {\n  type = string\n"),
		want:  []string{"main.tf:1:14-1:15"}, summary: "Unclosed configuration block"},
	{name: "syntax/spanish summary", rule: "tf/syntax", lang: "es",
		files: main("variable \"a\" {\n  type = string\n"),
		want:  []string{"main.tf:1:14-1:15"}, summary: "Bloque de configuración sin cerrar"},
	{name: "syntax/valid", rule: "tf/syntax",
		files: main("variable \"a\" {\n  type = string\n}\n")},
	{name: "syntax/too deep", rule: "tf/syntax",
		files: main("locals {\n  x = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n}\n"),
		want:  []string{"main.tf:2:206-2:207"}, summary: "nested more than 200"},

	// tf/unknown-block
	{name: "unknown-block/ephemeral resource (1.10+)", rule: "tf/unknown-block",
		files: main("ephemeral \"random_password\" \"db\" {\n  length = 24\n}\nresource \"aws_secretsmanager_secret_version\" \"v\" {\n  secret_id                = \"x\"\n  secret_string_wo         = ephemeral.random_password.db.result\n  secret_string_wo_version = 1\n}\n")},
	{name: "undeclared-reference/ephemeral resource", rule: "tf/undeclared-reference",
		files: main("ephemeral \"random_password\" \"db\" {\n  length = 24\n}\nresource \"aws_secretsmanager_secret_version\" \"v\" {\n  secret_id                = \"x\"\n  secret_string_wo         = ephemeral.random_password.db.result\n  secret_string_wo_version = 1\n}\n")},
	{name: "unknown-block/top level typo", rule: "tf/unknown-block",
		files: main("resorce \"aws_s3_bucket\" \"b\" {}\n"),
		want:  []string{"main.tf:1:1-1:8"}, summary: `Unknown block type "resorce"`, hint: "`resource`"},
	{name: "unknown-block/variable nested", rule: "tf/unknown-block",
		files: main("variable \"a\" {\n  validaton {\n  }\n}\n"),
		want:  []string{"main.tf:2:3-2:12"}, hint: "`validation`"},
	{name: "unknown-block/resource nested", rule: "tf/unknown-block",
		files: main("resource \"aws_ecs_service\" \"api\" {\n  name = \"api\"\n  load_balancr {\n    container_name = \"api\"\n    container_port = 8000\n  }\n}\n"),
		want:  []string{"main.tf:3:3-3:15"}, hint: "`load_balancer`"},
	{name: "unknown-block/argument written as block", rule: "tf/unknown-block",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  tags {\n    Name = \"x\"\n  }\n}\n"),
		want:  []string{"main.tf:2:3-2:7"}, hint: "`tags = { ... }`"},
	{name: "unknown-block/dynamic of unknown block", rule: "tf/unknown-block",
		files: main("resource \"aws_security_group\" \"s\" {\n  dynamic \"ingres\" {\n    for_each = [1]\n    content {}\n  }\n}\n"),
		want:  []string{"main.tf:2:11-2:19"}, hint: "`ingress`"},
	// The hand-trimmed schema before the generated one called these unknown.
	{name: "unknown-block/real provider blocks", rule: "tf/unknown-block",
		files: main("resource \"aws_lb_listener\" \"l\" {\n  load_balancer_arn = \"arn\"\n  default_action {\n    type = \"forward\"\n    forward {\n      target_group {\n        arn = \"arn\"\n      }\n      stickiness {\n        duration = 60\n      }\n    }\n  }\n  default_action {\n    type = \"authenticate-oidc\"\n    authenticate_oidc {\n      authorization_endpoint = \"a\"\n      client_id              = \"b\"\n      client_secret          = var.s\n      issuer                 = \"c\"\n      token_endpoint         = \"d\"\n      user_info_endpoint     = \"e\"\n    }\n  }\n  timeouts {\n    create = \"10m\"\n  }\n}\nvariable \"s\" {\n  type      = string\n  sensitive = true\n}\ndata \"aws_vpc\" \"v\" {\n  tags = {\n    Name = \"main\"\n  }\n}\n")},
	// A list-of-objects argument may be written as blocks, as Terraform allows.
	{name: "unknown-block/argument written as blocks", rule: "tf/unknown-block",
		files: main("resource \"aws_security_group\" \"s\" {\n  ingress {\n    from_port = 443\n    to_port   = 443\n    protocol  = \"tcp\"\n  }\n}\n")},
	{name: "unknown-block/valid", rule: "tf/unknown-block",
		files: main("variable \"a\" {\n  validation {\n    condition     = var.a != \"\"\n    error_message = \"empty\"\n  }\n}\n")},

	// tf/block-labels
	{name: "block-labels/resource without name", rule: "tf/block-labels",
		files: main("resource \"aws_s3_bucket\" {\n}\n"),
		want:  []string{"main.tf:1:1-1:27"}, summary: `needs 2 label(s)`},
	{name: "block-labels/variable with two", rule: "tf/block-labels",
		files: main("variable \"a\" \"b\" {\n}\n"),
		want:  []string{"main.tf:1:14-1:17"}},
	{name: "block-labels/valid", rule: "tf/block-labels",
		files: main("variable \"a\" {}\n")},

	// tf/unknown-argument
	{name: "unknown-argument/resource typo", rule: "tf/unknown-argument",
		files: main("resource \"aws_ecs_service\" \"api\" {\n  name         = \"api\"\n  desired_cont = 2\n}\n"),
		want:  []string{"main.tf:3:3-3:15"}, summary: `Unknown argument "desired_cont" in aws_ecs_service.api`, hint: "`desired_count`"},
	{name: "unknown-argument/variable typo", rule: "tf/unknown-argument",
		files: main("variable \"a\" {\n  defualt = 1\n}\n"),
		want:  []string{"main.tf:2:3-2:10"}, hint: "`default`"},
	{name: "unknown-argument/top level", rule: "tf/unknown-argument",
		files: main("region = \"eu-west-1\"\n"),
		want:  []string{"main.tf:1:1-1:7"}},
	{name: "unknown-argument/computed only", rule: "tf/unknown-argument",
		files: main("resource \"aws_lb\" \"main\" {\n  dns_name = \"x\"\n}\n"),
		want:  []string{"main.tf:2:3-2:11"}, summary: `"dns_name" cannot be set`},
	{name: "unknown-argument/block written as argument", rule: "tf/unknown-argument",
		files: main("resource \"aws_ecs_service\" \"api\" {\n  name = \"api\"\n  load_balancer = {\n    container_port = 8000\n  }\n}\n"),
		want:  []string{"main.tf:3:3-3:16"}, summary: `"load_balancer" is a block`},
	{name: "unknown-argument/nested block", rule: "tf/unknown-argument",
		files: main("resource \"aws_lb_target_group\" \"tg\" {\n  health_check {\n    pth = \"/health\"\n  }\n}\n"),
		want:  []string{"main.tf:3:5-3:8"}, hint: "`path`"},
	{name: "unknown-argument/valid", rule: "tf/unknown-argument",
		files: main("resource \"aws_ecs_service\" \"api\" {\n  name          = \"api\"\n  desired_count = 2\n}\n")},

	// tf/missing-argument
	{name: "missing-argument/resource", rule: "tf/missing-argument",
		files: main("resource \"aws_ecs_service\" \"api\" {\n  desired_count = 2\n}\n"),
		want:  []string{"main.tf:1:1-1:33"}, summary: `aws_ecs_service.api is missing the required argument "name"`},
	{name: "missing-argument/output", rule: "tf/missing-argument",
		files: main("output \"url\" {\n  description = \"x\"\n}\n"),
		want:  []string{"main.tf:1:1-1:13"}, summary: `needs "value"`},
	{name: "missing-argument/required block", rule: "tf/missing-argument",
		files: main("resource \"aws_lb_listener\" \"http\" {\n  load_balancer_arn = \"arn\"\n}\n"),
		want:  []string{"main.tf:1:1-1:34"}, summary: `required "default_action" block`},
	{name: "missing-argument/nested", rule: "tf/missing-argument",
		files: main("resource \"aws_ecs_service\" \"api\" {\n  name = \"api\"\n  load_balancer {\n    container_name = \"api\"\n  }\n}\n"),
		want:  []string{"main.tf:3:3-3:16"}, summary: `"container_port"`},
	{name: "missing-argument/valid", rule: "tf/missing-argument",
		files: main("resource \"aws_ecs_cluster\" \"c\" {\n  name = \"c\"\n}\n")},

	// tf/wrong-type
	{name: "wrong-type/word for number", rule: "tf/wrong-type",
		files: main("resource \"aws_ecs_service\" \"api\" {\n  name          = \"api\"\n  desired_count = \"two\"\n}\n"),
		want:  []string{"main.tf:3:19-3:24"}, summary: `"desired_count" expects number, but this is a string`},
	{name: "wrong-type/string for set", rule: "tf/wrong-type",
		files: main("resource \"aws_lb\" \"main\" {\n  subnets = \"subnet-1\"\n}\n"),
		want:  []string{"main.tf:2:13-2:23"}},
	{name: "wrong-type/list for string", rule: "tf/wrong-type",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  bucket = [\"a\"]\n}\n"),
		want:  []string{"main.tf:2:12-2:17"}, summary: "expects string, but this is a list"},
	{name: "wrong-type/for_each list", rule: "tf/wrong-type",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  for_each = [\"a\", \"b\"]\n}\n"),
		want:  []string{"main.tf:2:14-2:24"}, hint: "toset"},
	{name: "wrong-type/count word", rule: "tf/wrong-type",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  count = \"many\"\n}\n"),
		want:  []string{"main.tf:2:11-2:17"}},
	{name: "wrong-type/convertible", rule: "tf/wrong-type",
		files: main("resource \"aws_ecs_service\" \"api\" {\n  name          = \"api\"\n  desired_count = \"2\"\n  launch_type   = \"FARGATE\"\n}\n")},

	// tf/invalid-type
	{name: "invalid-type/quoted", rule: "tf/invalid-type",
		files: main("variable \"a\" {\n  type = \"string\"\n}\n"),
		want:  []string{"main.tf:2:10-2:18"}, summary: "in quotes"},
	{name: "invalid-type/unknown keyword", rule: "tf/invalid-type",
		files: main("variable \"a\" {\n  type = text\n}\n"),
		want:  []string{"main.tf:2:10-2:14"}, summary: "`text` is not a type"},
	{name: "invalid-type/legacy list accepted", rule: "tf/invalid-type",
		files: main("variable \"a\" {\n  type = list\n}\n")},

	// tf/duplicate
	{name: "duplicate/resource", rule: "tf/duplicate",
		files: main("resource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket\" \"b\" {}\n"),
		want:  []string{"main.tf:2:10-2:29"}, summary: "`aws_s3_bucket.b` is declared twice"},
	{name: "duplicate/variable across files", rule: "tf/duplicate",
		files: map[string]string{"a.tf": "variable \"region\" {}\n", "b.tf": "\nvariable \"region\" {}\n"},
		want:  []string{"b.tf:2:10-2:18"}, summary: "`var.region` is declared twice"},
	{name: "duplicate/local", rule: "tf/duplicate",
		files: main("locals {\n  a = 1\n}\nlocals {\n  a = 2\n}\n"),
		want:  []string{"main.tf:5:3-5:4"}},
	{name: "duplicate/provider without alias", rule: "tf/duplicate",
		files: main("provider \"aws\" {}\nprovider \"aws\" {}\n"),
		want:  []string{"main.tf:2:10-2:15"}, hint: "alias"},
	{name: "duplicate/data", rule: "tf/duplicate",
		files: main("data \"aws_region\" \"r\" {}\ndata \"aws_region\" \"r\" {}\n"),
		want:  []string{"main.tf:2:6-2:22"}},
	{name: "duplicate/too many nested blocks", rule: "tf/duplicate",
		files: main("resource \"aws_ecs_service\" \"api\" {\n  name = \"api\"\n  network_configuration {\n    subnets = [\"a\"]\n  }\n  network_configuration {\n    subnets = [\"b\"]\n  }\n}\n"),
		want:  []string{"main.tf:6:3-6:24"}},
	{name: "duplicate/provider with alias", rule: "tf/duplicate",
		files: main("provider \"aws\" {}\nprovider \"aws\" {\n  alias = \"us\"\n}\n")},

	// tf/wrong-type: for_each over a variable declared as a list
	{name: "wrong-type/for_each over a list variable", rule: "tf/wrong-type",
		files: main("variable \"models\" {\n  type    = list(string)\n  default = [\"churn\"]\n}\n\nresource \"aws_ecr_repository\" \"m\" {\n  for_each = var.models\n  name     = each.key\n}\n"),
		want:  []string{"main.tf:7:14-7:24"}},
	{name: "wrong-type/for_each over a set variable", rule: "tf/wrong-type",
		files: main("variable \"models\" {\n  type    = set(string)\n  default = [\"churn\"]\n}\n\nresource \"aws_ecr_repository\" \"m\" {\n  for_each = var.models\n  name     = each.key\n}\n")},

	// tf/splat-for-each
	{name: "splat-for-each/map of instances", rule: "tf/splat-for-each",
		files: main("resource \"aws_ecr_repository\" \"m\" {\n  for_each = toset([\"churn\"])\n  name     = each.key\n}\n\noutput \"urls\" {\n  value = aws_ecr_repository.m[*].repository_url\n}\n"),
		want:  []string{"main.tf:7:31-7:34"}},
	{name: "splat-for-each/count is a list", rule: "tf/splat-for-each",
		files: main("resource \"aws_ecr_repository\" \"m\" {\n  count = 2\n  name  = \"churn\"\n}\n\noutput \"urls\" {\n  value = aws_ecr_repository.m[*].repository_url\n}\n")},

	// tf/count-and-for-each
	{name: "count-and-for-each/both", rule: "tf/count-and-for-each",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  count    = 2\n  for_each = toset([\"a\"])\n}\n"),
		want:  []string{"main.tf:3:3-3:11"}},
	{name: "count-and-for-each/one", rule: "tf/count-and-for-each",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  count = 2\n}\n")},

	// tf/invalid-name
	{name: "invalid-name/leading digit", rule: "tf/invalid-name",
		files: main("resource \"aws_s3_bucket\" \"1bucket\" {}\n"),
		want:  []string{"main.tf:1:26-1:35"}, summary: `"1bucket" is not a valid name`},
	{name: "invalid-name/space", rule: "tf/invalid-name",
		files: main("variable \"model api\" {}\n"),
		want:  []string{"main.tf:1:10-1:21"}},
	{name: "invalid-name/reserved variable", rule: "tf/invalid-name",
		files: main("variable \"count\" {}\n"),
		want:  []string{"main.tf:1:10-1:17"}, summary: "cannot name a variable"},
	{name: "invalid-name/valid", rule: "tf/invalid-name",
		files: main("variable \"model-api_2\" {}\n")},

	// tf/undeclared-reference
	{name: "undeclared-reference/variable typo", rule: "tf/undeclared-reference",
		files: main("variable \"region\" {}\nprovider \"aws\" {\n  region = var.regoin\n}\n"),
		want:  []string{"main.tf:3:12-3:22"}, summary: `Reference to undeclared variable "regoin"`, hint: "Did you mean `var.region`?"},
	{name: "undeclared-reference/local", rule: "tf/undeclared-reference",
		files: main("locals {\n  name = \"api\"\n}\noutput \"n\" {\n  value = local.nmae\n}\n"),
		want:  []string{"main.tf:5:11-5:21"}, hint: "`local.name`"},
	{name: "undeclared-reference/resource", rule: "tf/undeclared-reference",
		files: main("resource \"aws_lb\" \"main\" {}\noutput \"dns\" {\n  value = aws_lb.mian.dns_name\n}\n"),
		want:  []string{"main.tf:3:11-3:22"}, summary: "`aws_lb.mian`", hint: "`aws_lb.main`"},
	{name: "undeclared-reference/data", rule: "tf/undeclared-reference",
		files: main("output \"id\" {\n  value = data.aws_caller_identity.current.account_id\n}\n"),
		want:  []string{"main.tf:2:11-2:43"}},
	{name: "undeclared-reference/module", rule: "tf/undeclared-reference",
		files: main("output \"x\" {\n  value = module.vpc.id\n}\n"),
		want:  []string{"main.tf:2:11-2:21"}},
	{name: "undeclared-reference/bare variable name", rule: "tf/undeclared-reference",
		files: main("variable \"region\" {}\nprovider \"aws\" {\n  region = region\n}\n"),
		want:  []string{"main.tf:3:12-3:18"}, summary: `Unknown name "region"`, hint: "`var.region`"},
	{name: "undeclared-reference/provider alias", rule: "tf/undeclared-reference",
		files: main("provider \"aws\" {\n  alias = \"us\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  provider = aws.eu\n}\n"),
		want:  []string{"main.tf:5:14-5:20"}},
	{name: "undeclared-reference/in depends_on", rule: "tf/undeclared-reference",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  depends_on = [aws_iam_role.task]\n}\n"),
		want:  []string{"main.tf:2:17-2:34"}},
	{name: "undeclared-reference/for and dynamic names", rule: "tf/undeclared-reference",
		files: main("variable \"ports\" {\n  type = list(number)\n}\nresource \"aws_security_group\" \"s\" {\n  dynamic \"ingress\" {\n    for_each = var.ports\n    iterator = port\n    content {\n      from_port   = port.value\n      to_port     = port.value\n      protocol    = \"tcp\"\n      description = join(\",\", [for p in var.ports : tostring(p)])\n    }\n  }\n}\n")},
	{name: "undeclared-reference/check block data", rule: "tf/undeclared-reference",
		files: main("check \"health\" {\n  data \"aws_lb\" \"api\" {\n    name = \"api\"\n  }\n  assert {\n    condition     = data.aws_lb.api.dns_name != \"\"\n    error_message = \"no dns\"\n  }\n}\noutput \"x\" {\n  value = data.aws_lb.api.arn\n}\n"),
		want:  []string{"main.tf:11:11-11:26"}},
	{name: "undeclared-reference/broken file silences", rule: "tf/undeclared-reference",
		files: map[string]string{"a.tf": "variable \"x\" {\n", "b.tf": "output \"y\" {\n  value = var.x\n}\n"}},

	// tf/unknown-attribute
	{name: "unknown-attribute/resource", rule: "tf/unknown-attribute",
		files: main("resource \"aws_lb\" \"main\" {}\noutput \"dns\" {\n  value = aws_lb.main.dns_nme\n}\n"),
		want:  []string{"main.tf:3:23-3:30"}, summary: `aws_lb has no attribute "dns_nme"`, hint: "`dns_name`"},
	{name: "unknown-attribute/indexed", rule: "tf/unknown-attribute",
		files: main("resource \"aws_instance\" \"web\" {\n  count = 2\n}\noutput \"ip\" {\n  value = aws_instance.web[0].public_ipp\n}\n"),
		want:  []string{"main.tf:5:31-5:41"}, hint: "`public_ip`"},
	{name: "unknown-attribute/splat", rule: "tf/unknown-attribute",
		files: main("resource \"aws_instance\" \"web\" {\n  count = 2\n}\noutput \"ip\" {\n  value = aws_instance.web[*].privat_ip\n}\n"),
		want:  []string{"main.tf:5:31-5:40"}, hint: "`private_ip`"},
	{name: "unknown-attribute/each", rule: "tf/unknown-attribute",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  for_each = toset([\"a\"])\n  bucket   = each.kye\n}\n"),
		want:  []string{"main.tf:3:19-3:22"}, hint: "`each.key`"},
	{name: "unknown-attribute/data source", rule: "tf/unknown-attribute",
		files: main("data \"aws_caller_identity\" \"me\" {}\noutput \"a\" {\n  value = data.aws_caller_identity.me.acount_id\n}\n"),
		want:  []string{"main.tf:3:39-3:48"}, hint: "`account_id`"},
	{name: "unknown-attribute/valid", rule: "tf/unknown-attribute",
		files: main("resource \"aws_lb\" \"main\" {}\noutput \"dns\" {\n  value = [aws_lb.main.dns_name, aws_lb.main.id, path.module, terraform.workspace]\n}\n")},

	// tf/misplaced-iterator
	{name: "misplaced-iterator/each without for_each", rule: "tf/misplaced-iterator",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  bucket = each.key\n}\n"),
		want:  []string{"main.tf:2:12-2:20"}, summary: "`each` used in a block without `for_each`"},
	{name: "misplaced-iterator/count without count", rule: "tf/misplaced-iterator",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${count.index}\"\n}\n"),
		want:  []string{"main.tf:2:17-2:28"}},
	{name: "misplaced-iterator/self outside provisioner", rule: "tf/misplaced-iterator",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  bucket = self.id\n}\n"),
		want:  []string{"main.tf:2:12-2:19"}},
	{name: "misplaced-iterator/each in for_each itself", rule: "tf/misplaced-iterator",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  for_each = each.value\n}\n"),
		want:  []string{"main.tf:2:14-2:24"}},
	{name: "misplaced-iterator/valid", rule: "tf/misplaced-iterator",
		files: main("resource \"aws_instance\" \"web\" {\n  count = 2\n  tags = {\n    Name = \"web-${count.index}\"\n  }\n  provisioner \"local-exec\" {\n    command = \"echo ${self.private_ip}\"\n  }\n  lifecycle {\n    postcondition {\n      condition     = self.public_ip != \"\"\n      error_message = \"no ip\"\n    }\n  }\n}\n")},

	// tf/unknown-resource-type
	{name: "unknown-resource-type/other provider", rule: "tf/unknown-resource-type",
		files: main("resource \"random_pet\" \"name\" {}\n"),
		want:  []string{"main.tf:1:10-1:22"}, sev: diag.SeverityInfo},
	{name: "unknown-resource-type/typo", rule: "tf/unknown-resource-type",
		files: main("resource \"aws_s3_buckt\" \"b\" {}\n"),
		want:  []string{"main.tf:1:10-1:24"}, hint: "`aws_s3_bucket`"},
	{name: "unknown-resource-type/known", rule: "tf/unknown-resource-type",
		files: main("resource \"aws_s3_bucket\" \"b\" {}\n")},

	// tf/provider-source and tf/provider-version
	{name: "provider-source/entry without source", rule: "tf/provider-source",
		files: main("terraform {\n  required_providers {\n    aws = {\n      version = \"~> 5.0\"\n    }\n  }\n}\n"),
		want:  []string{"main.tf:3:5-3:8"}},
	{name: "provider-source/legacy string", rule: "tf/provider-source",
		files: main("terraform {\n  required_providers {\n    aws = \"~> 5.0\"\n  }\n}\n"),
		want:  []string{"main.tf:3:5-3:8"}},
	{name: "provider-source/not listed", rule: "tf/provider-source",
		files: main("provider \"aws\" {\n  region = \"eu-west-1\"\n}\n"),
		want:  []string{"main.tf:1:10-1:15"}, summary: "not listed"},
	{name: "provider-source/valid", rule: "tf/provider-source",
		files: main("terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 5.0\"\n    }\n  }\n}\nresource \"aws_s3_bucket\" \"b\" {}\n")},
	{name: "provider-version/missing", rule: "tf/provider-version",
		files: main("terraform {\n  required_providers {\n    aws = {\n      source = \"hashicorp/aws\"\n    }\n  }\n}\n"),
		want:  []string{"main.tf:3:5-3:8"}, hint: "~> 5.0"},
	{name: "provider-version/valid", rule: "tf/provider-version",
		files: main("terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 5.0\"\n    }\n  }\n}\n")},

	// tf/schema-version
	{name: "schema-version/module for aws 6", rule: "tf/schema-version",
		files: main("terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \">= 6.0\"\n    }\n  }\n}\nresource \"aws_s3_bucket\" \"b\" {\n  region = \"eu-west-1\"\n}\n"),
		want:  []string{"main.tf:3:5-6:6"}, summary: "requires >= 6.0", sev: diag.SeverityInfo},
	{name: "schema-version/legacy string for aws 6", rule: "tf/schema-version",
		files: main("terraform {\n  required_providers {\n    aws = \">= 6.0, < 7.0\"\n  }\n}\n"),
		want:  []string{"main.tf:3:5-3:26"}},
	{name: "schema-version/module for aws 5", rule: "tf/schema-version",
		files: main("terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 5.0\"\n    }\n  }\n}\nresource \"aws_s3_bucket\" \"b\" {\n}\n")},
	{name: "unknown-argument/tags on a data source", rule: "tf/unknown-argument",
		files: main("data \"aws_vpc\" \"v\" {\n  tags = {\n    Name = \"main\"\n  }\n}\n")},
	// ...and then the arguments aws 5 lacks are not errors.
	{name: "unknown-argument/module for aws 6", rule: "tf/unknown-argument",
		files: main("terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \">= 6.0\"\n    }\n  }\n}\nresource \"aws_s3_bucket\" \"b\" {\n  region = \"eu-west-1\"\n}\n")},

	// tf/deprecated
	{name: "deprecated/argument", rule: "tf/deprecated",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  acl = \"private\"\n}\n"),
		want:  []string{"main.tf:2:3-2:6"}, summary: `"acl"`, sev: diag.SeverityWarning},
	{name: "deprecated/block", rule: "tf/deprecated",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  versioning {\n    enabled = true\n  }\n}\n"),
		want:  []string{"main.tf:2:3-2:13"}, summary: `"versioning"`},
	{name: "deprecated/resource type", rule: "tf/deprecated",
		files: main("resource \"aws_s3_bucket_object\" \"o\" {\n  bucket = \"b\"\n  key    = \"k\"\n}\n"),
		want:  []string{"main.tf:1:10-1:32"}},
	{name: "deprecated/current arguments", rule: "tf/deprecated",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\nresource \"aws_s3_bucket_versioning\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n")},

	// tf/hardcoded-region
	{name: "hardcoded-region/variable exists", rule: "tf/hardcoded-region",
		files: main("variable \"region\" {}\nprovider \"aws\" {\n  region = \"us-east-1\"\n}\n"),
		want:  []string{"main.tf:3:12-3:23"}, hint: "`region = var.region`", sev: diag.SeverityWarning},
	{name: "hardcoded-region/no variable", rule: "tf/hardcoded-region",
		files: main("provider \"aws\" {\n  region = \"us-east-1\"\n}\n"),
		want:  []string{"main.tf:2:12-2:23"}, sev: diag.SeverityInfo},
	{name: "hardcoded-region/account ids", rule: "tf/hardcoded-region",
		files: main("provider \"aws\" {\n  region              = var.region\n  allowed_account_ids = [\"123456789012\"]\n}\nvariable \"region\" {}\n"),
		want:  []string{"main.tf:3:25-3:41"}},
	{name: "hardcoded-region/valid", rule: "tf/hardcoded-region",
		files: main("variable \"region\" {}\nprovider \"aws\" {\n  region = var.region\n}\n")},

	// tf/hardcoded-secret
	{name: "hardcoded-secret/db password", rule: "tf/hardcoded-secret",
		files: main("resource \"aws_db_instance\" \"db\" {\n  instance_class = \"db.t3.micro\"\n  password       = \"hunter2\"\n}\n"),
		want:  []string{"main.tf:3:20-3:29"}, summary: `Secret value written into "password"`},
	{name: "hardcoded-secret/provider keys", rule: "tf/hardcoded-secret",
		files: main("provider \"aws\" {\n  access_key = \"AKIAABCDEFGHIJKLMNOP\"\n  secret_key = \"abc\"\n}\n"),
		want:  []string{"main.tf:2:16-2:38", "main.tf:3:16-3:21"}},
	{name: "hardcoded-secret/container environment", rule: "tf/hardcoded-secret",
		files: main("resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"t\"\n  container_definitions = jsonencode([{\n    name        = \"api\"\n    environment = [{ name = \"API_KEY\", value = \"sk-123\" }]\n  }])\n}\n"),
		want:  []string{"main.tf:5:48-5:56"}, summary: `"API_KEY"`},
	{name: "hardcoded-secret/variable default", rule: "tf/hardcoded-secret",
		files: main("variable \"db_password\" {\n  sensitive = true\n  default   = \"changeme\"\n}\n"),
		want:  []string{"main.tf:3:15-3:25"}},
	{name: "hardcoded-secret/access key in a string", rule: "tf/hardcoded-secret",
		files: main("locals {\n  note = \"key AKIAABCDEFGHIJKLMNOP here\"\n}\n"),
		want:  []string{"main.tf:2:10-2:41"}},
	{name: "hardcoded-secret/valid", rule: "tf/hardcoded-secret",
		files: main("variable \"db_password\" {\n  sensitive = true\n}\nresource \"aws_db_instance\" \"db\" {\n  instance_class              = \"db.t3.micro\"\n  password                    = var.db_password\n  manage_master_user_password = false\n}\nresource \"aws_secretsmanager_secret_version\" \"v\" {\n  secret_id     = \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:x\"\n  secret_string = var.db_password\n}\n")},

	// tf/sensitive-variable
	{name: "sensitive-variable/not marked", rule: "tf/sensitive-variable",
		files: main("variable \"api_token\" {\n  type = string\n}\n"),
		want:  []string{"main.tf:1:10-1:21"}},
	{name: "sensitive-variable/marked", rule: "tf/sensitive-variable",
		files: main("variable \"api_token\" {\n  type      = string\n  sensitive = true\n}\nvariable \"secret_arn\" {}\n")},

	// tf/default-type
	{name: "default-type/string for number", rule: "tf/default-type",
		files: main("variable \"desired_count\" {\n  type    = number\n  default = \"two\"\n}\n"),
		want:  []string{"main.tf:3:13-3:18"}, summary: `Default of "desired_count" is not a number`},
	{name: "default-type/list for string", rule: "tf/default-type",
		files: main("variable \"subnet\" {\n  type    = string\n  default = [\"a\", \"b\"]\n}\n"),
		want:  []string{"main.tf:3:13-3:23"}},
	{name: "default-type/object attributes", rule: "tf/default-type",
		files: main("variable \"svc\" {\n  type = object({ port = number })\n  default = { port = \"http\" }\n}\n"),
		want:  []string{"main.tf:3:13-3:30"}},
	{name: "default-type/valid", rule: "tf/default-type",
		files: main("variable \"desired_count\" {\n  type    = number\n  default = \"2\"\n}\nvariable \"svc\" {\n  type    = object({ port = optional(number, 8000) })\n  default = {}\n}\n")},

	// tf/required-version
	{name: "required-version/lockfile under 1.6", rule: "tf/required-version",
		files: main("terraform {\n  required_version = \">= 1.6\"\n  backend \"s3\" {\n    bucket       = \"b\"\n    key          = \"k\"\n    region       = \"eu-west-1\"\n    use_lockfile = true\n  }\n}\n"),
		want:  []string{"main.tf:2:22-2:30"}, summary: `required_version ">= 1.6" admits Terraform older than 1.10`},
	{name: "required-version/import under 1.4", rule: "tf/required-version",
		files: main("terraform {\n  required_version = \"~> 1.4\"\n}\nimport {\n  to = aws_s3_bucket.b\n  id = \"b\"\n}\nresource \"aws_s3_bucket\" \"b\" {}\n"),
		want:  []string{"main.tf:2:22-2:30"}},
	{name: "required-version/covered", rule: "tf/required-version",
		files: main("terraform {\n  required_version = \">= 1.10\"\n  backend \"s3\" {\n    bucket       = \"b\"\n    key          = \"k\"\n    region       = \"eu-west-1\"\n    use_lockfile = true\n  }\n}\nmoved {\n  from = aws_s3_bucket.a\n  to   = aws_s3_bucket.b\n}\nresource \"aws_s3_bucket\" \"b\" {}\n")},
	{name: "required-version/none written", rule: "tf/required-version",
		files: main("import {\n  to = aws_s3_bucket.b\n  id = \"b\"\n}\nresource \"aws_s3_bucket\" \"b\" {}\n")},

	// tf/default-constant
	{name: "default-constant/function", rule: "tf/default-constant",
		files: main("variable \"zones\" {\n  type    = list(string)\n  default = tolist([\"a\", \"b\"])\n}\n"),
		want:  []string{"main.tf:3:13-3:31"}, summary: `The default of "zones" calls a function`},
	{name: "default-constant/reference", rule: "tf/default-constant",
		files: main("variable \"a\" {\n  default = \"x\"\n}\nvariable \"b\" {\n  default = \"${var.a}-y\"\n}\n"),
		want:  []string{"main.tf:5:16-5:19"}},
	{name: "default-constant/literals", rule: "tf/default-constant",
		files: main("variable \"svc\" {\n  default = { port = 8000, zones = [\"a\", \"b\"], name = \"api-${1 + 1}\" }\n}\n")},

	// tf/validation-self
	{name: "validation-self/other variable", rule: "tf/validation-self",
		files: main("variable \"a\" {}\nvariable \"b\" {\n  validation {\n    condition     = length(var.a) > 0\n    error_message = \"x\"\n  }\n}\n"),
		want:  []string{"main.tf:4:21-4:38"}},
	{name: "validation-self/valid", rule: "tf/validation-self",
		files: main("variable \"b\" {\n  validation {\n    condition     = length(var.b) > 0\n    error_message = \"x\"\n  }\n}\n")},

	// tf/sensitive-output
	{name: "sensitive-output/variable", rule: "tf/sensitive-output",
		files: main("variable \"db_password\" {\n  sensitive = true\n}\noutput \"pw\" {\n  value = var.db_password\n}\n"),
		want:  []string{"main.tf:5:11-5:26"}},
	{name: "sensitive-output/secret attribute", rule: "tf/sensitive-output",
		files: main("data \"aws_secretsmanager_secret_version\" \"db\" {\n  secret_id = \"db\"\n}\noutput \"pw\" {\n  value = \"pw=${data.aws_secretsmanager_secret_version.db.secret_string}\"\n}\n"),
		want:  []string{"main.tf:5:17-5:72"}},
	{name: "sensitive-output/marked", rule: "tf/sensitive-output",
		files: main("variable \"db_password\" {\n  sensitive = true\n}\noutput \"pw\" {\n  value     = var.db_password\n  sensitive = true\n}\n")},

	// tf/local-state
	{name: "local-state/no backend", rule: "tf/local-state",
		files: main("terraform {\n  required_version = \">= 1.10\"\n}\nresource \"aws_s3_bucket\" \"b\" {}\n"),
		want:  []string{"main.tf:1:1-1:10"}, sev: diag.SeverityWarning},
	{name: "local-state/production", rule: "tf/local-state", opt: Options{Production: true},
		files: main("resource \"aws_s3_bucket\" \"b\" {}\n"),
		want:  []string{"main.tf:1:1-1:29"}, sev: diag.SeverityError},
	{name: "local-state/local backend", rule: "tf/local-state",
		files: main("terraform {\n  backend \"local\" {}\n}\n"),
		want:  []string{"main.tf:2:3-2:18"}},
	{name: "local-state/only variables", rule: "tf/local-state",
		files: main("variable \"a\" {}\n")},
	{name: "local-state/remote", rule: "tf/local-state",
		files: main("terraform {\n  backend \"s3\" {\n    use_lockfile = true\n  }\n}\n")},

	// tf/backend-locking
	{name: "backend-locking/s3 without lock", rule: "tf/backend-locking",
		files: main("terraform {\n  backend \"s3\" {\n    bucket = \"state\"\n    key    = \"api.tfstate\"\n    region = \"eu-west-1\"\n  }\n}\n"),
		want:  []string{"main.tf:2:3-2:15"}, sev: diag.SeverityWarning},
	{name: "backend-locking/lockfile false, production", rule: "tf/backend-locking", opt: Options{Production: true},
		files: main("terraform {\n  backend \"s3\" {\n    bucket       = \"state\"\n    use_lockfile = false\n  }\n}\n"),
		want:  []string{"main.tf:4:5-4:25"}, sev: diag.SeverityError},
	{name: "backend-locking/dynamodb", rule: "tf/backend-locking",
		files: main("terraform {\n  backend \"s3\" {\n    bucket         = \"state\"\n    dynamodb_table = \"locks\"\n  }\n}\n")},

	// tf/missing-tags
	{name: "missing-tags/untagged", rule: "tf/missing-tags",
		files: main("resource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_iam_role_policy_attachment\" \"a\" {\n  role       = \"r\"\n  policy_arn = \"p\"\n}\n"),
		want:  []string{"main.tf:1:10-1:29"}},
	{name: "missing-tags/default_tags", rule: "tf/missing-tags",
		files: main("provider \"aws\" {\n  default_tags {\n    tags = { Project = \"api\" }\n  }\n}\nresource \"aws_s3_bucket\" \"b\" {}\n")},
	{name: "missing-tags/tagged", rule: "tf/missing-tags",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  tags = { Project = \"api\" }\n}\n")},

	// tf/interpolation-only
	{name: "interpolation-only/wrapped reference", rule: "tf/interpolation-only",
		files: main("variable \"region\" {}\nprovider \"aws\" {\n  region = \"${var.region}\"\n}\n"),
		want:  []string{"main.tf:3:12-3:27"}, hint: "Write `var.region` without"},
	{name: "interpolation-only/real template", rule: "tf/interpolation-only",
		files: main("variable \"env\" {}\nlocals {\n  name = \"api-${var.env}\"\n}\n")},

	// tf/fmt
	{name: "fmt/misaligned equals", rule: "tf/fmt",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n  force_destroy = true\n}\n"),
		want:  []string{"main.tf:2:10-2:15"}, hint: "  bucket        = \"b\""},
	{name: "fmt/indentation", rule: "tf/fmt",
		files: main("variable \"a\" {\n    type = string\n}\n"),
		want:  []string{"main.tf:2:3-2:18"}},
	{name: "fmt/formatted", rule: "tf/fmt",
		files: main("resource \"aws_s3_bucket\" \"b\" {\n  bucket        = \"b\"\n  force_destroy = true\n}\n")},
	{name: "fmt/broken file not checked", rule: "tf/fmt",
		files: main("variable \"a\" {\n    type = \n}\n")},

	// tf/ecs-container-port
	{name: "ecs-container-port/jsonencode", rule: "tf/ecs-container-port",
		files: map[string]string{"ecs.tf": ecsModule("8000", "\"api\"", "80")},
		want:  []string{"ecs.tf:17:24-17:26"}, summary: `Port 80 is not a containerPort of "api"`, hint: "8000"},
	{name: "ecs-container-port/container name", rule: "tf/ecs-container-port",
		files: map[string]string{"ecs.tf": ecsModule("8000", "\"web\"", "8000")},
		want:  []string{"ecs.tf:16:24-16:29"}, summary: `No container named "web"`},
	{name: "ecs-container-port/variable default", rule: "tf/ecs-container-port",
		files: map[string]string{"ecs.tf": ecsModule("var.port", "\"api\"", "8080"), "vars.tf": "variable \"port\" {\n  default = 8000\n}\n"},
		want:  []string{"ecs.tf:17:24-17:28"}},
	{name: "ecs-container-port/heredoc json", rule: "tf/ecs-container-port",
		files: main("resource \"aws_ecs_task_definition\" \"api\" {\n  family                = \"api\"\n  container_definitions = <<EOT\n[{\"name\": \"api\", \"portMappings\": [{\"containerPort\": 8000}]}]\nEOT\n}\nresource \"aws_ecs_service\" \"api\" {\n  name            = \"api\"\n  task_definition = aws_ecs_task_definition.api.arn\n  load_balancer {\n    container_name = \"api\"\n    container_port = 8080\n  }\n}\n"),
		want:  []string{"main.tf:12:22-12:26"}},
	{name: "ecs-container-port/match", rule: "tf/ecs-container-port",
		files: map[string]string{"ecs.tf": ecsModule("8000", "\"api\"", "8000")}},
	{name: "ecs-container-port/unknown port", rule: "tf/ecs-container-port",
		files: map[string]string{"ecs.tf": ecsModule("var.port", "\"api\"", "8000"), "vars.tf": "variable \"port\" {}\n"}},
	// Child modules: a module block whose local source is another folder
	// of the same lint is held to that folder's variables and outputs.
	{name: "module-source/bare folder name", rule: "tf/module-source",
		files: withChild("module \"c\" {\n  source = \"child\"\n  name   = \"x\"\n}\n"),
		want:  []string{"main.tf:2:12-2:19"}, summary: `Module source "child"`, hint: "`source = \"./child\"`"},
	{name: "module-source/spanish", rule: "tf/module-source", lang: "es",
		files: withChild("module \"c\" {\n  source = \"child\"\n  name   = \"x\"\n}\n"),
		want:  []string{"main.tf:2:12-2:19"}, summary: `no empieza con ./`},
	{name: "module-source/local path", rule: "tf/module-source",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  name   = \"x\"\n}\n")},
	{name: "module-source/registry address", rule: "tf/module-source",
		files: withChild("module \"c\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"~> 6.0\"\n}\n")},
	{name: "module-unknown-input/typo", rule: "tf/module-unknown-input",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  name   = \"x\"\n  sise   = 2\n}\n"),
		want:  []string{"main.tf:4:3-4:7"}, summary: `Module "c" has no variable "sise"`, hint: "`size`", sev: diag.SeverityError},
	{name: "module-unknown-input/meta-arguments", rule: "tf/module-unknown-input",
		files: withChild("module \"c\" {\n  source     = \"./child\"\n  count      = 2\n  providers  = {}\n  depends_on = []\n  name       = \"x\"\n}\n")},
	{name: "module-unknown-input/child not linted", rule: "tf/module-unknown-input",
		files: main("module \"c\" {\n  source = \"./elsewhere\"\n  anything = 1\n}\n")},
	{name: "module-missing-input/child folder not linted", rule: "tf/module-missing-input",
		files: withChild("module \"c\" {\n  source = \"../x/child\"\n}\n")},
	{name: "module-missing-input/required variable missing", rule: "tf/module-missing-input",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  size   = 2\n}\n"),
		want:  []string{"main.tf:1:1-1:11"}, summary: `Module "c" needs a value for variable "name"`},
	{name: "module-missing-input/from a parent folder", rule: "tf/module-missing-input",
		files: map[string]string{"child/main.tf": childModule, "examples/a/main.tf": "module \"c\" {\n  source = \"../../child\"\n}\n"},
		want:  []string{"examples/a/main.tf:1:1-1:11"}},
	{name: "module-input-type/string for number", rule: "tf/module-input-type",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  name   = \"x\"\n  size   = \"big\"\n}\n"),
		want:  []string{"main.tf:4:12-4:17"}, summary: `Value for "size"`, hint: "`number`"},
	{name: "module-input-type/object missing attribute", rule: "tf/module-input-type",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  name   = \"x\"\n  opts   = { enabled = false }\n}\n"),
		want:  []string{"main.tf:4:12-4:31"}},
	{name: "module-input-type/optional attribute left out", rule: "tf/module-input-type",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  name   = \"x\"\n  size   = \"3\"\n  opts   = { port = 80 }\n}\n")},
	{name: "module-input-type/reference not judged", rule: "tf/module-input-type",
		files: withChild("variable \"n\" {\n  type = string\n}\nmodule \"c\" {\n  source = \"./child\"\n  name   = var.n\n  size   = var.n\n}\n")},
	{name: "module-unknown-output/typo", rule: "tf/module-unknown-output",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  name   = \"x\"\n}\noutput \"o\" {\n  value = module.c.idd\n}\n"),
		want:  []string{"main.tf:6:20-6:23"}, summary: `Module "c" has no output "idd"`, hint: "`module.c.id`"},
	{name: "module-unknown-output/with count", rule: "tf/module-unknown-output",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  count  = 1\n  name   = \"x\"\n}\noutput \"o\" {\n  value = module.c[0].arn\n}\n"),
		want:  []string{"main.tf:7:23-7:26"}},
	{name: "module-unknown-output/declared", rule: "tf/module-unknown-output",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  name   = \"x\"\n}\noutput \"o\" {\n  value = module.c.id\n}\n")},
	// Root-only advice stays off a folder another folder calls.
	{name: "local-state/child module", rule: "tf/local-state",
		files: withChild("terraform {\n  backend \"s3\" {\n    bucket       = \"b\"\n    key          = \"k\"\n    region       = \"us-east-1\"\n    use_lockfile = true\n  }\n}\nmodule \"c\" {\n  source = \"./child\"\n  name   = \"x\"\n}\n")},
	{name: "missing-tags/child module", rule: "tf/missing-tags",
		files: withChild("module \"c\" {\n  source = \"./child\"\n  name   = \"x\"\n}\n")},
	{name: "missing-tags/same folder linted alone", rule: "tf/missing-tags",
		files: map[string]string{"child/main.tf": childModule},
		want:  []string{"child/main.tf:18:10-18:29"}},
}

// childModule is a module with a required variable, one with a default, an
// object with an optional attribute, an output and an untagged bucket.
const childModule = "variable \"name\" {\n  type = string\n}\nvariable \"size\" {\n  type    = number\n  default = 1\n}\nvariable \"opts\" {\n  type = object({\n    enabled = optional(bool, true)\n    port    = number\n  })\n  default = null\n}\noutput \"id\" {\n  value = var.name\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = var.name\n}\n"

// withChild is main.tf beside a folder child holding childModule.
func withChild(src string) map[string]string {
	return map[string]string{"main.tf": src, "child/main.tf": childModule}
}

// ecsModule is a task definition and service with the given port mapping,
// container name and load balancer port (lines 16 and 17 hold the last two).
func ecsModule(containerPort, name, lbPort string) string {
	return `resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([{
    name         = "api"
    image        = "api:1"
    portMappings = [{ containerPort = ` + containerPort + ` }]
  }])
}

resource "aws_ecs_service" "api" {
  name            = "api"
  task_definition = aws_ecs_task_definition.api.arn

  load_balancer {
    target_group_arn = "arn:tg"
    container_name   = ` + name + `
    container_port   = ` + lbPort + `
  }
}
`
}

func TestRules(t *testing.T) {
	covered := map[string][2]bool{}
	for _, tc := range ruleCases {
		t.Run(tc.name, func(t *testing.T) {
			ds := lint(t, tc.files, tc.opt)
			got := only(ds, tc.rule)
			if !slices.Equal(places(got), orEmpty(tc.want)) {
				t.Fatalf("%s places = %q, want %q\nall: %v", tc.rule, places(got), tc.want, describe(ds))
			}
			c := covered[tc.rule]
			if len(tc.want) > 0 {
				c[0] = true
				first := got[0]
				lang := tc.lang
				if lang == "" {
					lang = msg.Default
				}
				summary, _, hint := render(printerFor(lang), first)
				if tc.summary != "" && !strings.Contains(summary, tc.summary) {
					t.Errorf("summary %q does not contain %q", summary, tc.summary)
				}
				if tc.hint != "" && !strings.Contains(hint, tc.hint) {
					t.Errorf("hint %q does not contain %q", hint, tc.hint)
				}
				if tc.sev != diag.SeverityInvalid && first.Severity != tc.sev {
					t.Errorf("severity %v, want %v", first.Severity, tc.sev)
				}
			} else {
				c[1] = true
			}
			covered[tc.rule] = c
		})
	}
	for _, r := range Rules() {
		c := covered[r.ID]
		if r.ID == "tf/schema-unavailable" {
			continue // no file causes it: TestBrokenSchemaIsLoud covers it
		}
		if !c[0] || !c[1] {
			t.Errorf("rule %s needs a failing and a passing case (have failing=%v passing=%v)", r.ID, c[0], c[1])
		}
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// describe lists diagnostics as a learner reads them in English, for
// failure messages.
func describe(ds diag.Diagnostics) []string {
	p := printerFor(msg.Default)
	var out []string
	for _, d := range ds {
		out = append(out, place(d)+" "+d.Rule+": "+p.Text(d.Summary))
	}
	return out
}

// TestBrokenSchemaIsLoud: when the embedded provider schema cannot be read,
// every module gets an error saying so, instead of passing argument checks
// that never ran.
func TestBrokenSchemaIsLoud(t *testing.T) {
	files := []source.File{{Path: "main.tf", Data: []byte("resource \"aws_ecs_cluster\" \"main\" {\n  nmae = \"x\"\n}\n")}}
	m, _ := Load(files, Options{})
	ds := Check(m, Options{schema: func() (*providerSchema, error) { return nil, errors.New("unexpected end of JSON input") }})
	var found bool
	for _, d := range ds {
		if d.Rule == "tf/schema-unavailable" {
			found = true
			summary, _, _ := render(printerFor("en"), d)
			if d.Severity != diag.SeverityError || d.Subject.Filename != "main.tf" || !strings.Contains(summary, "unexpected end of JSON input") {
				t.Errorf("diagnostic %+v, summary %q", d, summary)
			}
		}
	}
	if !found {
		t.Fatalf("no tf/schema-unavailable in %v", ds)
	}
	if ds := Check(m, Options{}); slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Rule == "tf/schema-unavailable" }) {
		t.Error("the embedded schema is reported broken")
	}
}
