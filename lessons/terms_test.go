package lessons_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// termList mirrors terms.es.yaml: the Spanish the course uses and the forms it
// avoids, so one regional variety reads the same from lesson 1 to the last rule.
type termList struct {
	Terms []struct {
		EN    string   `yaml:"en"`
		ES    string   `yaml:"es"`
		Avoid []string `yaml:"avoid"`
	} `yaml:"terms"`
}

var (
	fencedCode = regexp.MustCompile("(?s)```.*?```")
	inlineCode = regexp.MustCompile("`[^`]*`")
	esValue    = regexp.MustCompile(`\bes: "((?:[^"\\]|\\.)*)"`)
)

// spanishTexts returns every Spanish text of the course by where it lives:
// lesson and task Markdown without code, the es: values of course YAML, and
// the Spanish message catalog.
func spanishTexts(t *testing.T) map[string][]string {
	t.Helper()
	texts := map[string][]string{}
	add := func(path, s string) { texts[path] = append(texts[path], inlineCode.ReplaceAllString(s, "")) }
	for _, root := range []string{".", filepath.Join("..", "exercises")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			name := d.Name()
			isMD := strings.HasSuffix(name, ".es.md")
			isYAML := name == "checkpoint.yaml" || name == "glossary.yaml" || name == "module.yaml" || name == "exercise.yaml"
			if !isMD && !isYAML {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if isMD {
				add(path, fencedCode.ReplaceAllString(string(b), ""))
				return nil
			}
			for _, m := range esValue.FindAllStringSubmatch(string(b), -1) {
				add(path, m[1])
			}
			return nil
		})
		if err != nil {
			t.Fatalf("reading %s: %v", root, err)
		}
	}
	cat := filepath.Join("..", "internal", "msg", "locales", "es.yaml")
	b, err := os.ReadFile(cat)
	if err != nil {
		t.Fatalf("reading the Spanish catalog: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "#") {
			add(cat, line)
		}
	}
	return texts
}

func TestSpanishAvoidsListedTerms(t *testing.T) {
	b, err := os.ReadFile("terms.es.yaml")
	if err != nil {
		t.Fatalf("reading the term list: %v", err)
	}
	var list termList
	if err := yaml.Unmarshal(b, &list); err != nil {
		t.Fatalf("parsing terms.es.yaml: %v", err)
	}
	if len(list.Terms) == 0 {
		t.Fatal("terms.es.yaml lists no terms")
	}
	texts := spanishTexts(t)
	for _, term := range list.Terms {
		for _, avoid := range term.Avoid {
			re := regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}_])` + regexp.QuoteMeta(avoid) + `($|[^\p{L}\p{N}_])`)
			for path, ss := range texts {
				for _, s := range ss {
					if re.MatchString(s) {
						t.Errorf("%s uses %q; the course writes %q (%s)", path, avoid, term.ES, term.EN)
					}
				}
			}
		}
	}
}

func TestSpanishLessonsUseStraightQuotes(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("*", "lesson.es.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(string(b), "«»") {
			t.Errorf("%s uses « »; the course's Spanish uses straight double quotes", p)
		}
	}
}
