package terraform

import (
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/rules"
)

// Lesson slugs the rules point to.
const (
	lessonBasics   = "terraform-basics"
	lessonWorkflow = "terraform-workflow"
	lessonState    = "terraform-state"
	lessonPractice = "professional-practice"
)

type ruleDef struct {
	id       string
	severity diag.Severity
	lesson   string
}

// catalog is the read-only list behind Rules; every diagnostic this package
// emits names one of these IDs.
var catalog = []ruleDef{
	{"tf/syntax", diag.SeverityError, lessonBasics},
	{"tf/unknown-block", diag.SeverityError, lessonBasics},
	{"tf/block-labels", diag.SeverityError, lessonBasics},
	{"tf/unknown-argument", diag.SeverityError, lessonBasics},
	{"tf/missing-argument", diag.SeverityError, lessonBasics},
	{"tf/wrong-type", diag.SeverityError, lessonBasics},
	{"tf/invalid-type", diag.SeverityError, lessonBasics},
	{"tf/duplicate", diag.SeverityError, lessonBasics},
	{"tf/count-and-for-each", diag.SeverityError, lessonBasics},
	{"tf/splat-for-each", diag.SeverityError, lessonBasics},
	{"tf/invalid-name", diag.SeverityError, lessonBasics},
	{"tf/undeclared-reference", diag.SeverityError, lessonBasics},
	{"tf/unknown-attribute", diag.SeverityError, lessonBasics},
	{"tf/misplaced-iterator", diag.SeverityError, lessonBasics},
	{"tf/unknown-resource-type", diag.SeverityInfo, lessonBasics},
	{"tf/provider-source", diag.SeverityWarning, lessonBasics},
	{"tf/provider-version", diag.SeverityWarning, lessonBasics},
	{"tf/hardcoded-region", diag.SeverityWarning, lessonBasics},
	{"tf/hardcoded-secret", diag.SeverityError, lessonPractice},
	{"tf/sensitive-variable", diag.SeverityWarning, lessonPractice},
	{"tf/default-type", diag.SeverityError, lessonBasics},
	{"tf/default-constant", diag.SeverityError, lessonBasics},
	{"tf/required-version", diag.SeverityWarning, lessonBasics},
	{"tf/validation-self", diag.SeverityError, lessonBasics},
	{"tf/sensitive-output", diag.SeverityError, lessonPractice},
	{"tf/local-state", diag.SeverityWarning, lessonState},
	{"tf/backend-locking", diag.SeverityWarning, lessonState},
	{"tf/missing-tags", diag.SeverityWarning, lessonState},
	{"tf/interpolation-only", diag.SeverityWarning, lessonBasics},
	{"tf/fmt", diag.SeverityWarning, lessonWorkflow},
	{"tf/schema-unavailable", diag.SeverityError, lessonBasics},
	{"tf/schema-version", diag.SeverityInfo, lessonBasics},
	{"tf/deprecated", diag.SeverityWarning, lessonBasics},
	{"tf/ecs-container-port", diag.SeverityError, lessonBasics},
	{"tf/module-source", diag.SeverityError, lessonBasics},
	{"tf/module-unknown-input", diag.SeverityError, lessonBasics},
	{"tf/module-missing-input", diag.SeverityError, lessonBasics},
	{"tf/module-input-type", diag.SeverityError, lessonBasics},
	{"tf/module-unknown-output", diag.SeverityError, lessonBasics},
	{"tf/known-after-apply", diag.SeverityError, lessonBasics},
	{"tf/each-value-set", diag.SeverityInfo, lessonBasics},
	{"tf/moved-removed", diag.SeverityError, lessonState},
	{"tf/ignore-changes", diag.SeverityError, lessonBasics},
	{"tf/sg-open-admin", diag.SeverityWarning, lessonPractice},
	{"tf/sg-port-range", diag.SeverityError, lessonBasics},
	{"tf/iam-policy", diag.SeverityError, lessonPractice},
	{"tf/ecs-container-definition", diag.SeverityError, lessonBasics},
	{"tf/ecs-fargate", diag.SeverityError, lessonBasics},
	{"tf/listener-certificate", diag.SeverityError, lessonBasics},
	{"tf/tfvars", diag.SeverityError, lessonBasics},
	{"tf/sg-all-protocols", diag.SeverityError, lessonBasics},
	{"tf/constant-condition", diag.SeverityError, lessonBasics},
}

// Rules returns the Terraform rules for the catalogue behind `iactutor
// explain`; IDs start with "tf/".
func Rules() []rules.Rule {
	out := make([]rules.Rule, 0, len(catalog))
	for _, r := range catalog {
		out = append(out, rules.Rule{ID: r.id, Severity: r.severity, Lesson: r.lesson})
	}
	return out
}

// defaultSeverity looks a rule's severity up in the catalogue.
func defaultSeverity(id string) diag.Severity {
	for _, r := range catalog {
		if r.id == id {
			return r.severity
		}
	}
	return diag.SeverityError
}
