package rules

import (
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
)

func rule(id string) Rule {
	return Rule{ID: id, Severity: diag.SeverityWarning}
}

func TestCatalog(t *testing.T) {
	c, err := NewCatalog([]Rule{rule("k8s/b"), rule("k8s/a")}, []Rule{rule("tf/a")}, FileRules(), CourseRules())
	if err != nil {
		t.Fatal(err)
	}
	all := c.All()
	for i := 1; i < len(all); i++ {
		if all[i-1].ID >= all[i].ID {
			t.Fatalf("not sorted: %s before %s", all[i-1].ID, all[i].ID)
		}
	}
	if r, ok := c.Lookup("k8s/a"); !ok || r.ID != "k8s/a" {
		t.Error("lookup failed")
	}
	if _, ok := c.Lookup("k8s/c"); ok {
		t.Error("found a rule that does not exist")
	}
	r, _ := c.Lookup("k8s/b")
	if r.Why().Key != "rule.k8s/b.why" || r.Title().Key != "rule.k8s/b.title" || r.Fix().Key != "rule.k8s/b.fix" {
		t.Errorf("explanation keys: %q %q %q", r.Title().Key, r.Why().Key, r.Fix().Key)
	}
}

func TestCatalogRejects(t *testing.T) {
	bad := rule("x/none")
	bad.Severity = diag.SeverityInvalid
	for name, lists := range map[string][][]Rule{
		"duplicate":   {{rule("a")}, {rule("a")}},
		"no severity": {{bad}},
	} {
		if _, err := NewCatalog(lists...); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
