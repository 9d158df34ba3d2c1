package course

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// goodQuestions is a checkpoint with one question of every kind (and a
// sixth), fully translated.
const goodQuestions = `questions:
  - id: one
    kind: single
    prompt: {en: "Pick one", es: "Elige una"}
    choices:
      - {en: "a", es: "a"}
      - {en: "b", es: "b"}
    answer: 1
    explanation: {en: "because", es: "porque"}
  - id: many
    kind: multiple
    prompt: {en: "Pick all", es: "Elige todas"}
    choices:
      - {en: "a", es: "a"}
      - {en: "b", es: "b"}
      - {en: "c", es: "c"}
    answers: [0, 2]
    explanation: {en: "because", es: "porque"}
  - id: tf
    kind: truefalse
    prompt: {en: "True?", es: "¿Cierto?"}
    truth: false
    explanation: {en: "because", es: "porque"}
  - id: steps
    kind: order
    prompt: {en: "Order", es: "Ordena"}
    steps:
      - {en: "init", es: "init"}
      - {en: "plan", es: "plan"}
      - {en: "apply", es: "apply"}
    explanation: {en: "because", es: "porque"}
  - id: cmd
    kind: command
    prompt: {en: "Type it", es: "Escríbelo"}
    command: kubectl get pods -n mlops
    explanation: {en: "because", es: "porque"}
  - id: two
    kind: single
    prompt: {en: "Again", es: "Otra"}
    choices:
      - {en: "a", es: "a"}
      - {en: "b", es: "b"}
    answer: 0
    explanation: {en: "because", es: "porque"}
`

const goodExercise = `id: selector-labels
lesson: k8s-objects
title: {en: "Match the labels", es: "Haz coincidir las etiquetas"}
kind: fix
difficulty: 1
topics: [labels, selector]
files: [deployment.yaml]
hints:
  - {en: "Look at the labels", es: "Mira las etiquetas"}
  - {en: "selector.matchLabels must equal template labels", es: "selector.matchLabels debe coincidir"}
checks:
  - id: valid
    points: 2
    message: {en: "No errors", es: "Sin errores"}
    validators: {}
  - id: replicas
    points: 1
    expect: 'true'
    message: {en: "Two replicas", es: "Dos réplicas"}
`

func goodCourse() fstest.MapFS {
	return fstest.MapFS{
		"lessons/01-iac-why/lesson.md":                              {Data: []byte("# Why IaC\n\nText with a [Pod](glossary:pod).\n")},
		"lessons/01-iac-why/lesson.es.md":                           {Data: []byte("# Por qué IaC\n\nTexto.\n")},
		"lessons/01-iac-why/checkpoint.yaml":                        {Data: []byte(goodQuestions)},
		"lessons/02-k8s-objects/lesson.md":                          {Data: []byte("# Objects\n")},
		"lessons/02-k8s-objects/lesson.es.md":                       {Data: []byte("# Objetos\n")},
		"lessons/02-k8s-objects/checkpoint.yaml":                    {Data: []byte(goodQuestions)},
		"exercises/kubernetes/01-selector/exercise.yaml":            {Data: []byte(goodExercise)},
		"exercises/kubernetes/01-selector/task.md":                  {Data: []byte("Fix it.\n")},
		"exercises/kubernetes/01-selector/task.es.md":               {Data: []byte("Arréglalo.\n")},
		"exercises/kubernetes/01-selector/start/deployment.yaml":    {Data: []byte("kind: Deployment\n")},
		"exercises/kubernetes/01-selector/solution/deployment.yaml": {Data: []byte("kind: Deployment\n")},
	}
}

// printers renders diagnostics in the built-in catalog's languages.
func printers(t testing.TB) (cat *msg.Catalog, en *msg.Printer) {
	t.Helper()
	cat, err := msg.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	en, err = cat.Printer(msg.Default)
	if err != nil {
		t.Fatal(err)
	}
	return cat, en
}

// check loads and validates a course in the catalog's languages.
func check(fs fstest.MapFS) (*Course, diag.Diagnostics) {
	cat, err := msg.Builtin()
	if err != nil {
		panic(err) // the built-in catalog is tested in package msg
	}
	return checkIn(fs, cat.Languages())
}

func checkIn(fs fstest.MapFS, langs []string) (*Course, diag.Diagnostics) {
	src := Source{FS: fs}
	c, ds := Load(src)
	ds = append(ds, Validate(c, src, ValidateOptions{Languages: langs, KnownRule: func(id string) bool { return id == "k8s/image-latest" }})...)
	ds.Sort()
	return c, ds
}

func TestLoadGoodCourse(t *testing.T) {
	_, en := printers(t)
	c, ds := check(goodCourse())
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", dump(en, ds))
	}
	if len(c.Lessons) != 2 || c.Lessons[0].ID != "iac-why" || c.Lessons[1].Order != 2 {
		t.Fatalf("lessons = %+v", c.Lessons)
	}
	l := c.Lessons[0]
	if l.Title.In("es") != "Por qué IaC" || l.Title.In("fr") != "Why IaC" {
		t.Errorf("titles = %v", l.Title)
	}
	if got := l.Markdown("en"); !strings.Contains(got, "with a Pod.") {
		t.Errorf("glossary link not rewritten: %q", got)
	}
	if refs := l.GlossaryRefs(); len(refs) != 1 || refs[0] != "pod" {
		t.Errorf("GlossaryRefs = %v", refs)
	}
	q := l.Checkpoint.Questions
	if len(q) != 6 || q[0].Line != 2 || q[1].Line != 10 || *q[0].Answer != 1 || q[4].Command != "kubectl get pods -n mlops" {
		t.Errorf("questions = %+v", q)
	}
	ex := c.Exercises[0]
	if ex.Track != Kubernetes || ex.Points() != 3 || ex.Task.In("es") != "Arréglalo.\n" || ex.CheckLines[1] != 16 {
		t.Errorf("exercise = %+v", ex)
	}
	if got := c.ExercisesOf("k8s-objects"); len(got) != 1 {
		t.Errorf("ExercisesOf = %v", got)
	}
}

// TestBrokenContent proves each kind of authoring mistake is reported with
// its file and line, never as a panic.
func TestBrokenContent(t *testing.T) {
	cp := "lessons/01-iac-why/checkpoint.yaml"
	ex := "exercises/kubernetes/01-selector/exercise.yaml"
	tests := []struct {
		name   string
		edit   func(fstest.MapFS)
		file   string
		line   int
		substr string
	}{
		{"yaml syntax", func(m fstest.MapFS) {
			m[cp] = &fstest.MapFile{Data: []byte("questions:\n  - id: a\n\tkind: single\n")}
		}, cp, 3, "tab character"},
		{"unknown field", func(m fstest.MapFS) { set(m, cp, "    answer: 1\n", "    answer: 1\n    anwser: 1\n") }, cp, 9, "field anwser not found"},
		{"answer out of range", func(m fstest.MapFS) { set(m, cp, "answer: 1", "answer: 5") }, cp, 2, `question "one" has answer 5, but its choices are numbered 0 to 1`},
		{"wrong kind", func(m fstest.MapFS) { set(m, cp, "kind: truefalse", "kind: truefalce") }, cp, 19, `did you mean "truefalse"?`},
		{"missing spanish", func(m fstest.MapFS) { set(m, cp, `prompt: {en: "True?", es: "¿Cierto?"}`, `prompt: {en: "True?"}`) }, cp, 19, `missing translation: question "tf" prompt has no "es" text`},
		{"every choice right", func(m fstest.MapFS) { set(m, cp, "answers: [0, 2]", "answers: [0, 1, 2]") }, cp, 10, "marks every choice as right"},
		{"too few questions", func(m fstest.MapFS) {
			m[cp] = &fstest.MapFile{Data: []byte(goodQuestions[:strings.Index(goodQuestions, "  - id: two")])}
		}, cp, 1, "at least 6 questions"},
		{"field of another kind", func(m fstest.MapFS) { set(m, cp, "    truth: false\n", "    truth: false\n    answer: 0\n") }, cp, 19, `does not use "answer"`},
		{"was without a lesson", func(m fstest.MapFS) { set(m, cp, "    truth: false\n", "    truth: false\n    was: tf\n") }, cp, 19, `write the place it had before as lesson-id/question-id`},
		{"missing lesson file", func(m fstest.MapFS) { delete(m, "lessons/02-k8s-objects/lesson.es.md") }, "lessons/02-k8s-objects/lesson.es.md", 0, "missing translation"},
		{"unknown lesson", func(m fstest.MapFS) { set(m, ex, "lesson: k8s-objects", "lesson: k8s-objets") }, ex, 1, `did you mean "k8s-objects"?`},
		{"one hint", func(m fstest.MapFS) { set(m, ex, "  - {en: \"Look at the labels\", es: \"Mira las etiquetas\"}\n", "") }, ex, 1, "at least 2 hints"},
		{"stray file", func(m fstest.MapFS) {
			m["exercises/kubernetes/01-selector/start/extra.yaml"] = &fstest.MapFile{Data: []byte("x: 1\n")}
		}, "exercises/kubernetes/01-selector/start/extra.yaml", 0, "stray file"},
		{"missing solution file", func(m fstest.MapFS) {
			delete(m, "exercises/kubernetes/01-selector/solution/deployment.yaml")
			m["exercises/kubernetes/01-selector/solution/deploy.yaml"] = &fstest.MapFile{Data: []byte("kind: Deployment\n")}
		}, ex, 1, "solution/deployment.yaml does not exist"},
		{"check with both kinds", func(m fstest.MapFS) { set(m, ex, "    expect: 'true'\n", "    expect: 'true'\n    validators: {}\n") }, ex, 16, "exactly one of validators or expect"},
		{"unknown warning rule", func(m fstest.MapFS) { set(m, ex, "validators: {}", "validators: {warnings: [k8s/nope]}") }, ex, 12, `names rule "k8s/nope"`},
		{"bad folder name", func(m fstest.MapFS) { m["lessons/intro/lesson.md"] = &fstest.MapFile{Data: []byte("# x\n")} }, "lessons/intro", 0, "must look like NN-slug"},
	}
	_, en := printers(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := goodCourse()
			tt.edit(m)
			_, ds := check(m)
			for _, d := range ds {
				if d.Subject.Filename == tt.file && d.Subject.Start.Line == tt.line && strings.Contains(en.Text(d.Summary), tt.substr) && d.Severity == diag.SeverityError {
					return
				}
			}
			t.Errorf("want an error at %s:%d containing %q, got:\n%s", tt.file, tt.line, tt.substr, dump(en, ds))
		})
	}
}

func set(m fstest.MapFS, name, old, new string) {
	s := string(m[name].Data)
	if !strings.Contains(s, old) {
		panic(fmt.Sprintf("test setup: %q not in %s", old, name))
	}
	m[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func dump(p *msg.Printer, ds diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %s:%d: %s\n", d.Subject.Filename, d.Subject.Start.Line, p.Text(d.Summary))
	}
	return b.String()
}

func TestTextFallback(t *testing.T) {
	tx := Text{"en": "hello"}
	if tx.In("es") != "hello" {
		t.Error("missing Spanish must fall back to English")
	}
	if m := tx.Missing([]string{"en", "es"}); len(m) != 1 || m[0] != "es" {
		t.Errorf("Missing = %v", m)
	}
}

// FuzzLoadCheckpoint feeds arbitrary bytes as a checkpoint: loading and
// validating must never panic, and every diagnostic must name the file.
func FuzzLoadCheckpoint(f *testing.F) {
	f.Add([]byte(goodQuestions))
	f.Add([]byte("questions:\n  - id: a\n\tkind: single\n"))
	f.Add([]byte("questions: [{kind: single, answer: 99, choices: [a]}]"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := goodCourse()
		m["lessons/01-iac-why/checkpoint.yaml"] = &fstest.MapFile{Data: data}
		_, ds := check(m)
		for _, d := range ds {
			if d.Subject.Filename == "" {
				t.Fatalf("diagnostic without a file: %+v", d)
			}
		}
	})
}

// FuzzLoadExercise does the same for exercise.yaml.
func FuzzLoadExercise(f *testing.F) {
	f.Add([]byte(goodExercise))
	f.Add([]byte("id: x\nchecks: [{id: a, points: -1}]\nfiles: [../../etc/passwd]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := goodCourse()
		m["exercises/kubernetes/01-selector/exercise.yaml"] = &fstest.MapFile{Data: data}
		_, ds := check(m)
		for _, d := range ds {
			if d.Subject.Filename == "" {
				t.Fatalf("diagnostic without a file: %+v", d)
			}
		}
	})
}
