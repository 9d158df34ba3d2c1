package course

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/msg/msgtest"
)

// TestThirdLanguageThroughFilesAlone adds a language the program has never
// heard of ("qaa", reserved for local use) with files only: lesson.qaa.md,
// task.qaa.md and qaa entries in the YAML texts. The loader needs no Go
// change to read it, validation requires it once it is a course language,
// and every piece of the course reads in it.
func TestThirdLanguageThroughFilesAlone(t *testing.T) {
	m := goodCourse()
	// Every {en: "…", es: "…"} text gains qaa: "qaa <the es text>".
	es := regexp.MustCompile(`, es: "([^"]*)"\}`)
	addQaa := func(name string) {
		s := es.ReplaceAllString(string(m[name].Data), `, es: "$1", qaa: "qaa $1"}`)
		m[name] = &fstest.MapFile{Data: []byte(s)}
	}
	addQaa("lessons/01-iac-why/checkpoint.yaml")
	addQaa("lessons/02-k8s-objects/checkpoint.yaml")
	addQaa("exercises/kubernetes/01-selector/exercise.yaml")
	m["lessons/01-iac-why/lesson.qaa.md"] = &fstest.MapFile{Data: []byte("# Qaa IaC\n\nQaa [Pod](glossary:pod).\n")}
	m["lessons/02-k8s-objects/lesson.qaa.md"] = &fstest.MapFile{Data: []byte("# Qaa objects\n")}
	m["exercises/kubernetes/01-selector/task.qaa.md"] = &fstest.MapFile{Data: []byte("Qaa task.\n")}

	_, en := printers(t)
	langs := []string{"en", "es", "qaa"}
	c, ds := checkIn(m, langs)
	if len(ds) != 0 {
		t.Fatalf("a complete course in %v: unexpected diagnostics:\n%s", langs, dump(en, ds))
	}
	const lang = "qaa"
	l := c.Lessons[0]
	if got := l.Languages(); !slices.Equal(got, langs) {
		t.Errorf("lesson languages = %v, want %v", got, langs)
	}
	if l.Title.In(lang) != "Qaa IaC" || l.Markdown(lang) != "# Qaa IaC\n\nQaa Pod.\n" {
		t.Errorf("lesson in qaa: title %q, body %q", l.Title.In(lang), l.Markdown(lang))
	}
	q := l.Checkpoint.Questions[0]
	if got := q.Prompt.In(lang); got != "qaa Elige una" {
		t.Errorf("prompt in qaa = %q", got)
	}
	if got := q.Choices[1].In(lang); got != "qaa b" {
		t.Errorf("choice in qaa = %q", got)
	}
	ex := c.Exercises[0]
	if got := ex.Task.In(lang); got != "Qaa task.\n" {
		t.Errorf("task in qaa = %q", got)
	}
	if got := ex.Checks[1].Message.In(lang); got != "qaa Dos réplicas" {
		t.Errorf("check message in qaa = %q", got)
	}
	if got := ex.Hints[0].In(lang); got != "qaa Mira las etiquetas" {
		t.Errorf("hint in qaa = %q", got)
	}
	if got := c.Lessons[1].Checkpoint.Questions[3].Steps[2].In(lang); got != "qaa apply" {
		t.Errorf("order step in qaa = %q", got)
	}

	// Content in a language the catalog lacks is reported, and so is a
	// translation missing from a course language.
	_, ds = checkIn(m, []string{"en", "es"})
	if !hasError(en, ds, "lessons/01-iac-why/lesson.qaa.md", 0, `lesson.qaa.md is in "qaa", but the course languages are en, es`) ||
		!hasError(en, ds, "lessons/01-iac-why/checkpoint.yaml", 2, `question "one" prompt has "qaa" text, but the course languages are en, es`) {
		t.Errorf("qaa content without a qaa catalog:\n%s", dump(en, ds))
	}
	delete(m, "exercises/kubernetes/01-selector/task.qaa.md")
	set(m, "lessons/01-iac-why/checkpoint.yaml", `, qaa: "qaa Elige una"`, "")
	_, ds = checkIn(m, langs)
	if !hasError(en, ds, "exercises/kubernetes/01-selector/task.qaa.md", 0, "missing translation: exercise selector-labels has no task.qaa.md") ||
		!hasError(en, ds, "lessons/01-iac-why/checkpoint.yaml", 2, `missing translation: question "one" prompt has no "qaa" text`) {
		t.Errorf("incomplete qaa:\n%s", dump(en, ds))
	}
}

func TestLanguageCodes(t *testing.T) {
	_, en := printers(t)
	m := goodCourse()
	set(m, "lessons/01-iac-why/checkpoint.yaml", `prompt: {en: "True?", es: "¿Cierto?"}`, `prompt: {en: "True?", spanish: "¿Cierto?"}`)
	m["lessons/02-k8s-objects/lesson.old.md"] = &fstest.MapFile{Data: []byte("# Old\n")}
	m["lessons/02-k8s-objects/lesson.notes.md"] = &fstest.MapFile{Data: []byte("not a translation\n")}
	_, ds := check(m)
	if !hasError(en, ds, "lessons/01-iac-why/checkpoint.yaml", 21, `"spanish" is not a language code`) ||
		!hasError(en, ds, "lessons/02-k8s-objects/lesson.old.md", 0, `lesson.old.md is in "old"`) {
		t.Errorf("diagnostics:\n%s", dump(en, ds))
	}
	for _, d := range ds {
		if strings.Contains(d.Subject.Filename, "notes") {
			t.Errorf("a file that is no language code is not a translation: %s", en.Text(d.Summary))
		}
	}
}

// hasError reports whether ds hold an error at file:line whose English
// summary contains substr.
func hasError(p *msg.Printer, ds diag.Diagnostics, file string, line int, substr string) bool {
	for _, d := range ds {
		if d.Subject.Filename == file && d.Subject.Start.Line == line && strings.Contains(p.Text(d.Summary), substr) {
			return true
		}
	}
	return false
}

// TestKeysExist: the course.* keys this package passes through its own
// helpers are all in the catalog.
func TestKeysExist(t *testing.T) { msgtest.KeysInPackage(t, "course.", 50) }
