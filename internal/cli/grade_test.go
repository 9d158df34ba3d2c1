package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gradeCourse is the gradebook package's small fixed course.
var gradeCourse = filepath.Join("..", "gradebook", "testdata", "course")

// copyTree copies a folder of the test course into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// gradeClass has ana with both solutions and ben with the labels start only.
func gradeClass(t *testing.T) string {
	t.Helper()
	class := t.TempDir()
	ex := filepath.Join(gradeCourse, "exercises")
	copyTree(t, filepath.Join(ex, "kubernetes", "01-labels", "solution"), filepath.Join(class, "ana", "demo-labels"))
	copyTree(t, filepath.Join(ex, "terraform", "01-pins", "solution"), filepath.Join(class, "ana", "demo-pins"))
	copyTree(t, filepath.Join(ex, "kubernetes", "01-labels", "start"), filepath.Join(class, "ben", "demo-labels"))
	return class
}

func TestGradeUsage(t *testing.T) {
	class := gradeClass(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"--format", "xml", class}, "valid: table, json, csv, junit, gradescope"},
		{"gradescope without --out", []string{"--format", "gradescope", class}, "--out"},
		{"--out without gradescope", []string{"--out", t.TempDir(), class}, "--out is for the gradescope format"},
		{"--long without csv", []string{"--long", class}, "--long is for the csv format"},
		{"no jobs", []string{"--jobs", "0", class}, "--jobs"},
		{"no time", []string{"--timeout", "0s", class}, "--timeout"},
		{"unknown exercise", []string{"--exercise", "demo-pin", class}, `did you mean "demo-pins"`},
		{"unknown student", []string{"--student", "zoe", class}, `"zoe"`},
		{"missing folder", []string{filepath.Join(class, "nope")}, "cannot read"},
		{"a file", []string{filepath.Join(class, "ana", "demo-pins", "main.tf")}, "not a folder"},
		{"no folder", nil, "accepts 1 arg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, nil, append([]string{"--course", gradeCourse, "grade"}, tc.args...)...)
			if code != ExitUsage || out != "" || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, out, errOut, tc.want)
			}
		})
	}
}

func TestGradeFormats(t *testing.T) {
	class := gradeClass(t)
	if err := os.MkdirAll(filepath.Join(class, "ben", "drafts"), 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, string) {
		t.Helper()
		out, errOut, code := runCLI(t, nil, append([]string{"--course", gradeCourse, "grade", class}, args...)...)
		if code != ExitOK {
			t.Fatalf("grade %v: exit %d: %s", args, code, errOut)
		}
		return out, errOut
	}

	out, errOut := run("--format", "csv", "--jobs", "1")
	if out != "student,demo-pins,demo-labels,total\nana,2,3,5\nben,0,0,0\n" {
		t.Errorf("csv:\n%s", out)
	}
	if !strings.Contains(errOut, "ben/drafts") {
		t.Errorf("stderr does not list the stray folder: %q", errOut)
	}

	out, errOut = run("--format", "json", "--student", "ben", "--exercise", "demo-labels")
	var got struct {
		Students []struct {
			Student   string `json:"student"`
			Exercises []struct {
				ID        string `json:"id"`
				Status    string `json:"status"`
				Unchanged bool   `json:"unchanged"`
			} `json:"exercises"`
		} `json:"students"`
		Summary struct {
			Unknown []string `json:"unknown"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(got.Students) != 1 || got.Students[0].Student != "ben" || len(got.Students[0].Exercises) != 1 ||
		!got.Students[0].Exercises[0].Unchanged || strings.Join(got.Summary.Unknown, ",") != "ben/drafts" || errOut != "" {
		t.Errorf("json subset: %+v, stderr %q", got, errOut)
	}

	outDir, fb := t.TempDir(), t.TempDir()
	out, _ = run("--format", "gradescope", "--out", outDir, "--feedback", fb)
	if out != "" {
		t.Errorf("gradescope printed %q to stdout", out)
	}
	for _, p := range []string{filepath.Join(outDir, "ana", "results.json"), filepath.Join(outDir, "ben", "results.json"), filepath.Join(fb, "ana.md"), filepath.Join(fb, "ben.md")} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}

	out, _ = run()
	if !strings.HasPrefix(out, "2 students, 2 exercises, 5 points each\n") {
		t.Errorf("table:\n%s", out)
	}
}

// TestGradeWorkspace grades the folder `iactutor init` writes as one
// student: every exercise is still the start files, so everything is 0.
func TestGradeWorkspace(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "lucia")
	if _, errOut, code := runCLI(t, nil, "--course", gradeCourse, "init", ws); code != ExitOK {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	out, errOut, code := runCLI(t, nil, "--course", gradeCourse, "grade", ws, "--format", "csv", "--long")
	if code != ExitOK {
		t.Fatalf("grade: exit %d: %s", code, errOut)
	}
	want := "student,exercise,score,max,status\nlucia,demo-pins,0,2,graded\nlucia,demo-labels,0,3,graded\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// TestGradeLMS: the LMS formats read the roster, write the file, and list
// on stderr the students the roster does not know.
func TestGradeLMS(t *testing.T) {
	class := gradeClass(t)
	roster := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(roster, []byte("Student,ID,SIS User ID,SIS Login ID,Section,Email address\n    Points Possible,,,,,\nAna Ruiz,11,,ana@uni.edu,A,ana@uni.edu\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	grade := func(args ...string) (string, string, int) {
		return runCLI(t, nil, append([]string{"--course", gradeCourse, "grade", class}, args...)...)
	}
	out, errOut, code := grade("--format", "canvas", "--roster", roster, "--bom")
	want := "\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,demo-pins,demo-labels\nPoints Possible,,,,,2,3\nAna Ruiz,11,,ana@uni.edu,A,2,3\n"
	if code != ExitOK || out != want || !strings.Contains(errOut, "not on the roster") || !strings.Contains(errOut, ": ben") {
		t.Errorf("canvas: exit %d\n%q\nstderr %q", code, out, errOut)
	}
	out, _, code = grade("--format", "moodle", "--roster", roster, "--assignment", "Lab 1")
	if code != ExitOK || out != "Email address,Lab 1\nana@uni.edu,5\n" {
		t.Errorf("moodle: exit %d\n%q", code, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "moodle"}, "--roster"},
		{[]string{"--format", "table", "--bom"}, "--bom"},
		{[]string{"--format", "csv", "--roster", roster}, "--roster is for"},
		{[]string{"--format", "canvas", "--identity", "email"}, "--identity is for"},
		{[]string{"--format", "canvas", "--roster", filepath.Join(class, "none.csv")}, "cannot read the roster"},
		{[]string{"--fail-under", "-1"}, "--fail-under"},
	} {
		if out, errOut, code := grade(tc.args...); code != ExitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
}

// TestGradeFailUnder: --fail-under makes a class with a student under the
// mark exit 1 after writing the gradebook, naming who.
func TestGradeFailUnder(t *testing.T) {
	class := gradeClass(t)
	for _, tc := range []struct {
		min  string
		code int
	}{{"0", ExitOK}, {"1", ExitFailed}, {"5", ExitFailed}, {"6", ExitFailed}} {
		out, errOut, code := runCLI(t, nil, "--course", gradeCourse, "grade", class, "--format", "csv", "--fail-under", tc.min)
		if code != tc.code || !strings.HasPrefix(out, "student,") {
			t.Errorf("--fail-under %s: exit %d, want %d; stdout %q", tc.min, code, tc.code, out)
		}
		if code == ExitFailed && !strings.Contains(errOut, "ben") {
			t.Errorf("--fail-under %s does not name ben: %q", tc.min, errOut)
		}
	}
}

// TestGradeOverridesAndSimilarity: --overrides changes the grade and names
// the note; an unknown student in it is a usage error; --similarity reports
// on stderr, leaving stdout to the format.
func TestGradeOverridesAndSimilarity(t *testing.T) {
	class := gradeClass(t)
	ovs := filepath.Join(t.TempDir(), "overrides.yaml")
	if err := os.WriteFile(ovs, []byte("- student: ben\n  exercise: demo-pins\n  points: 2\n  note: handed in on paper\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, nil, "--course", gradeCourse, "grade", class, "--format", "csv", "--overrides", ovs, "--similarity")
	if code != ExitOK || out != "student,demo-pins,demo-labels,total\nana,2,3,5\nben,2,0,2\n" || !strings.Contains(errOut, "No two students") {
		t.Errorf("exit %d\n%s\nstderr %q", code, out, errOut)
	}
	if err := os.WriteFile(ovs, []byte("- {student: zoe, exercise: demo-pins, points: 2, note: x}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := runCLI(t, nil, "--course", gradeCourse, "grade", class, "--overrides", ovs); code != ExitUsage || out != "" || !strings.Contains(errOut, "zoe") {
		t.Errorf("unknown student: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
