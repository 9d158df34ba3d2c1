package terraform

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/rules"
)

// TestMain runs the tests, then proves every rule any test saw emitted is in
// the catalogue.
func TestMain(m *testing.M) {
	code := m.Run()
	ids := map[string]bool{}
	for _, r := range Rules() {
		ids[r.ID] = true
	}
	seenRules.Range(func(k, _ any) bool {
		if !ids[k.(string)] {
			fmt.Fprintf(os.Stderr, "rule %s was emitted but is not in Rules()\n", k)
			code = 1
		}
		return true
	})
	os.Exit(code)
}

func TestCatalog(t *testing.T) {
	if _, err := rules.NewCatalog(Rules()); err != nil {
		t.Fatal(err)
	}
	lessons := []string{lessonBasics, lessonWorkflow, lessonState, lessonPractice}
	for _, r := range Rules() {
		if !strings.HasPrefix(r.ID, "tf/") {
			t.Errorf("%s: ID must start with tf/", r.ID)
		}
		if !slices.Contains(lessons, r.Lesson) {
			t.Errorf("%s: lesson %q is not one of %v", r.ID, r.Lesson, lessons)
		}
		for _, lang := range []string{"en", "es"} {
			tx, ok := r.Text[lang]
			if !ok || tx.Title == "" || tx.Why == "" || tx.Fix == "" {
				t.Errorf("%s: incomplete %s text", r.ID, lang)
			}
		}
		if r.Text["en"] == r.Text["es"] {
			t.Errorf("%s: Spanish text is a copy of the English one", r.ID)
		}
	}
}

var verb = regexp.MustCompile(`%\[\d+\][a-z]`)

// TestMessages checks every message exists in both languages with the same
// format verbs, so no translation can print a %!(BADINDEX).
func TestMessages(t *testing.T) {
	for key, byLang := range messages {
		en, okEn := byLang["en"]
		es, okEs := byLang["es"]
		if !okEn || !okEs {
			t.Errorf("%s: missing en or es", key)
			continue
		}
		pairs := [][2]string{{en.Summary, es.Summary}, {en.Detail, es.Detail}, {en.Hint, es.Hint}}
		for i, p := range pairs {
			a, b := verbs(p[0]), verbs(p[1])
			if !slices.Equal(a, b) {
				t.Errorf("%s field %d: en verbs %v, es verbs %v", key, i, a, b)
			}
			if (p[0] == "") != (p[1] == "") {
				t.Errorf("%s field %d: present in one language only", key, i)
			}
		}
		if en.Summary == "" {
			t.Errorf("%s: no summary", key)
		}
	}
}

func verbs(s string) []string {
	v := verb.FindAllString(s, -1)
	slices.Sort(v)
	return slices.Compact(v)
}

// TestMessageKeysExist finds every message key used in the code and checks
// it is defined.
func TestMessageKeysExist(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	use := regexp.MustCompile(`(?:add\("tf/[a-z-]+", [^"]+, |text\([^,]+, )"([a-z-]+)"[,)]`)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		b, err := os.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(b), -1) {
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s uses undefined message %q", e.Name(), m[1])
			}
		}
	}
	for _, kind := range []string{"variable", "local", "module"} {
		if _, ok := messages["undeclared-"+kind]; !ok {
			t.Errorf("missing message undeclared-%s", kind)
		}
	}
}

func TestSchemaLoads(t *testing.T) {
	ps, err := awsSchema()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ps.Version, "5.") {
		t.Errorf("schema version %q, want 5.x", ps.Version)
	}
	for _, typ := range []string{"aws_instance", "aws_ecs_cluster", "aws_ecs_service", "aws_ecs_task_definition", "aws_lb",
		"aws_lb_target_group", "aws_lb_listener", "aws_s3_bucket", "aws_s3_bucket_versioning", "aws_dynamodb_table",
		"aws_iam_role", "aws_security_group", "aws_ecr_repository", "aws_cloudwatch_log_group", "aws_appautoscaling_target",
		"aws_appautoscaling_policy", "aws_eks_cluster", "aws_secretsmanager_secret", "aws_secretsmanager_secret_version",
		"aws_iam_role_policy_attachment", "aws_subnet", "aws_vpc", "aws_db_instance"} {
		if ps.Resources[typ] == nil {
			t.Errorf("schema lacks %s", typ)
		}
	}
	if a := ps.Resources["aws_ecs_service"].Blocks["load_balancer"].Args["container_port"]; a == nil || !a.Required {
		t.Errorf("aws_ecs_service.load_balancer.container_port should be a required number")
	}
}

// TestSpanish checks a diagnostic reads in Spanish when asked.
func TestSpanish(t *testing.T) {
	ds := lint(t, main("variable \"region\" {}\nprovider \"aws\" {\n  region = var.regoin\n}\n"), Options{Lang: "es"})
	got := only(ds, "tf/undeclared-reference")
	if len(got) != 1 {
		t.Fatalf("got %v", describe(ds))
	}
	if got[0].Summary != `Referencia a la variable no declarada "regoin"` || got[0].Hint != "¿Quisiste decir `var.region`?" {
		t.Errorf("got %q / %q", got[0].Summary, got[0].Hint)
	}
}
