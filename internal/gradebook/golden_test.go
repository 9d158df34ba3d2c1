package gradebook

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ with the current output")

// smallClass writes a fixed class for the test course: a full solution, the
// untouched starts, a half fix with a missing exercise, a YAML syntax error,
// an exercise handed in as a file, a student folder that links out of the
// class, and a stray folder.
func smallClass(t testing.TB) (string, *course.Course, course.Source) {
	t.Helper()
	c, src := testCourse(t)
	labels, _ := c.Exercise("demo-labels")
	pins, _ := c.Exercise("demo-pins")
	base := t.TempDir()
	class := filepath.Join(base, "class")
	sol := func(ex *course.Exercise) map[string][]byte { return tree(t, src, ex, "solution") }
	start := func(ex *course.Exercise) map[string][]byte { return tree(t, src, ex, "start") }

	putExercise(t, class, "alice", labels.ID, sol(labels))
	putExercise(t, class, "alice", pins.ID, sol(pins))
	mustMkdir(t, filepath.Join(class, "alice", "scratch"))
	putExercise(t, class, "bob", labels.ID, start(labels))
	putExercise(t, class, "bob", pins.ID, start(pins))
	halfFixed := strings.Replace(string(start(labels)["deploy.yaml"]), "app: churn\n", "app: churn-api\n", 1)
	putExercise(t, class, "carol", labels.ID, map[string][]byte{"deploy.yaml": []byte(halfFixed)})
	broken := strings.Replace(string(sol(labels)["deploy.yaml"]), "  replicas: 2\n", "  replicas: 2\n\tselector: {}\n", 1)
	putExercise(t, class, "dave", labels.ID, map[string][]byte{"deploy.yaml": []byte(broken)})
	pinned := strings.Replace(string(sol(pins)["main.tf"]), `"churn"`, `"demo"`, 1)
	putExercise(t, class, "dave", pins.ID, map[string][]byte{"main.tf": []byte(pinned)})
	putExercise(t, class, "erin", labels.ID, sol(labels))
	if err := os.WriteFile(filepath.Join(class, "erin", pins.ID), []byte("main.tf was here"), 0o644); err != nil {
		t.Fatal(err)
	}
	putExercise(t, base, "outside", labels.ID, sol(labels))
	if err := os.Symlink(filepath.Join("..", "outside"), filepath.Join(class, "frank")); err != nil {
		t.Fatal(err)
	}
	return class, c, src
}

// TestGolden pins every format's output for the small class. Run with
// -update after an intended change and review the diff.
func TestGolden(t *testing.T) {
	class, c, src := smallClass(t)
	gb := grade(t, class, Options{Course: c, Source: src, Jobs: 2, KeepSources: true})
	outs := t.TempDir()
	en, es := printer(t, "en"), printer(t, "es")
	for lang, p := range map[string]*msg.Printer{"en": en, "es": es} {
		if err := (gradescopeWriter{dir: filepath.Join(outs, lang, "gs"), p: p}).Write(gb); err != nil {
			t.Fatal(err)
		}
		if err := NewFeedback(filepath.Join(outs, lang, "fb"), p).Write(gb); err != nil {
			t.Fatal(err)
		}
	}
	esOpt := WriterOptions{Printer: es}
	golden := map[string]string{
		"table.golden":             render(t, gb, "table", WriterOptions{}),
		"json.golden":              render(t, gb, "json", WriterOptions{}),
		"csv.golden":               render(t, gb, "csv", WriterOptions{}),
		"csv-long.golden":          render(t, gb, "csv", WriterOptions{Long: true}),
		"junit.golden":             render(t, gb, "junit", WriterOptions{}),
		"gradescope-dave.golden":   readFile(t, filepath.Join(outs, "en", "gs", "dave", "results.json")),
		"feedback-carol.md.golden": readFile(t, filepath.Join(outs, "en", "fb", "carol.md")),
		"feedback-dave.md.golden":  readFile(t, filepath.Join(outs, "en", "fb", "dave.md")),
		"feedback-index.md.golden": readFile(t, filepath.Join(outs, "en", "fb", "index.md")),
		// The same gradebook in Spanish: grading is done once, in no
		// language, and each writer's printer words it. Only outputs
		// without validator findings, whose wording other packages own.
		"es/table.golden":            render(t, gb, "table", esOpt),
		"es/gradescope-erin.golden":  readFile(t, filepath.Join(outs, "es", "gs", "erin", "results.json")),
		"es/feedback-erin.md.golden": readFile(t, filepath.Join(outs, "es", "fb", "erin.md")),
	}
	for name, got := range golden {
		p := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from the golden file (rerun with -update if intended):\n%s", name, firstDiff(string(want), got))
		}
	}
	if got := strings.Join(filesUnder(t, filepath.Join(outs, "en", "fb")), " "); got != "alice.md bob.md carol.md dave.md erin.md frank.md index.md" {
		t.Errorf("feedback files: %s", got)
	}
	// Carol handed in no demo-pins: every format says so in Spanish.
	for name, want := range map[string]string{
		"feedback":   "0 de 2 puntos. Sin entregar: no había una carpeta `demo-pins`.\n",
		"gradescope": `"output": "Sin entregar."`,
		"junit":      `<failure message="sin entregar" type="missing"><![CDATA[No se entregó la carpeta demo-pins.]]></failure>`,
	} {
		var got string
		switch name {
		case "feedback":
			got = readFile(t, filepath.Join(outs, "es", "fb", "carol.md"))
		case "gradescope":
			got = readFile(t, filepath.Join(outs, "es", "gs", "carol", "results.json"))
		case "junit":
			got = render(t, gb, "junit", esOpt)
		}
		if !strings.Contains(got, want) {
			t.Errorf("Spanish %s does not say %q:\n%s", name, want, got)
		}
	}
}

// firstDiff shows the first line where two texts part.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, a, b)
		}
	}
	return "(only the line endings differ)"
}

// TestDeterministic grades the same class with one worker and with four and
// expects byte-identical output in every format, Gradescope files and
// feedback included.
func TestDeterministic(t *testing.T) {
	c, src := embeddedCourse(t)
	class := t.TempDir()
	for k := range 8 {
		student := fmt.Sprintf("student-%d", k)
		for i, ex := range c.Exercises {
			switch (i + k) % 3 {
			case 0:
				putExercise(t, class, student, ex.ID, tree(t, src, ex, "solution"))
			case 1:
				putExercise(t, class, student, ex.ID, tree(t, src, ex, "start"))
			}
		}
		mustMkdir(t, filepath.Join(class, student))
	}
	outputs := func(jobs int) map[string]string {
		gb := grade(t, class, Options{Course: c, Source: src, Jobs: jobs, KeepSources: true})
		m := map[string]string{}
		for _, f := range Formats()[:4] {
			m[f] = render(t, gb, f, WriterOptions{})
		}
		m["csv --long"] = render(t, gb, "csv", WriterOptions{Long: true})
		dir := t.TempDir()
		if err := (gradescopeWriter{dir: filepath.Join(dir, "gs"), p: printer(t, "en")}).Write(gb); err != nil {
			t.Fatal(err)
		}
		if err := NewFeedback(filepath.Join(dir, "fb"), printer(t, "en")).Write(gb); err != nil {
			t.Fatal(err)
		}
		for _, f := range filesUnder(t, dir) {
			m[f] = readFile(t, filepath.Join(dir, f))
		}
		return m
	}
	one, four := outputs(1), outputs(4)
	if len(one) != len(four) {
		t.Fatalf("%d outputs with one worker, %d with four", len(one), len(four))
	}
	for name, a := range one {
		if b := four[name]; a != b {
			t.Errorf("%s differs between --jobs 1 and --jobs 4:\n%s", name, firstDiff(a, b))
		}
	}
}
