package grader

import (
	"regexp"
	"strings"
)

// sameAttribute lists, by resource type, attributes the AWS provider
// documents as holding the same value, each mapped to the one a check
// names. A learner who writes aws_lb_target_group.api.id where the task
// says arn refers to the same thing.
//
// Source: the "Attribute Reference" section of each resource's page in
// the hashicorp/aws provider documentation (registry.terraform.io,
// provider v5), which says, for example, "id - ARN of the Target Group
// (matches arn)".
var sameAttribute = map[string]map[string]string{
	"aws_lb_target_group":      {"id": "arn"}, // "id - ARN of the Target Group (matches arn)"
	"aws_lb":                   {"id": "arn"}, // "id - ARN of the load balancer (matches arn)"
	"aws_alb":                  {"id": "arn"}, // alias of aws_lb
	"aws_alb_target_group":     {"id": "arn"}, // alias of aws_lb_target_group
	"aws_lb_listener":          {"id": "arn"}, // "id - ARN of the listener (matches arn)"
	"aws_ecs_cluster":          {"id": "arn"}, // "id - ARN that identifies the cluster"
	"aws_iam_role":             {"id": "name"},
	"aws_s3_bucket":            {"id": "bucket"}, // "id - Name of the bucket"
	"aws_sqs_queue":            {"id": "url"},    // "id - URL for the created Amazon SQS queue"
	"aws_cloudwatch_log_group": {"id": "name"},   // the log group's name
	"aws_ecr_repository":       {"id": "name"},
}

var indexSuffix = regexp.MustCompile(`\[[^\]]*\]$`)

// reference reads a Terraform value as a reference: the address it points
// at and the attribute, with documented equal attributes made one. Both
// are empty when the value is not a reference (a quoted string that
// merely looks like one is not: the model keeps literals and expressions
// apart only in evaluated values, where a reference is a map).
func reference(v any) (address, attribute string) {
	text := ""
	switch x := v.(type) {
	case map[string]any:
		text = asString(x["ref"])
	case string:
		text = strings.TrimSpace(x)
		if strings.HasPrefix(text, "${") && strings.HasSuffix(text, "}") {
			text = strings.TrimSpace(text[2 : len(text)-1])
		}
	}
	parts := strings.Split(text, ".")
	for i, p := range parts {
		parts[i] = indexSuffix.ReplaceAllString(p, "")
		if parts[i] == "" || strings.ContainsAny(parts[i], " \"(){}+*/,") {
			return "", ""
		}
	}
	switch {
	case len(parts) >= 2 && (parts[0] == "var" || parts[0] == "local"):
		return parts[0] + "." + parts[1], strings.Join(parts[2:], ".")
	case len(parts) >= 3 && (parts[0] == "module"):
		return parts[0] + "." + parts[1], strings.Join(parts[2:], ".")
	case len(parts) >= 3 && parts[0] == "data":
		return "data." + parts[1] + "." + parts[2], canonical(parts[1], strings.Join(parts[3:], "."))
	case len(parts) >= 2 && strings.Contains(parts[0], "_"):
		return parts[0] + "." + parts[1], canonical(parts[0], strings.Join(parts[2:], "."))
	}
	return "", ""
}

func canonical(resourceType, attribute string) string {
	if c, ok := sameAttribute[resourceType][attribute]; ok {
		return c
	}
	return attribute
}

func pointsAt(v any, target string) bool {
	a, at := reference(v)
	ta, tat := reference(target)
	return a != "" && a == ta && at == tat
}
