package grader

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/msg/msgtest"
	"github.com/iactutor/iactutor/internal/source"
)

// printer renders results the way a presenter in lang would.
func printer(t testing.TB, lang string) *msg.Printer { return msgtest.Printer(t, lang) }

const brokenDeploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-api
  namespace: mlops
spec:
  replicas: 1
  selector:
    matchLabels:
      app: churn-api
  template:
    metadata:
      labels:
        app: churn
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/churn-api:1.4.2
          resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {cpu: 500m, memory: 512Mi}
`

var fixedDeploy = strings.Replace(strings.Replace(brokenDeploy, "app: churn\n", "app: churn-api\n", 1), "replicas: 1", "replicas: 2", 1)

const k8sExercise = `id: demo
lesson: k8s-objects
title: {en: Demo, es: Demo}
kind: fix
difficulty: 1
topics: [labels]
files: [deploy.yaml]
hints: [{en: a, es: a}, {en: b, es: b}]
checks:
  - id: valid
    points: 2
    message: {en: No errors, es: Sin errores}
    validators: {}
  - id: replicas
    points: 1
    expect: 'kinds.Deployment["churn-api"].spec.replicas >= 2'
    at: {kind: Deployment, name: churn-api, path: spec.replicas}
    message: {en: Two replicas, es: Dos réplicas}
`

func loadOne(t testing.TB, exYAML string) (*course.Course, course.Source) {
	t.Helper()
	m := fstest.MapFS{
		"exercises/kubernetes/01-demo/exercise.yaml":        {Data: []byte(exYAML)},
		"exercises/kubernetes/01-demo/task.md":              {Data: []byte("t")},
		"exercises/kubernetes/01-demo/task.es.md":           {Data: []byte("t")},
		"exercises/kubernetes/01-demo/start/deploy.yaml":    {Data: []byte(brokenDeploy)},
		"exercises/kubernetes/01-demo/solution/deploy.yaml": {Data: []byte(fixedDeploy)},
		"exercises/terraform/01-tf/exercise.yaml":           {Data: []byte(tfExercise)},
		"exercises/terraform/01-tf/task.md":                 {Data: []byte("t")},
		"exercises/terraform/01-tf/task.es.md":              {Data: []byte("t")},
		"exercises/terraform/01-tf/start/main.tf":           {Data: []byte(tfStart)},
		"exercises/terraform/01-tf/solution/main.tf":        {Data: []byte(tfSolution)},
	}
	src := course.Source{FS: m}
	c, ds := course.Load(src)
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds)
	}
	return c, src
}

func sub(name, data string, start string) Submission {
	s := Submission{Files: []source.File{{Path: "ws/demo/" + name, Data: []byte(data)}}, Names: map[string]string{"ws/demo/" + name: name}}
	if start != "" {
		s.Start = map[string][]byte{name: []byte(start)}
	}
	return s
}

func TestGradeKubernetes(t *testing.T) {
	c, _ := loadOne(t, k8sExercise)
	ex, _ := c.Exercise("demo")
	g := New()
	en, es := printer(t, "en"), printer(t, "es")

	res := g.Grade(ex, sub("deploy.yaml", strings.Replace(brokenDeploy, "app: churn\n", "app: churn-api\n", 1), brokenDeploy))
	if res.Score != 2 || res.Max != 3 || res.Passed || !res.Checks[0].Passed || res.Checks[1].Passed {
		t.Fatalf("half fixed: %+v", res)
	}
	// The failed expectation points at spec.replicas (line 7, the value).
	var at *diag.Diagnostic
	for i, d := range res.Diagnostics {
		if en.Text(d.Summary) == "Not yet: Two replicas" {
			at = &res.Diagnostics[i]
		}
	}
	if at == nil || at.Subject.Filename != "ws/demo/deploy.yaml" || at.Subject.Start.Line != 7 || at.Check != "replicas" {
		t.Fatalf("expectation diagnostic = %+v", at)
	}
	if got := es.Text(at.Summary); got != "Todavía no: Dos réplicas" {
		t.Errorf("summary in Spanish = %q", got)
	}

	res = g.Grade(ex, sub("deploy.yaml", fixedDeploy, brokenDeploy))
	if !res.Passed || res.Score != 3 || es.Text(res.Checks[1].Message) != "Dos réplicas" || en.Text(res.Checks[1].Message) != "Two replicas" {
		t.Fatalf("fixed: %+v", res)
	}

	// Untouched start files score nothing, even checks they would pass.
	res = g.Grade(ex, sub("deploy.yaml", brokenDeploy, brokenDeploy))
	if !res.Unchanged || res.Score != 0 {
		t.Fatalf("unchanged: %+v", res)
	}

	// A refused file (binary, too big, a link out) scores nothing.
	s := sub("deploy.yaml", fixedDeploy, brokenDeploy)
	s.Refused = diag.Diagnostics{{Severity: diag.SeverityError, Summary: msg.Plain("binary"), Rule: source.RuleBinary}}
	if res = g.Grade(ex, s); res.Score != 0 || len(res.Diagnostics) == 0 {
		t.Fatalf("refused: %+v", res)
	}

	// A deleted object fails every check that needs it, the validators
	// check included, and the learner is told it is gone, not a CEL error.
	res = g.Grade(ex, sub("deploy.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mlops\n", brokenDeploy))
	if res.Checks[0].Passed || res.Checks[1].Passed || res.Score != 0 {
		t.Fatalf("object deleted: %+v", res)
	}
	found := false
	for _, d := range res.Diagnostics {
		if d.Check == "replicas" {
			found = true
			if got := en.Text(d.Summary); got != "The Deployment churn-api is gone; the task needs it" {
				t.Errorf("summary = %q", got)
			}
			if got := es.Text(d.Summary); got != "El Deployment churn-api ya no está; la tarea lo necesita" {
				t.Errorf("summary in Spanish = %q", got)
			}
			if !d.Detail.IsZero() {
				t.Errorf("detail = %q, want none", en.Text(d.Detail))
			}
		}
	}
	if !found {
		t.Errorf("no diagnostic for the failed expectation: %+v", res.Diagnostics)
	}
}

func TestCompileErrorsArePositioned(t *testing.T) {
	c, _ := loadOne(t, strings.Replace(k8sExercise, `expect: 'kinds.Deployment["churn-api"].spec.replicas >= 2'`, `expect: 'kinds.Deployment["churn-api"].spec.replicas >='`, 1))
	ex, _ := c.Exercise("demo")
	en := printer(t, "en")
	ds := New().Compile(ex)
	if len(ds) != 1 || ds[0].Subject.Start.Line != 16 || !strings.Contains(en.Text(ds[0].Summary), `check "replicas": the expectation does not compile`) {
		t.Fatalf("diagnostics = %+v", ds)
	}
	c, _ = loadOne(t, strings.Replace(k8sExercise, `expect: 'kinds.Deployment["churn-api"].spec.replicas >= 2'`, `expect: '1 + 2'`, 1))
	ex, _ = c.Exercise("demo")
	if ds := New().Compile(ex); len(ds) != 1 || !strings.Contains(en.Text(ds[0].Summary), "must be true or false, but it gives int") {
		t.Fatalf("non-boolean: %+v", ds)
	}
}

func TestSelfTest(t *testing.T) {
	c, src := loadOne(t, k8sExercise)
	g := New()
	for _, ex := range c.Exercises {
		if ds := g.SelfTest(src, ex); len(ds) != 0 {
			t.Errorf("%s: %v", ex.ID, ds)
		}
	}
	// A solution that is still broken is caught with the reason.
	m := src.FS.(fstest.MapFS)
	m["exercises/kubernetes/01-demo/solution/deploy.yaml"] = &fstest.MapFile{Data: []byte(brokenDeploy)}
	c, ds := course.Load(src)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	ex, _ := c.Exercise("demo")
	got := New().SelfTest(src, ex)
	en := printer(t, "en")
	if len(got) != 1 {
		t.Fatalf("self-test = %v", got)
	}
	if s := en.Text(got[0].Summary); !strings.HasPrefix(s, "exercise demo: solution/ scores 0/3: ") || !strings.Contains(s, `check "valid" fails; check "replicas" fails; `) || !strings.Contains(s, "deploy.yaml:") {
		t.Fatalf("self-test = %s", s)
	}
}

const tfExercise = `id: tf
lesson: terraform-basics
title: {en: TF, es: TF}
kind: fix
difficulty: 1
topics: [providers]
files: [main.tf]
hints: [{en: a, es: a}, {en: b, es: b}]
checks:
  - id: valid
    points: 1
    message: {en: No errors, es: Sin errores}
    validators: {warnings: [tf/provider-version]}
  - id: count
    points: 1
    expect: 'resources.aws_ecs_cluster.main.name == "churn"'
    at: {path: resource.aws_ecs_cluster.main.name}
    message: {en: Named churn, es: Llamado churn}
`

const tfStart = `terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

resource "aws_ecs_cluster" "main" {
  name = "demo"
}
`

var tfSolution = strings.Replace(strings.Replace(tfStart, `source = "hashicorp/aws"`, "source  = \"hashicorp/aws\"\n      version = \"~> 5.0\"", 1), `"demo"`, `"churn"`, 1)

func TestGradeTerraform(t *testing.T) {
	c, _ := loadOne(t, k8sExercise)
	ex, _ := c.Exercise("tf")
	g := New()
	en := printer(t, "en")
	res := g.Grade(ex, sub("main.tf", tfStart, ""))
	if res.Score != 0 || res.Checks[0].Passed || res.Checks[1].Passed {
		t.Fatalf("start: %+v", res)
	}
	var at *diag.Diagnostic
	for i, d := range res.Diagnostics {
		if en.Text(d.Summary) == "Not yet: Named churn" {
			at = &res.Diagnostics[i]
		}
	}
	if at == nil || at.Subject.Start.Line != 10 {
		t.Fatalf("expectation diagnostic = %+v\nall: %+v", at, res.Diagnostics)
	}
	res = g.Grade(ex, sub("main.tf", tfSolution, ""))
	if !res.Passed {
		t.Fatalf("solution: %+v", res)
	}
}

// BenchmarkCheck is one `check` of a typical exercise in process, with the
// expectations already compiled as they are in watch mode and the TUI.
func BenchmarkCheck(b *testing.B) {
	c, _ := loadOne(b, k8sExercise)
	ex, _ := c.Exercise("demo")
	g := New()
	s := sub("deploy.yaml", fixedDeploy, brokenDeploy)
	g.Grade(ex, s)
	b.ReportAllocs()
	for b.Loop() {
		if !g.Grade(ex, s).Passed {
			b.Fatal("not passed")
		}
	}
}

// TestKeysExist: the grader.* keys this package passes through its own
// helpers are all in the catalog.
func TestKeysExist(t *testing.T) { msgtest.KeysInPackage(t, "grader.", 10) }
