package gradebook

import (
	"bytes"
	"strings"
	"testing"
)

// TestSimilar: two students who wrote the same unusual lines are paired;
// a third with the plain solution and a fourth with edits of their own are
// not, since lines every correct answer has are no evidence.
func TestSimilar(t *testing.T) {
	c, src := testCourse(t)
	labels, _ := c.Exercise("demo-labels")
	sol := string(tree(t, src, labels, "solution")["deploy.yaml"])
	copied := strings.Replace(sol, "kind: Deployment\n", "kind: Deployment\n# fixed the labels, team rocket\n# selector must equal template labels!!\n", 1)
	copied = strings.Replace(copied, "        app: churn-api\n", "        app: churn-api\n        owner: team-rocket-42\n", 1)
	own := strings.Replace(sol, "kind: Deployment\n", "kind: Deployment\n# my own note about selectors\n# another remark of mine\n# and a third one\n", 1)
	class := t.TempDir()
	put := func(student, text string) {
		putExercise(t, class, student, labels.ID, map[string][]byte{"deploy.yaml": []byte(text)})
	}
	put("ana", copied)
	put("ben", strings.Replace(copied, "  replicas: 2\n", "  replicas:   2\n", 1)) // spacing does not hide a copy
	put("cai", sol)
	put("dan", own)
	gb := grade(t, class, Options{Course: c, Source: src, KeepSources: true})
	pairs := Similar(gb, DefaultSimilarity)
	if len(pairs) != 1 || pairs[0].A != "ana" || pairs[0].B != "ben" || pairs[0].Shared != 3 || pairs[0].Similarity != 1 {
		t.Fatalf("pairs = %+v, want ana and ben alone, 3 lines, 100%%", pairs)
	}
	var b bytes.Buffer
	if err := WriteSimilarity(&b, printer(t, "en"), pairs, DefaultSimilarity); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"evidence to look at, not a finding", "ana and ben: 100% alike, 3 lines in common", "demo-labels: owner: team-rocket-42"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
