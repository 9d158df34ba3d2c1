package terraform

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/msg"
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
	c, err := builtinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	en, err := c.Messages(msg.Default)
	if err != nil {
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
		keys := []string{rules.TitleKey(r.ID), rules.WhyKey(r.ID), rules.FixKey(r.ID)}
		for _, lang := range c.Languages() {
			ms, err := c.Messages(lang)
			if err != nil {
				t.Fatal(err)
			}
			copied := true
			for _, k := range keys {
				if ms[k] == "" {
					t.Errorf("%s: %s lacks %s", r.ID, lang, k)
				}
				copied = copied && ms[k] == en[k]
			}
			if copied && lang != msg.Default {
				t.Errorf("%s: the %s explanation is a copy of the English one", r.ID, lang)
			}
		}
	}
}

// TestMessageKeysExist finds every message key the code names and checks
// the catalog has it; a missing one would show a learner "[tf.…]".
func TestMessageKeysExist(t *testing.T) {
	c, err := builtinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	en, err := c.Messages(msg.Default)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	// Keys built at run time from a variable are listed by hand.
	keys := []string{
		"tf.unknown-data-type.summary", "tf.quoted-type.summary",
		"tf.misplaced-each.summary", "tf.misplaced-count.summary",
	}
	for _, kind := range []string{"variable", "local", "module"} {
		keys = append(keys, "tf.undeclared-"+kind+".summary")
	}
	for _, k := range hclSummaries {
		keys = append(keys, k)
	}
	addRe := regexp.MustCompile(`\badd\("tf/[a-z-]+", [^"]+, "([a-z-]+)",`)
	hintRe := regexp.MustCompile(`\bhint\("([a-z-]+)"`)
	namedRe := regexp.MustCompile(`msg\.New\("(tf\.[a-z.-]+)",`)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		b, err := os.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range addRe.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, "tf."+m[1]+".summary")
		}
		for _, m := range hintRe.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, "tf.hint."+m[1])
		}
		for _, m := range namedRe.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
	}
	if len(keys) < 80 {
		t.Fatalf("found only %d keys; has the code's shape changed?", len(keys))
	}
	for _, k := range keys {
		if _, ok := en[k]; !ok {
			t.Errorf("the code uses %s, which the catalog lacks", k)
		}
		// reporter.add names the detail and hint of every summary key.
		if base, ok := strings.CutSuffix(k, ".summary"); ok {
			for _, part := range []string{".detail", ".hint"} {
				if _, ok := en[base+part]; !ok {
					t.Errorf("the catalog has %s but not %s", k, base+part)
				}
			}
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
		if ps.resource(typ) == nil {
			t.Errorf("schema lacks %s", typ)
		}
	}
	if a := ps.resource("aws_ecs_service").Blocks["load_balancer"].Args["container_port"]; a == nil || !a.Required {
		t.Errorf("aws_ecs_service.load_balancer.container_port should be a required number")
	}
}

// TestSpanish checks a diagnostic reads in Spanish when asked.
func TestSpanish(t *testing.T) {
	ds := lint(t, main("variable \"region\" {}\nprovider \"aws\" {\n  region = var.regoin\n}\n"), Options{})
	got := only(ds, "tf/undeclared-reference")
	if len(got) != 1 {
		t.Fatalf("got %v", describe(ds))
	}
	summary, _, hint := render(printerFor("es"), got[0])
	if summary != `Referencia a la variable no declarada "regoin"` || hint != "¿Quisiste decir `var.region`?" {
		t.Errorf("got %q / %q", summary, hint)
	}
}
