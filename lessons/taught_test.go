package lessons_test

import (
	"strings"
	"testing"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/lessons"
)

// constructs are what a fix may ask a learner to write that a lesson must
// have taught first: the keyword as it appears in a file.
var constructs = map[course.Track][]string{
	course.Terraform: {
		"lifecycle", "create_before_destroy", "prevent_destroy", "ignore_changes", "moved {", "import {",
		"removed {", "for_each", "count ", "depends_on", "dynamic ", "default_tags", "validation",
		"sensitive", "nonsensitive", "toset(", "each.key", "each.value", "count.index", "try(", "lookup(",
		"merge(", "jsonencode(", "aws_iam_policy_document", "aws_iam_role_policy", "terraform.workspace",
		"locals", "data \"", "output \"", "backend \"s3\"", "use_lockfile", "manage_master_user_password",
		"_wo ", "ephemeral", "health_check_grace_period_seconds", "deployment_circuit_breaker",
		"repositoryCredentials", "name_prefix", "required_version", "required_providers",
	},
	course.Kubernetes: {
		"startupProbe", "livenessProbe", "readinessProbe", "tcpSocket", "timeoutSeconds", "envFrom",
		"secretKeyRef", "configMapKeyRef", "secretRef", "stringData", "persistentVolumeClaim",
		"PodDisruptionBudget", "maxSurge", "maxUnavailable", "behavior", "stabilizationWindowSeconds",
		"pathType", "ingressClassName", "imagePullSecrets", "subPath", "topologySpreadConstraints",
		"initialDelaySeconds", "failureThreshold", "namespace:", "targetPort", "averageUtilization",
	},
}

// TestExercisesNeedOnlyWhatWasTaught: every construct a solution adds to
// its start files appears in the exercise's lesson or an earlier one (in
// English; the Spanish lessons carry the same code).
func TestExercisesNeedOnlyWhatWasTaught(t *testing.T) {
	src := course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}}
	c, ds := course.Load(src)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	checked := 0
	for _, ex := range c.Exercises {
		les, ok := c.Lesson(ex.Lesson)
		if !ok {
			t.Fatalf("%s: no lesson %s", ex.ID, ex.Lesson)
		}
		var taught strings.Builder
		for _, l := range c.Lessons {
			if l.Order <= les.Order {
				taught.WriteString(l.Body.In("en"))
			}
		}
		added := addedLines(t, src, ex)
		for _, k := range constructs[ex.Track] {
			if strings.Contains(added, k) && !strings.Contains(taught.String(), strings.TrimSpace(k)) {
				t.Errorf("%s (lesson %s) asks for %q, which no lesson up to %s teaches", ex.ID, les.ID, strings.TrimSpace(k), les.ID)
			}
		}
		checked++
	}
	t.Logf("%d exercises checked against their lessons", checked)
}

// addedLines is every line of the solution that the start does not have.
func addedLines(t *testing.T, src course.Source, ex *course.Exercise) string {
	t.Helper()
	start, err := ex.ReadTree(src.FS, "start")
	if err != nil {
		t.Fatal(err)
	}
	sol, err := ex.ReadTree(src.FS, "solution")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, b := range start {
		for _, l := range strings.Split(string(b), "\n") {
			have[strings.TrimSpace(l)] = true
		}
	}
	var out strings.Builder
	for _, b := range sol {
		for _, l := range strings.Split(string(b), "\n") {
			if !have[strings.TrimSpace(l)] {
				out.WriteString(l + "\n")
			}
		}
	}
	return out.String()
}
