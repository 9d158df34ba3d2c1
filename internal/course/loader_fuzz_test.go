package course

import (
	"bytes"
	"testing"
	"testing/fstest"
)

// fuzzCourseFile puts data at name in the good course, loads and validates
// it, and requires every diagnostic about that file to point inside it:
// line 0 (the whole file) up to one past its last line, where YAML reports
// an unexpected end.
func fuzzCourseFile(t *testing.T, name string, data []byte) {
	m := goodCourse()
	m[name] = &fstest.MapFile{Data: data}
	_, ds := check(m)
	lines := bytes.Count(data, []byte("\n")) + 1
	for _, d := range ds {
		if d.Subject.Filename == "" {
			t.Fatalf("diagnostic without a file: %+v", d)
		}
		if d.Subject.Filename != name {
			continue
		}
		if l := d.Subject.Start.Line; l < 0 || l > lines+1 {
			t.Fatalf("line %d outside the %d lines of %s: %+v", l, lines, name, d)
		}
	}
}

// FuzzLoadGlossary feeds arbitrary bytes as lessons/glossary.yaml.
func FuzzLoadGlossary(f *testing.F) {
	f.Add([]byte("terms:\n  - id: pod\n    term: {en: Pod, es: Pod}\n    aliases: [pods]\n    definition: {en: \"The unit.\", es: \"La unidad.\"}\n    lessons: [iac-why]\n    see: [pod]\n"))
	f.Add([]byte("terms:\n  - id: a\n    unknown: 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCourseFile(t, GlossaryFile, data)
	})
}

// FuzzLoadModule feeds arbitrary bytes as lessons/module.yaml.
func FuzzLoadModule(f *testing.F) {
	f.Add([]byte("items:\n  - id: explain-iac\n    title: {en: \"Explain IaC\", es: \"Explicar IaC\"}\n    lessons: [iac-why]\n    questions: [iac-why/one]\n    exercises: [selector-labels]\n"))
	f.Add([]byte("items:\n  - id: x\n    questions: [nope]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCourseFile(t, ModuleFile, data)
	})
}
