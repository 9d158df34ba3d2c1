package grader

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/cel-go/cel"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/source"
)

// evalOn compiles expr for track and runs it on act, as a check would.
func evalOn(t *testing.T, track course.Track, expr string, act map[string]any) bool {
	t.Helper()
	env, err := envFor(track)
	if err != nil {
		t.Fatal(err)
	}
	ast, iss := env.Compile(expr)
	if iss.Err() != nil {
		t.Fatalf("%s: %v", expr, iss.Err())
	}
	prg, err := env.Program(ast, cel.CostLimit(costLimit))
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := prg.Eval(act)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	b, ok := out.Value().(bool)
	if !ok {
		t.Fatalf("%s gives %v", expr, out)
	}
	return b
}

const helperObjects = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.4.2
          ports: [{name: http, containerPort: 8000}]
          envFrom: [{secretRef: {name: db}}]
          env:
            - {name: DB_USER, value: admin}
          resources:
            limits: {memory: 0.5Gi, cpu: "0.5"}
          livenessProbe:
            httpGet: {path: /livez, port: http}
            initialDelaySeconds: 20
          startupProbe:
            httpGet: {path: /livez, port: http}
            failureThreshold: 30
            periodSeconds: 5
---
apiVersion: v1
kind: Secret
metadata: {name: db}
stringData: {DB_USER: app, DB_PASSWORD: s3cret}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports:
    - {port: 80, targetPort: http}
    - {port: 9090, targetPort: metrics}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  maxReplicas: 5
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
  behavior:
    scaleDown: {selectPolicy: Disabled}
`

func TestOutcomeHelpers(t *testing.T) {
	ex := &course.Exercise{ID: "h", Track: course.Kubernetes}
	m := loadModel(ex, []source.File{{Path: "all.yaml", Data: []byte(helperObjects)}}, New().kube)
	container := `kinds.Deployment.api.spec.template.spec.containers[0]`
	tests := []struct {
		name, expr string
		want       bool
	}{
		{"quantities compare by amount", container + `.resources.limits.memory == quantity("512Mi")`, true},
		{"a quantity reads as its canonical string", `string(` + container + `.resources.limits.memory) == "512Mi"`, true},
		{"cores as a number equal millicores", container + `.resources.limits.cpu == quantity("500m")`, true},
		{"a named targetPort reads as its number", `kinds.Service.api.spec.ports[0].targetPort == 8000`, true},
		{"a name nothing declares stays a name", `kinds.Service.api.spec.ports[1].targetPort == "metrics"`, true},
		{"a probe's named port reads as its number", container + `.livenessProbe.httpGet.port == 8000`, true},
		{"server defaulting fills the protocol", `kinds.Service.api.spec.ports[0].protocol == "TCP"`, true},
		{"a named targetPort is delivered to its container port", `deliveredPorts(kinds.Service.api, objects) == {80: 8000}`, true},
		{"an unresolved name delivers nowhere", `!(9090 in deliveredPorts(kinds.Service.api, objects))`, true},
		{"env overrides envFrom", `effectiveEnv(` + container + `, objects).DB_USER == {"value": "admin"}`, true},
		{"envFrom brings the Secret's keys", `effectiveEnv(` + container + `, objects).DB_PASSWORD.secretKeyRef == {"name": "db", "key": "DB_PASSWORD"}`, true},
		{"the startup probe guards a slow start", `startupSeconds(` + container + `) == 150`, true},
		{"no probe never restarts", `startupSeconds({"name": "x"}) == 2147483647`, true},
		{"liveness alone: delay plus failures", `startupSeconds({"livenessProbe": {"initialDelaySeconds": 20}}) == 50`, true},
		{"hpa defaults fill scaleUp", `hpaBehavior(kinds.HorizontalPodAutoscaler.api).scaleUp.stabilizationWindowSeconds == 0`, true},
		{"hpa defaults keep 300s down", `hpaBehavior(kinds.HorizontalPodAutoscaler.api).scaleDown.stabilizationWindowSeconds == 300`, true},
		{"selectPolicy Disabled turns a direction off", `!hpaBehavior(kinds.HorizontalPodAutoscaler.api).scaleDown.enabled`, true},
		{"a release tag is pinned", `isPinned("ghcr.io/acme/api:1.4.2")`, true},
		{"a digest is pinned", `isPinned("ghcr.io/acme/api@sha256:0123")`, true},
		{"latest is not pinned", `isPinned("ghcr.io/acme/api:latest")`, false},
		{"no tag is not pinned", `isPinned("localhost:5000/api")`, false},
		{"~> 5.0 allows 5.99.0", `constraintAllows("~> 5.0", "5.99.0")`, true},
		{"~> 5.0.0 does not allow 5.1.0", `constraintAllows("~> 5.0.0", "5.1.0")`, false},
		{"a range allows 5.2.0", `constraintAllows(">= 5.0, < 6.0", "5.2.0")`, true},
		{"~>5.0 without a space", `constraintAllows("~>5.0", "5.40.0")`, true},
		{"~> 5.0 does not allow 6.0.0", `constraintAllows("~> 5.0", "6.0.0")`, false},
		{"a target group's id is its arn", `pointsAt("aws_lb_target_group.api.id", "aws_lb_target_group.api.arn")`, true},
		{"another target group is not it", `pointsAt("aws_lb_target_group.web.arn", "aws_lb_target_group.api.arn")`, false},
		{"a quoted string is no reference", `reference("\"aws_lb.api.arn\"").address == ""`, true},
		{"reference names address and attribute", `reference("data.aws_vpc.main.id") == {"address": "data.aws_vpc.main", "attribute": "id"}`, true},
		{"url library", `url("https://example.com/health").getEscapedPath() == "/health"`, true},
		{"lists library", `[3, 1, 2].max() == 3`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := evalOn(t, course.Kubernetes, tt.expr, m.activation); got != tt.want {
				t.Errorf("%s = %v, want %v", tt.expr, got, tt.want)
			}
		})
	}
}

func TestTerraformValues(t *testing.T) {
	files := []source.File{{Path: "main.tf", Data: []byte(`locals {
  api_port = 8000
}

variable "region" {
  default = "eu-west-1"
}

resource "aws_lb_target_group" "api" {
  port = local.api_port
}

resource "aws_ecs_service" "api" {
  load_balancer {
    target_group_arn = aws_lb_target_group.api.id
    container_port   = local.api_port
  }
}

variable "zones" {
  type    = list(string)
  default = ["a", "b"]
}

locals {
  zone_set   = toset(var.zones)
  zone_list  = tolist(local.zone_set)
  first_zone = local.zone_list[0]
}

output "arn" {
  value = "${aws_lb_target_group.api.arn}"
}

variable "desired_count" {
  type = number
  validation {
    condition     = var.desired_count > 0 && var.desired_count < 11
    error_message = "1 to 10 tasks."
  }
}
`)}}
	ex := &course.Exercise{ID: "v", Track: course.Terraform}
	m := loadModel(ex, files, kubeModel{})
	for _, expr := range []string{
		`values.resources.aws_lb_target_group.api.port == 8000`,
		`values.resources.aws_ecs_service.api.load_balancer[0].container_port == 8000`,
		`resources.aws_ecs_service.api.load_balancer[0].container_port == "local.api_port"`,
		`pointsAt(values.resources.aws_ecs_service.api.load_balancer[0].target_group_arn, "aws_lb_target_group.api.arn")`,
		`values.resources.aws_ecs_service.api.load_balancer[0].target_group_arn.attribute == "arn"`,
		`values.variables.region.default == "eu-west-1"`,
		`pointsAt(values.outputs.arn.value, "aws_lb_target_group.api.arn")`,
		`values.locals.zone_list == ["a", "b"]`,
		`values.locals.first_zone == "a"`,
		`!validationAllows(module, "desired_count", 0) && validationAllows(module, "desired_count", 10) && !validationAllows(module, "desired_count", 11)`,
	} {
		if !evalOn(t, course.Terraform, expr, m.activation) {
			t.Errorf("%s is false", expr)
		}
	}
}

// gradeMessages grades one submission of the demo exercises and returns
// the diagnostics' summaries in English and Spanish.
func gradeMessages(t *testing.T, ex *course.Exercise, s Submission) (Result, []string, []string) {
	t.Helper()
	res := New().Grade(ex, s)
	en, es := printer(t, "en"), printer(t, "es")
	var ens, ess []string
	for _, d := range res.Diagnostics {
		if d.Rule != "" && !strings.HasPrefix(d.Rule, "grader") && d.Check == "" {
			continue // the validators' own findings
		}
		ens = append(ens, en.Text(d.Summary))
		ess = append(ess, es.Text(d.Summary))
	}
	return res, ens, ess
}

func TestOutcomeClasses(t *testing.T) {
	c, _ := loadOne(t, k8sExercise)
	k8sEx, _ := c.Exercise("demo")
	tfEx, _ := c.Exercise("tf")
	reordered := "kind: Deployment\napiVersion: apps/v1\n" + strings.TrimPrefix(brokenDeploy, "apiVersion: apps/v1\nkind: Deployment\n")
	tests := []struct {
		name      string
		ex        *course.Exercise
		file      string
		data      string
		start     string
		score     int
		unchanged bool
		en, es    []string
	}{
		{
			name: "a deleted resource is gone, not a CEL error", ex: tfEx, file: "main.tf", start: tfStart, score: 0,
			data: strings.Replace(tfSolution, "resource \"aws_ecs_cluster\" \"main\" {\n  name = \"churn\"\n}\n", "resource \"aws_ecs_cluster\" \"other\" {\n  name = \"churn\"\n}\n", 1),
			en:   []string{"aws_ecs_cluster.main is gone; the task needs it", "aws_ecs_cluster.main is gone; the task needs it"},
			es:   []string{"aws_ecs_cluster.main ya no está; la tarea lo necesita", "aws_ecs_cluster.main ya no está; la tarea lo necesita"},
		},
		{
			name: "an emptied file scores nothing", ex: k8sEx, file: "deploy.yaml", data: "# later\n", start: brokenDeploy, score: 0,
			en: []string{"ws/demo/deploy.yaml no longer holds what the task needs; every check waits for it"},
			es: []string{"ws/demo/deploy.yaml ya no contiene lo que la tarea necesita; todas las comprobaciones lo esperan"},
		},
		{
			name: "a syntax error speaks once for every check", ex: k8sEx, file: "deploy.yaml", data: fixedDeploy + "  bad: [\n", start: brokenDeploy, score: 0,
			en: []string{"ws/demo/deploy.yaml does not parse yet: the 2 checks cannot be checked until the file parses"},
			es: []string{"ws/demo/deploy.yaml todavía no se puede leer: las 2 comprobaciones no se pueden evaluar hasta que el archivo se pueda leer"},
		},
		{
			name: "CRLF, a BOM and trailing spaces are unchanged", ex: k8sEx, file: "deploy.yaml", start: brokenDeploy, score: 0, unchanged: true,
			data: "\xef\xbb\xbf" + strings.ReplaceAll(brokenDeploy, "\n", "  \r\n") + "\r\n",
			en:   []string{"Not yet: Two replicas"}, es: []string{"Todavía no: Dos réplicas"},
		},
		{
			name: "comments and key order are unchanged", ex: k8sEx, file: "deploy.yaml", start: brokenDeploy, score: 0, unchanged: true,
			data: "# my notes\n" + reordered,
			en:   []string{"Not yet: Two replicas"}, es: []string{"Todavía no: Dos réplicas"},
		},
		{
			name: "a Terraform comment and layout are unchanged", ex: tfEx, file: "main.tf", start: tfStart, score: 0, unchanged: true,
			data: "# todo\n" + strings.ReplaceAll(tfStart, "name = \"demo\"", "name   =   \"demo\" # here"),
			en:   []string{"Not yet: Named churn"}, es: []string{"Todavía no: Llamado churn"},
		},
		{
			name: "the same memory in other units keeps the value", ex: k8sEx, file: "deploy.yaml", start: brokenDeploy, score: 3,
			data: strings.Replace(fixedDeploy, "memory: 512Mi", "memory: 0.5Gi", 1),
		},
		{
			name: "changing a kept value names it, old and new", ex: k8sEx, file: "deploy.yaml", start: brokenDeploy, score: 1,
			data: strings.Replace(fixedDeploy, "churn-api:1.4.2", "churn-api:1.5.0", 1),
			en:   []string{`Not yet: the task keeps Deployment/churn-api spec.template.spec.containers[name=api].image as "ghcr.io/acme/churn-api:1.4.2", and it is now "ghcr.io/acme/churn-api:1.5.0"`},
			es:   []string{`Todavía no: la tarea conserva Deployment/churn-api spec.template.spec.containers[name=api].image como "ghcr.io/acme/churn-api:1.4.2", y ahora es "ghcr.io/acme/churn-api:1.5.0"`},
		},
		{
			name: "removing a kept value says removed", ex: k8sEx, file: "deploy.yaml", start: brokenDeploy, score: 1,
			data: strings.Replace(fixedDeploy, "            limits: {cpu: 500m, memory: 512Mi}\n", "            limits: {cpu: 500m}\n", 1),
			en:   []string{`Not yet: the task keeps Deployment/churn-api spec.template.spec.containers[name=api].resources.limits.memory as 512Mi, and it is now removed`},
			es:   []string{`Todavía no: la tarea conserva Deployment/churn-api spec.template.spec.containers[name=api].resources.limits.memory como 512Mi, y ahora es eliminado`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, en, es := gradeMessages(t, tt.ex, sub(tt.file, tt.data, tt.start))
			if res.Score != tt.score || res.Unchanged != tt.unchanged {
				t.Errorf("score %d unchanged %v, want %d %v", res.Score, res.Unchanged, tt.score, tt.unchanged)
			}
			if strings.Join(en, "\n") != strings.Join(tt.en, "\n") {
				t.Errorf("en:\n%s\nwant:\n%s", strings.Join(en, "\n"), strings.Join(tt.en, "\n"))
			}
			if strings.Join(es, "\n") != strings.Join(tt.es, "\n") {
				t.Errorf("es:\n%s\nwant:\n%s", strings.Join(es, "\n"), strings.Join(tt.es, "\n"))
			}
		})
	}
}

// TestSyntaxErrorFirst: the syntax error leads, and what waits for it is
// said once after it.
func TestSyntaxErrorFirst(t *testing.T) {
	c, _ := loadOne(t, k8sExercise)
	ex, _ := c.Exercise("demo")
	res := New().Grade(ex, sub("deploy.yaml", fixedDeploy+"  bad: [\n", brokenDeploy))
	if len(res.Diagnostics) < 2 || res.Diagnostics[0].Rule != "k8s/yaml-syntax" || res.Diagnostics[1].Summary.Key != "grader.until-parses" {
		t.Fatalf("order: %+v", res.Diagnostics)
	}
	n := 0
	for _, d := range res.Diagnostics {
		if d.Summary.Key == "grader.until-parses" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d messages for the checks that wait, want 1", n)
	}
}

// TestFreePaths: a path the task frees may change; the rest is kept.
func TestFreePaths(t *testing.T) {
	c, _ := loadOne(t, strings.Replace(k8sExercise, "files: [deploy.yaml]", "files: [deploy.yaml]\nfree: [\"Deployment/churn-api spec.template.spec.containers[name=api].image\"]", 1))
	ex, _ := c.Exercise("demo")
	res := New().Grade(ex, sub("deploy.yaml", strings.Replace(fixedDeploy, "churn-api:1.4.2", "churn-api:1.5.0", 1), brokenDeploy))
	if !res.Passed {
		t.Fatalf("freed image: %+v", res)
	}
}

// TestFolders: a folder entry takes every YAML file in it, so a learner
// who splits a file keeps their points, and the self-test reads folders.
func TestFolders(t *testing.T) {
	ex := strings.Replace(k8sExercise, "files: [deploy.yaml]", "files: [k8s/]", 1)
	m := fstest.MapFS{
		"exercises/kubernetes/01-demo/exercise.yaml":            {Data: []byte(ex)},
		"exercises/kubernetes/01-demo/task.md":                  {Data: []byte("t")},
		"exercises/kubernetes/01-demo/task.es.md":               {Data: []byte("t")},
		"exercises/kubernetes/01-demo/start/k8s/deploy.yaml":    {Data: []byte(brokenDeploy)},
		"exercises/kubernetes/01-demo/solution/k8s/deploy.yaml": {Data: []byte(fixedDeploy)},
	}
	src := course.Source{FS: m}
	c, ds := course.Load(src)
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds)
	}
	e, _ := c.Exercise("demo")
	g := New()
	if ds := g.SelfTest(src, e); len(ds) != 0 {
		t.Fatalf("self-test: %v", ds)
	}
	ns := "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mlops\n"
	s := Submission{
		Files: []source.File{{Path: "ws/k8s/deploy.yaml", Data: []byte(fixedDeploy)}, {Path: "ws/k8s/namespace.yml", Data: []byte(ns)}},
		Names: map[string]string{"ws/k8s/deploy.yaml": "k8s/deploy.yaml", "ws/k8s/namespace.yml": "k8s/namespace.yml"},
	}
	if res := g.Grade(e, s); !res.Passed {
		t.Fatalf("split files: %+v", res)
	}
	// Moving the objects to another file of the folder is no loss.
	s.Files[0].Data, s.Files[1].Data = []byte("# moved\n"), []byte(ns+"---\n"+fixedDeploy)
	if res := g.Grade(e, s); !res.Passed {
		t.Fatalf("moved to another file: %+v", res)
	}
}
