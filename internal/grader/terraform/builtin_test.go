package terraform

import "github.com/iactutor/iactutor/internal/diag"

// builtinCases cover Terraform's own resource types and check blocks, the
// ports of a rule for every protocol, the shapes IAM takes, and
// conditions that refer to nothing.
var builtinCases = []ruleCase{
	{name: "unknown-argument/terraform_data", rule: "tf/unknown-argument",
		files: main("resource \"terraform_data\" \"x\" {\n  inputs = 1\n}\n"),
		want:  []string{"main.tf:2:3-2:9"}, hint: "`input`"},
	{name: "unknown-attribute/terraform_data", rule: "tf/unknown-attribute",
		files: main("resource \"terraform_data\" \"x\" {\n  input = 1\n}\noutput \"o\" {\n  value = terraform_data.x.outputs\n}\n"),
		want:  []string{"main.tf:5:28-5:35"}, hint: "`output`"},
	// terraform_data and terraform_remote_state come with Terraform, and
	// what they export resolves.
	{name: "unknown-resource-type/built-in types", rule: "tf/unknown-resource-type",
		files: main(builtinModule)},
	{name: "unknown-attribute/built-in types", rule: "tf/unknown-attribute",
		files: main(builtinModule)},
	{name: "missing-argument/assert without condition", rule: "tf/missing-argument",
		files: main("variable \"n\" {\n  type = number\n}\ncheck \"n\" {\n  assert {\n    error_message = \"n must be positive\"\n  }\n}\ndata \"terraform_remote_state\" \"net\" {\n}\n"),
		want:  []string{"main.tf:5:3-5:9", "main.tf:9:1-9:36"}},
	{name: "missing-argument/check without assert", rule: "tf/missing-argument",
		files: main("variable \"a\" {\n  default = 1\n}\ncheck \"c\" {\n}\n"),
		want:  []string{"main.tf:4:1-4:10"}, summary: "no assert block"},
	{name: "undeclared-reference/check data used outside", rule: "tf/undeclared-reference",
		files: main("check \"site\" {\n  data \"aws_vpc\" \"v\" {\n    default = true\n  }\n  assert {\n    condition     = data.aws_vpc.v.id != \"\"\n    error_message = \"no default VPC\"\n  }\n}\noutput \"vpc\" {\n  value = data.aws_vpc.v.id\n}\n"),
		want:  []string{"main.tf:11:11-11:25"}},

	// tf/constant-condition
	{name: "constant-condition/assert and precondition", rule: "tf/constant-condition",
		files: main("check \"c\" {\n  assert {\n    condition     = true\n    error_message = \"x\"\n  }\n}\noutput \"o\" {\n  value = 1\n  precondition {\n    condition     = 1 == 1\n    error_message = \"x\"\n  }\n}\n"),
		want:  []string{"main.tf:3:21-3:25", "main.tf:10:21-10:27"}, summary: "refers to nothing"},
	{name: "constant-condition/valid", rule: "tf/constant-condition",
		files: main("variable \"n\" {\n  type    = number\n  default = 1\n}\ncheck \"c\" {\n  assert {\n    condition     = var.n > 0\n    error_message = \"x\"\n  }\n}\nresource \"aws_s3_bucket\" \"b\" {\n  lifecycle {\n    postcondition {\n      condition     = self.bucket != \"\"\n      error_message = \"x\"\n    }\n  }\n}\n")},

	// tf/sg-all-protocols
	{name: "sg-all-protocols/inline and vpc rule", rule: "tf/sg-all-protocols",
		files: main("resource \"aws_security_group\" \"s\" {\n  egress {\n    from_port   = 0\n    to_port     = 65535\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\nresource \"aws_vpc_security_group_egress_rule\" \"all\" {\n  security_group_id = aws_security_group.s.id\n  ip_protocol       = \"-1\"\n  from_port         = 0\n  to_port           = 0\n  cidr_ipv4         = \"0.0.0.0/0\"\n}\n"),
		want:  []string{"main.tf:4:19-4:24", "main.tf:12:23-12:24"}, summary: "both 0 (here 0 and 65535)"},
	{name: "sg-all-protocols/rule resource opens every port", rule: "tf/sg-all-protocols",
		files: main("resource \"aws_security_group_rule\" \"r\" {\n  type              = \"ingress\"\n  security_group_id = \"sg-1\"\n  from_port         = 443\n  to_port           = 443\n  protocol          = \"all\"\n  cidr_blocks       = [\"10.0.0.0/8\"]\n}\n"),
		want:  []string{"main.tf:4:23-4:26"}, sev: diag.SeverityWarning, summary: "opens every port"},
	{name: "sg-all-protocols/valid", rule: "tf/sg-all-protocols",
		files: main("resource \"aws_security_group\" \"s\" {\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/8\"]\n  }\n}\nresource \"aws_security_group_rule\" \"a\" {\n  type              = \"egress\"\n  security_group_id = aws_security_group.s.id\n  from_port         = -1\n  to_port           = -1\n  protocol          = \"-1\"\n  cidr_blocks       = [\"10.0.0.0/8\"]\n}\nresource \"aws_security_group_rule\" \"b\" {\n  type              = \"egress\"\n  security_group_id = aws_security_group.s.id\n  from_port         = 0\n  to_port           = 65535\n  protocol          = \"-1\"\n  cidr_blocks       = [\"10.0.0.0/8\"]\n}\nresource \"aws_vpc_security_group_egress_rule\" \"all\" {\n  security_group_id = aws_security_group.s.id\n  ip_protocol       = \"-1\"\n  cidr_ipv4         = \"10.0.0.0/8\"\n}\n")},

	// tf/iam-policy: the shapes of Resource and Principal.
	{name: "iam-policy/resource and principal shapes", rule: "tf/iam-policy",
		files: main("resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = \"ecs-tasks.amazonaws.com\"\n      Action    = \"sts:AssumeRole\"\n    }, {\n      Effect    = \"Allow\"\n      Principal = { Services = \"ecs-tasks.amazonaws.com\" }\n      Action    = \"sts:AssumeRole\"\n    }, {\n      Effect    = \"Allow\"\n      Principal = [\"*\"]\n      Action    = \"sts:AssumeRole\"\n    }]\n  })\n}\nresource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n      Action   = [\"s3:GetObject\", 3]\n      Resource = { bucket = \"arn:aws:s3:::b/*\" }\n    }]\n  })\n}\n"),
		want:  []string{"main.tf:6:19-6:44", "main.tf:10:21-10:29", "main.tf:14:19-14:24", "main.tf:24:18-24:37", "main.tf:25:18-25:49"}, summary: "is not a principal", hint: `{ AWS = "ecs-tasks.amazonaws.com" }`},
	{name: "iam-policy/principals and resources that fit", rule: "tf/iam-policy",
		files: main("variable \"arns\" {\n  type    = list(string)\n  default = [\"arn:aws:iam::123456789012:root\"]\n}\nresource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = \"s3:GetObject\"\n      Resource  = \"${aws_s3_bucket.b.arn}/*\"\n    }, {\n      Effect      = \"Deny\"\n      Principal   = { AWS = var.arns, Service = [\"logging.s3.amazonaws.com\"] }\n      NotAction   = [\"s3:GetObject\"]\n      NotResource = [aws_s3_bucket.b.arn, \"arn:aws:s3:::other\"]\n    }]\n  })\n}\n")},
}

// builtinModule uses what Terraform's built-in provider exports.
const builtinModule = "resource \"terraform_data\" \"x\" {\n  input            = 1\n  triggers_replace = [\"a\"]\n}\ndata \"terraform_remote_state\" \"net\" {\n  backend = \"local\"\n}\noutput \"o\" {\n  value = [terraform_data.x.output, terraform_data.x.id, terraform_data.x.input, data.terraform_remote_state.net.outputs.vpc_id]\n}\n"

func init() { ruleCases = append(ruleCases, builtinCases...) }
