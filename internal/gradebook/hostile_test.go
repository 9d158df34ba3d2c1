package gradebook

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// billionLaughs nests aliases nine deep, nine wide: expanded it would be
// 9^9 strings.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: churn-api\n  namespace: mlops\nspec:\n")
	b.WriteString(`  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "  a%d: &a%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// TestHostileClass grades a class of hostile submissions next to a good
// one. Each hostile one gets a clear per-exercise error or failing
// diagnostics, the good student is graded normally, no output carries a
// terminal escape sequence, and nothing is written anywhere but the two
// output folders.
func TestHostileClass(t *testing.T) {
	c, src := testCourse(t)
	labels, pins := c.Exercises[0], c.Exercises[1]
	if labels.ID != "demo-labels" {
		labels, pins = pins, labels
	}
	base := t.TempDir()
	class := filepath.Join(base, "class")
	out, feedback := filepath.Join(base, "out"), filepath.Join(base, "feedback")
	// Something outside the class that a link might lure the grader into.
	secret := filepath.Join(base, "secret")
	putExercise(t, secret, "", labels.ID, tree(t, src, labels, "solution"))

	good := tree(t, src, labels, "solution")["deploy.yaml"]
	put := func(student, name string, data []byte) {
		putExercise(t, class, student, labels.ID, map[string][]byte{name: data})
		putExercise(t, class, student, pins.ID, tree(t, src, pins, "solution"))
	}
	link := func(target, p string) {
		mustMkdir(t, filepath.Dir(p))
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}

	put("good", "deploy.yaml", good)
	put("bomb", "deploy.yaml", []byte(billionLaughs()))
	put("binary", "deploy.yaml", append([]byte("apiVersion: v1\n\x00\x01\x02"), good...))
	put("utf8", "deploy.yaml", append([]byte("kind: \xff\xfe\xfd\n"), good...))
	put("deep-flow", "deploy.yaml", []byte("spec: "+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+"\n"))
	put("deep-block", "deploy.yaml", []byte(strings.Repeat("- ", 10000)+"x\n")) // a sequence in a sequence, 10,000 deep
	put("escapes", "deploy.yaml", []byte(strings.Replace(string(good), "name: churn-api\n", "name: \x1b]0;owned\x07churn-\x1b[2Japi\n", 1)))
	put("\x1b[31mred\x1b[0m", "deploy.yaml", good)
	putExercise(t, class, "escapes", labels.ID, map[string][]byte{"\x1b[2Jnotes\x1b[0m.yaml": []byte("\x1b[2J")})
	mustMkdir(t, filepath.Join(class, "escapes", "\x1b]0;title\x07"))

	// 50 MB, sparse, so the test does not write 50 MB: the size check
	// must refuse it before a byte is read.
	put("huge", "deploy.yaml", nil)
	if err := os.Truncate(filepath.Join(class, "huge", labels.ID, "deploy.yaml"), 50<<20); err != nil {
		t.Fatal(err)
	}
	put("passwd", "other.yaml", good)
	link("/etc/passwd", filepath.Join(class, "passwd", labels.ID, "deploy.yaml"))
	put("loop", "other.yaml", good)
	link("deploy.yaml", filepath.Join(class, "loop", labels.ID, "deploy.yaml"))
	// An exercise folder that is a link out of the class, a student folder
	// that is one, and a folder link loop.
	putExercise(t, class, "dirlink", pins.ID, tree(t, src, pins, "solution"))
	link(filepath.Join(secret, labels.ID), filepath.Join(class, "dirlink", labels.ID))
	link(secret, filepath.Join(class, "escapee"))
	putExercise(t, class, "dirloop", pins.ID, tree(t, src, pins, "solution"))
	link(labels.ID, filepath.Join(class, "dirloop", labels.ID))

	// Folders without read permission. As root (as in CI containers),
	// chmod 000 does not stop reads, so this case is asserted only for
	// other users.
	put("locked", "deploy.yaml", good)
	lockedEx := filepath.Join(class, "locked", labels.ID)
	put("lockedout", "deploy.yaml", good)
	lockedStudent := filepath.Join(class, "lockedout")
	for _, p := range []string{lockedEx, lockedStudent} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) })
	}
	asserted := os.Geteuid() != 0

	before := snapshot(t, base, out, feedback)
	start := time.Now()
	gb := grade(t, class, Options{Course: c, Source: src, Jobs: 4, KeepSources: true})
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("grading the hostile class took %s", d)
	}
	outputs := map[string]string{}
	for _, f := range []string{"table", "json", "csv", "junit"} {
		outputs[f] = render(t, gb, f, WriterOptions{})
	}
	outputs["csv --long"] = render(t, gb, "csv", WriterOptions{Long: true})
	en := printer(t, "en")
	if err := (gradescopeWriter{dir: out, p: en}).Write(gb); err != nil {
		t.Fatal(err)
	}
	if err := NewFeedback(feedback, en).Write(gb); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, base, out, feedback); after != before {
		t.Errorf("the class folder changed while grading:\nbefore:\n%s\nafter:\n%s", before, after)
	}

	byName := map[string]Student{}
	for _, s := range gb.Students {
		byName[s.Name] = s
	}
	result := func(student, id string) ExerciseResult {
		t.Helper()
		s, ok := byName[student]
		if !ok {
			t.Fatalf("no student %q among %d", student, len(gb.Students))
		}
		for _, er := range s.Exercises {
			if er.Exercise.ID == id {
				return er
			}
		}
		t.Fatalf("%s has no %s", student, id)
		return ExerciseResult{}
	}
	if s := byName["good"]; s.Score != gb.Max {
		t.Errorf("good: %d/%d, want full points", s.Score, gb.Max)
	}
	if s := byName["[31mred[0m"]; s.Score != gb.Max {
		t.Errorf("the student with escapes in their name: %d/%d (names must be cleaned, not refused)", s.Score, gb.Max)
	}

	tests := []struct {
		student string
		status  Status
		want    string // in the error, or in a diagnostic's rule or summary
	}{
		{"bomb", StatusGraded, ""},
		{"binary", StatusGraded, "file/binary"},
		{"utf8", StatusGraded, "file/binary"},
		{"deep-flow", StatusGraded, ""},
		{"deep-block", StatusGraded, ""},
		{"escapes", StatusGraded, ""},
		{"huge", StatusGraded, "file/too-large"},
		{"passwd", StatusGraded, "file/link-outside"},
		{"loop", StatusGraded, "file/link-outside"},
		{"dirlink", StatusError, "outside the graded folder"},
		{"escapee", StatusError, "outside the graded folder"},
		{"dirloop", StatusError, "cannot be followed"},
		{"locked", StatusError, "permission denied"},
		{"lockedout", StatusError, "permission denied"},
	}
	for _, tc := range tests {
		if !asserted && strings.HasPrefix(tc.student, "locked") {
			continue
		}
		er := result(tc.student, labels.ID)
		if er.Status != tc.status || er.Score != 0 {
			t.Errorf("%s: %s %d/%d (%s), want %s with 0 points", tc.student, er.Status, er.Score, er.Max, er.Error, tc.status)
			continue
		}
		switch er.Status {
		case StatusError:
			if why := en.Text(er.Error); !strings.Contains(why, tc.want) {
				t.Errorf("%s: error %q, want it to say %q", tc.student, why, tc.want)
			}
		case StatusGraded:
			if !er.Diagnostics.HasErrors() {
				t.Errorf("%s: no error diagnostic explains the 0 points", tc.student)
			}
			found := tc.want == ""
			for _, d := range er.Diagnostics {
				if d.Rule == tc.want || strings.Contains(en.Text(d.Summary), tc.want) {
					found = true
				}
				if strings.HasPrefix(d.Subject.Filename, "/") || strings.Contains(en.Text(d.Detail), base) {
					t.Errorf("%s: a diagnostic names a path outside the student's folder: %+v", tc.student, d)
				}
			}
			if !found {
				t.Errorf("%s: no diagnostic %q among %v", tc.student, tc.want, er.Diagnostics)
			}
		}
		// The student's other exercise is graded as usual.
		if tc.student != "escapee" && tc.student != "lockedout" {
			if other := result(tc.student, pins.ID); other.Status != StatusGraded || !other.Passed {
				t.Errorf("%s/%s: %s %d/%d, want graded with full points", tc.student, pins.ID, other.Status, other.Score, other.Max)
			}
		}
	}

	// No format echoes a control character, and nothing from the secret
	// folder or /etc/passwd shows up.
	for _, f := range filesUnder(t, out) {
		outputs["gradescope "+f] = readFile(t, filepath.Join(out, f))
	}
	for _, f := range filesUnder(t, feedback) {
		outputs["feedback "+f] = readFile(t, filepath.Join(feedback, f))
	}
	for name, s := range outputs {
		for _, bad := range []string{"\x1b", "\x07", "\x00", "root:x:0:0", "owned\x07"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s output contains %q", name, bad)
			}
		}
	}
	// Exactly one results.json per student and one feedback file each,
	// all directly where they belong.
	if n := len(filesUnder(t, out)); n != len(gb.Students) {
		t.Errorf("%d Gradescope files for %d students: %v", n, len(gb.Students), filesUnder(t, out))
	}
	for _, f := range filesUnder(t, out) {
		if strings.Count(f, "/") != 1 || !strings.HasSuffix(f, "/results.json") {
			t.Errorf("unexpected Gradescope file %q", f)
		}
	}
	for _, f := range filesUnder(t, feedback) {
		if strings.Contains(f, "/") || !strings.HasSuffix(f, ".md") {
			t.Errorf("unexpected feedback file %q", f)
		}
	}
	if !strings.Contains(strings.Join(gb.Summary.Unknown, "\n"), "escapes/]0;title") {
		t.Errorf("unknown = %q, want the cleaned name of the stray folder", gb.Summary.Unknown)
	}
	// The feedback quotes the student's own line, cleaned.
	fb := readFile(t, filepath.Join(feedback, "escapes.md"))
	if !strings.Contains(fb, "```") || !strings.Contains(fb, "churn-") {
		t.Errorf("feedback for escapes does not quote the file:\n%s", fb)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(bytes.ToValidUTF8(b, []byte("?")))
}

// TestOutputLinksRefused: links planted in the output folders are replaced
// or refused, never written through.
func TestOutputLinksRefused(t *testing.T) {
	base := t.TempDir()
	victim := filepath.Join(base, "victim")
	mustMkdir(t, victim)
	if err := os.WriteFile(filepath.Join(victim, "keep.md"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	gb := &Gradebook{Students: []Student{{Name: "ana"}}}
	en := printer(t, "en")
	out, fb := filepath.Join(base, "out"), filepath.Join(base, "fb")
	mustMkdir(t, out)
	mustMkdir(t, fb)
	if err := os.Symlink(victim, filepath.Join(out, "ana")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(victim, "keep.md"), filepath.Join(fb, "ana.md")); err != nil {
		t.Fatal(err)
	}
	if err := (gradescopeWriter{dir: out, p: en}).Write(gb); err == nil || !strings.Contains(err.Error(), "is a link") {
		t.Errorf("gradescope through a link: err = %v", err)
	}
	if err := NewFeedback(fb, en).Write(gb); err != nil {
		t.Fatal(err)
	}
	if got := filesUnder(t, victim); strings.Join(got, ",") != "keep.md" || readFile(t, filepath.Join(victim, "keep.md")) != "keep" {
		t.Errorf("the folder behind the links changed: %v", got)
	}
	if info, err := os.Lstat(filepath.Join(fb, "ana.md")); err != nil || !info.Mode().IsRegular() {
		t.Errorf("ana.md should now be a plain file: %v %v", info, err)
	}
}
