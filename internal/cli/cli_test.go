package cli

import (
	"github.com/iactutor/iactutor/internal/msg"

	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs iactutor in-process with a fixed environment.
func runCLI(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] }, builtin(t))
	return out.String(), errb.String(), code
}

func TestListJSON(t *testing.T) {
	out, errOut, code := runCLI(t, nil, "list", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Lessons []struct {
			ID         string   `json:"id"`
			Title      string   `json:"title"`
			Languages  []string `json:"languages"`
			Checkpoint struct {
				Questions int `json:"questions"`
			} `json:"checkpoint"`
		} `json:"lessons"`
		Exercises []map[string]any `json:"exercises"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if len(got.Lessons) < 2 {
		t.Fatalf("want at least two lessons, got %d", len(got.Lessons))
	}
	first := got.Lessons[0]
	if first.ID != "iac-why" || first.Title == "" || strings.Join(first.Languages, ",") != "en,es" || first.Checkpoint.Questions < 6 {
		t.Errorf("first lesson = %+v", first)
	}
	if got.Exercises == nil {
		t.Error(`"exercises" must be a list, even when empty`)
	}
	for _, e := range got.Exercises {
		for _, k := range []string{"id", "lesson", "title", "track", "topics", "points", "languages"} {
			if _, ok := e[k]; !ok {
				t.Errorf("exercise %v lacks %q", e["id"], k)
			}
		}
	}
}

func TestLessonPlainAndSpanish(t *testing.T) {
	en, _, code := runCLI(t, nil, "lesson", "iac-why", "--plain")
	if code != 0 || !strings.HasPrefix(en, "# ") {
		t.Fatalf("exit %d, output %.80q", code, en)
	}
	es, _, code := runCLI(t, nil, "--lang", "es", "lesson", "iac-why", "--plain")
	if code != 0 || es == en || !strings.HasPrefix(es, "# ") {
		t.Fatalf("Spanish lesson: exit %d, same as English: %v", code, es == en)
	}
	fromEnv, _, _ := runCLI(t, map[string]string{"LANG": "es_MX.UTF-8"}, "lesson", "1")
	if fromEnv != es {
		t.Error("LANG=es_MX and lesson number 1 must print the Spanish first lesson")
	}
	if strings.Contains(en, "](glossary:") {
		t.Error("glossary links must be rewritten for reading")
	}
}

func TestLessonUnknown(t *testing.T) {
	_, errOut, code := runCLI(t, nil, "lesson", "iac-wyh")
	if code != 2 || !strings.Contains(errOut, `did you mean "iac-why"?`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestHomeOffTerminal(t *testing.T) {
	_, errOut, code := runCLI(t, nil)
	if code != 2 || !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"list", "--format", "xml"},
		{"--lang", "fr", "list"},
		{"nonsense"},
		{"list", "--bogus"},
		{"lesson"},
	} {
		_, errOut, code := runCLI(t, nil, args...)
		if code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, code, errOut)
		}
	}
}

func TestCourseCheckBuiltIn(t *testing.T) {
	out, _, code := runCLI(t, nil, "course", "check")
	if code != 0 || !strings.Contains(out, ": ok") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// TestCourseCheckBrokenCheckpoint copies the built-in course's first lesson
// into a folder, breaks its checkpoint, and expects exit 1 with file:line.
func TestCourseCheckBrokenCheckpoint(t *testing.T) {
	dir := t.TempDir()
	les := filepath.Join(dir, "lessons", "01-iac-why")
	if err := os.MkdirAll(les, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"lesson.md", "lesson.es.md", "checkpoint.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "lessons", "01-iac-why", f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "checkpoint.yaml" {
			// Point the first single-choice answer past its choices.
			i := bytes.Index(b, []byte("\n    answer: "))
			if i < 0 {
				t.Fatal("the first lesson's checkpoint has no single-choice answer to break")
			}
			j := i + len("\n    answer: ")
			b = append(append(append([]byte{}, b[:j]...), []byte("99")...), b[j+bytes.IndexByte(b[j:], '\n'):]...)
		}
		if err := os.WriteFile(filepath.Join(les, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, code := runCLI(t, nil, "course", "check", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	want := filepath.Join(dir, "lessons", "01-iac-why", "checkpoint.yaml") + " line "
	if !strings.Contains(out, want) || !strings.Contains(out, "has answer 99") || !strings.Contains(out, "FAILED") {
		t.Errorf("output lacks %q and the reason:\n%s", want, out)
	}
	// A YAML syntax error is reported the same way.
	os.WriteFile(filepath.Join(les, "checkpoint.yaml"), []byte("questions:\n  - id: a\n    prompt: \"unclosed\n"), 0o644)
	out, _, code = runCLI(t, nil, "course", "check", dir)
	if code != 1 || !strings.Contains(out, "checkpoint.yaml line ") {
		t.Errorf("syntax error: exit %d:\n%s", code, out)
	}
}

func TestCourseCheckMissingDir(t *testing.T) {
	_, _, code := runCLI(t, nil, "course", "check", filepath.Join(t.TempDir(), "nope"))
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
}

func TestVersion(t *testing.T) {
	out, _, code := runCLI(t, nil, "version")
	if code != 0 || !strings.HasPrefix(out, "iactutor ") {
		t.Errorf("exit %d, %q", code, out)
	}
}

func TestNoColorOffTerminal(t *testing.T) {
	a := &app{getenv: func(string) string { return "" }, catalog: builtin(t)}
	if a.color(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal: no colour")
	}
	if markdownTheme(false, a.getenv) != "notty" || markdownTheme(true, func(k string) string {
		if k == "COLORFGBG" {
			return "0;15"
		}
		return ""
	}) != "light" || markdownTheme(true, a.getenv) != "dark" {
		t.Error("Markdown theme choice is wrong")
	}
}

// copyCourse writes the built-in course into a folder an author could edit.
func copyCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	a := &app{getenv: func(string) string { return "" }, catalog: builtin(t)}
	src := a.source()
	err := fs.WalkDir(src.FS, "lessons", func(p string, d fs.DirEntry, err error) error { return copyEntry(src.FS, dir, p, d, err) })
	if err == nil {
		err = fs.WalkDir(src.FS, "exercises", func(p string, d fs.DirEntry, err error) error { return copyEntry(src.FS, dir, p, d, err) })
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyEntry(fsys fs.FS, dir, p string, d fs.DirEntry, err error) error {
	if err != nil {
		return err
	}
	dst := filepath.Join(dir, filepath.FromSlash(p))
	if d.IsDir() {
		return os.MkdirAll(dst, 0o755)
	}
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

// TestCourseCheckCatchesBrokenSolution corrupts one solution in a copy of
// the course: course check must fail and name the exercise and the reason.
func TestCourseCheckCatchesBrokenSolution(t *testing.T) {
	dir := copyCourse(t)
	id, exDir := firstExercise(t)
	rel, _ := filepath.Rel(filepath.Join("..", ".."), exDir)
	entries, err := os.ReadDir(filepath.Join(dir, rel, "start"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("no start files in %s: %v", rel, err)
	}
	// The start files as the "solution": still broken.
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, _ := os.ReadFile(filepath.Join(dir, rel, "start", e.Name()))
		os.WriteFile(filepath.Join(dir, rel, "solution", e.Name()), b, 0o644)
	}
	out, _, code := runCLI(t, nil, "course", "check", dir)
	if code != 1 || !strings.Contains(out, "exercise "+id+": solution/ scores") || !strings.Contains(out, "fails") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestGlossary(t *testing.T) {
	out, _, code := runCLI(t, nil, "glossary", "--format", "json")
	var all struct {
		Terms []termJSON `json:"terms"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &all) != nil || len(all.Terms) < 30 {
		t.Fatalf("exit %d, %d terms", code, len(all.Terms))
	}
	for _, q := range []string{"hpa", "HorizontalPodAutoscaler", "config map", "ConfigMap"} {
		out, _, code := runCLI(t, nil, "glossary", q)
		if code != 0 || out == "" {
			t.Errorf("glossary %q: exit %d", q, code)
		}
	}
	es, _, _ := runCLI(t, nil, "--lang", "es", "glossary", "secret")
	en, _, _ := runCLI(t, nil, "glossary", "secret")
	if es == en || !strings.Contains(es, "Ver también") {
		t.Errorf("Spanish glossary entry:\n%s", es)
	}
	_, errOut, code := runCLI(t, nil, "glossary", "deploymnet")
	if code != 2 || !strings.Contains(errOut, `did you mean "deployment"?`) {
		t.Errorf("typo: exit %d %q", code, errOut)
	}
	// Lessons point at the glossary.
	lesson, _, _ := runCLI(t, nil, "lesson", "k8s-hpa", "--plain")
	if !strings.Contains(lesson, "iactutor glossary hpa") {
		t.Error("the HPA lesson does not point at the glossary entry")
	}
}

func TestOpenOffTerminal(t *testing.T) {
	_, errOut, code := runCLI(t, nil, "open", "iac-why")
	if code != 2 || !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("exit %d %q", code, errOut)
	}
}

// TestEveryLessonPrints reads every lesson in both languages, as plain text.
func TestEveryLessonPrints(t *testing.T) {
	out, _, _ := runCLI(t, nil, "list", "--format", "json")
	var l listJSON
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Lessons) < 10 {
		t.Fatalf("%d lessons, want at least 10", len(l.Lessons))
	}
	for _, les := range l.Lessons {
		if les.Checkpoint.Questions < 6 || strings.Join(les.Languages, ",") != "en,es" {
			t.Errorf("lesson %s: %d questions, languages %v", les.ID, les.Checkpoint.Questions, les.Languages)
		}
		en, _, c1 := runCLI(t, nil, "lesson", les.ID, "--plain")
		es, _, c2 := runCLI(t, nil, "--lang", "es", "lesson", les.ID, "--plain")
		if c1 != 0 || c2 != 0 || len(en) < 2000 || len(es) < 2000 || en == es {
			t.Errorf("lesson %s: exit %d/%d, %d/%d bytes", les.ID, c1, c2, len(en), len(es))
		}
	}
}

func builtin(t testing.TB) *msg.Catalog {
	t.Helper()
	c, err := msg.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
