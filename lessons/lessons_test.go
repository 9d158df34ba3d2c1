package lessons_test

import (
	"strings"
	"testing"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/lessons"
)

// subjects is the subject matter of the module (the design notes' "What the
// course covers"), as words at least one lesson must use in each language;
// "a|b" accepts either spelling (English and Spanish words differ).
var subjects = []string{
	// IaC concept
	"Git", "Pulumi", "destroy", "reproduc",
	// Terraform basics
	"required_providers", `"~> 5.0"`, "hashicorp/aws", "var.region", "variable", "output",
	"aws_ecs_cluster", "aws_ecs_service", "aws_ecs_task_definition", "aws_lb_target_group",
	"desired_count", "load_balancer", "8000", "terraform init", "terraform plan", "terraform apply", "terraform destroy",
	"backend", "S3", "GCS", "lock", "workspace", "tags", "default_tags", "sensitive",
	// Kubernetes basics
	"Pod", "Deployment", "replicas", "selector", "containerPort", "requests", "limits",
	"livenessProbe", "readinessProbe", "/health", "ConfigMap", "Secret", "Service", "targetPort",
	"LoadBalancer", "Ingress", "networking.k8s.io/v1", "ingressClassName", "nginx", "pathType", "Prefix",
	"rewrite-target", "Namespace", "mlops", "PersistentVolumeClaim",
	// HPA
	"HorizontalPodAutoscaler", "autoscaling/v2", "scaleTargetRef", "minReplicas: 2", "maxReplicas: 10",
	"averageUtilization: 70", "stabilizationWindowSeconds: 300", "stabilizationWindowSeconds: 0",
	// ConfigMap vs Secret
	"LOG_LEVEL", "MODEL_PATH", "MLFLOW_TRACKING_URI", "envFrom", "configMapRef", "secretRef",
	"secretKeyRef", "base64", "stringData", "External Secrets", "Vault", "Secrets Manager",
	// Mistakes and debugging
	"ImagePullBackOff", "CrashLoopBackOff", "OOMKilled", "minikube", "kubectl diff", "sandbox",
	// When to use what
	"docker-compose", "ECS Fargate", "Cloud Run", "EKS", "GKE", "GitOps", "Argo CD",
	// Operating it
	"kubectl apply -f k8s/", "kubectl get pods -n mlops", "logs -f deployment/", "--replicas=3",
	"port-forward svc/", "8001:80", "Prometheus", "Grafana",
	// Professional practice
	"Terragrunt", "GitHub Actions", "disaster|desastre", "interview|entrevista",
}

func TestLessonsCoverTheSubjectMatter(t *testing.T) {
	c, ds := course.Load(course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	cat, err := msg.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range cat.Languages() {
		var all strings.Builder
		for _, l := range c.Lessons {
			all.WriteString(l.Body[lang])
		}
		text := strings.ToLower(all.String())
		for _, s := range subjects {
			found := false
			for _, alt := range strings.Split(s, "|") {
				found = found || strings.Contains(text, strings.ToLower(alt))
			}
			if !found {
				t.Errorf("no %s lesson mentions %q", lang, s)
			}
		}
	}
}

func TestEveryLessonNamesFurtherReading(t *testing.T) {
	c, _ := course.Load(course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}})
	heads := map[string]string{"en": "## Further reading", "es": "## Para saber más"}
	for _, l := range c.Lessons {
		for lang, h := range heads {
			if !strings.Contains(l.Body[lang], h) {
				t.Errorf("lesson %s (%s) has no %q section", l.ID, lang, h)
			}
		}
	}
}
