package gradebook

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/grader"
)

// classJSON is the JSON contract, decoded strictly so a renamed or extra
// field fails the test.
type classJSON struct {
	Students []struct {
		Student   string `json:"student"`
		LMS       string `json:"lms"`
		UserID    string `json:"userId"`
		Late      bool   `json:"late"`
		Score     *int   `json:"score"`
		Max       int    `json:"max"`
		Exercises []struct {
			ID        string `json:"id"`
			Score     *int   `json:"score"`
			Max       int    `json:"max"`
			Passed    bool   `json:"passed"`
			Status    string `json:"status"`
			Error     string `json:"error"`
			Location  string `json:"location"`
			Unchanged bool   `json:"unchanged"`
			Checks    []struct {
				ID      string `json:"id"`
				Points  int    `json:"points"`
				Max     int    `json:"max"`
				Passed  bool   `json:"passed"`
				Message string `json:"message"`
			} `json:"checks"`
			Diagnostics []map[string]any `json:"diagnostics"`
		} `json:"exercises"`
	} `json:"students"`
	Summary struct {
		Students   int     `json:"students"`
		Incomplete int     `json:"incomplete"`
		Max        int     `json:"max"`
		Mean       float64 `json:"mean"`
		Median     float64 `json:"median"`
		Histogram  []struct {
			From  int `json:"from"`
			To    int `json:"to"`
			Count int `json:"count"`
		} `json:"histogram"`
		Checks []struct {
			Exercise string  `json:"exercise"`
			Check    string  `json:"check"`
			Passed   int     `json:"passed"`
			Total    int     `json:"total"`
			Rate     float64 `json:"rate"`
		} `json:"checks"`
		Unknown []string `json:"unknown"`
	} `json:"summary"`
}

func decodeClass(t *testing.T, s string) classJSON {
	t.Helper()
	var out classJSON
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, s)
	}
	return out
}

// TestCourseClass grades a class built from the built-in course's own
// start/ and solution/ folders: every solution scores full points, every
// untouched start scores 0 (even checks a start would pass), and a missing
// folder scores 0 with status "missing".
func TestCourseClass(t *testing.T) {
	c, src := embeddedCourse(t)
	class := t.TempDir()
	g := grader.New()
	var ok []*course.Exercise
	for _, ex := range c.Exercises {
		// Exercises still being written may not pass their own self-test
		// yet; that is for `course check` to report, not the gradebook.
		if ds := g.SelfTest(src, ex); ds.HasErrors() {
			t.Logf("skipping %s: it does not pass its own self-test yet", ex.ID)
			continue
		}
		ok = append(ok, ex)
	}
	if len(ok) == 0 {
		t.Skip("no finished exercise in the built-in course")
	}
	ids := make([]string, len(ok))
	wantSome, wantMax := 0, 0
	for i, ex := range ok {
		ids[i] = ex.ID
		wantMax += ex.Points()
		putExercise(t, class, "full", ex.ID, tree(t, src, ex, "solution"))
		putExercise(t, class, "none", ex.ID, tree(t, src, ex, "start"))
		if i%2 == 0 {
			putExercise(t, class, "some", ex.ID, tree(t, src, ex, "solution"))
			wantSome += ex.Points()
		}
	}
	mustMkdir(t, filepath.Join(class, "some"))

	gb := grade(t, class, Options{Course: c, Source: src, Exercises: ids, Jobs: 2})
	got := decodeClass(t, render(t, gb, "json", WriterOptions{}))
	if len(got.Students) != 3 || got.Summary.Students != 3 || got.Summary.Max != wantMax {
		t.Fatalf("students = %d, summary = %+v", len(got.Students), got.Summary)
	}
	want := map[string]int{"full": wantMax, "none": 0, "some": wantSome}
	for _, s := range got.Students {
		if deref(s.Score) != want[s.Student] || s.Max != wantMax || len(s.Exercises) != len(ok) {
			t.Errorf("%s: %d/%d over %d exercises, want %d/%d over %d", s.Student, deref(s.Score), s.Max, len(s.Exercises), want[s.Student], wantMax, len(ok))
		}
		sum := 0
		for i, e := range s.Exercises {
			sum += deref(e.Score)
			if e.ID != ok[i].ID || e.Max != ok[i].Points() {
				t.Errorf("%s: exercise %d is %s (max %d), want %s in course order", s.Student, i, e.ID, e.Max, ok[i].ID)
			}
			wantStatus, wantScore := "graded", 0
			switch {
			case s.Student == "full" || (s.Student == "some" && i%2 == 0):
				wantScore = e.Max
			case s.Student == "some":
				wantStatus = "missing"
			}
			if e.Status != wantStatus || deref(e.Score) != wantScore || e.Passed != (wantScore == e.Max) {
				t.Errorf("%s/%s: %s %d/%d passed=%v, want %s %d", s.Student, e.ID, e.Status, deref(e.Score), e.Max, e.Passed, wantStatus, wantScore)
			}
			if s.Student == "none" && !e.Unchanged {
				t.Errorf("none/%s: untouched start files not reported as unchanged", e.ID)
			}
			if len(e.Checks) != len(ok[i].Checks) {
				t.Errorf("%s/%s: %d checks, want %d", s.Student, e.ID, len(e.Checks), len(ok[i].Checks))
			}
		}
		if sum != deref(s.Score) {
			t.Errorf("%s: exercises add up to %d, total says %d", s.Student, sum, deref(s.Score))
		}
	}
}

// TestOneWorkspace grades a folder that is itself a student's workspace
// (exercise folders and .iactutor inside) as one student named after it.
func TestOneWorkspace(t *testing.T) {
	c, src := testCourse(t)
	ws := filepath.Join(t.TempDir(), "maria")
	labels, pins := c.Exercises[0], c.Exercises[1]
	if labels.ID != "demo-pins" {
		labels, pins = pins, labels
	}
	putExercise(t, ws, "", pins.ID, tree(t, src, pins, "solution"))
	mustMkdir(t, filepath.Join(ws, ".iactutor"))
	mustMkdir(t, filepath.Join(ws, "scratch"))
	gb := grade(t, ws, Options{Course: c, Source: src})
	if len(gb.Students) != 1 || gb.Students[0].Name != "maria" {
		t.Fatalf("students = %+v", gb.Students)
	}
	s := gb.Students[0]
	if s.Score != pins.Points() || s.Max != gb.Max {
		t.Errorf("score %d/%d, want %d/%d", s.Score, s.Max, pins.Points(), gb.Max)
	}
	if strings.Join(gb.Summary.Unknown, ",") != "scratch" {
		t.Errorf("unknown = %q, want [scratch] (.iactutor is ignored)", gb.Summary.Unknown)
	}
}

func TestSubsetAndUnknown(t *testing.T) {
	c, src := testCourse(t)
	class := t.TempDir()
	for _, st := range []string{"ana", "ben", "cy"} {
		for _, ex := range c.Exercises {
			putExercise(t, class, st, ex.ID, tree(t, src, ex, "solution"))
		}
	}
	mustMkdir(t, filepath.Join(class, "ben", "homework"))
	mustMkdir(t, filepath.Join(class, ".git"))
	if err := os.WriteFile(filepath.Join(class, "roster.csv"), []byte("ana\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	gb := grade(t, class, Options{Course: c, Source: src, Students: []string{"cy", "ana"}, Exercises: []string{"demo-pins"}})
	if len(gb.Students) != 2 || gb.Students[0].Name != "ana" || gb.Students[1].Name != "cy" {
		t.Fatalf("students = %+v", gb.Students)
	}
	if len(gb.Exercises) != 1 || gb.Exercises[0].ID != "demo-pins" || gb.Students[0].Score != gb.Max {
		t.Fatalf("exercises = %v, score %d/%d", gb.Exercises, gb.Students[0].Score, gb.Max)
	}

	gb = grade(t, class, Options{Course: c, Source: src})
	if len(gb.Students) != 3 || strings.Join(gb.Summary.Unknown, ",") != "ben/homework" {
		t.Fatalf("students %d, unknown %q", len(gb.Students), gb.Summary.Unknown)
	}
	if got := printer(t, "en").Text(gb.Summary.UnknownNotice()); got != "not graded (neither a student nor an exercise of the course): ben/homework" {
		t.Errorf("unknown notice: %q", got)
	}
	if n := (Summary{}).UnknownNotice(); !n.IsZero() {
		t.Errorf("a notice with nothing left out: %+v", n)
	}

	if _, err := Grade(context.Background(), class, Options{Course: c, Source: src, Students: []string{"zed"}}); !errors.Is(err, ErrUnknownStudent) {
		t.Errorf("unknown student: err = %v", err)
	}
	if _, err := Grade(context.Background(), filepath.Join(class, "nope"), Options{Course: c, Source: src}); err == nil {
		t.Error("a folder that does not exist must be an error")
	}
	if _, err := Grade(context.Background(), filepath.Join(class, "roster.csv"), Options{Course: c, Source: src}); err == nil {
		t.Error("a file instead of a folder must be an error")
	}
}

// TestIsolation: a crash and a hang in grading one submission become that
// submission's error; every other submission is graded normally.
func TestIsolation(t *testing.T) {
	c, src := testCourse(t)
	class := t.TempDir()
	for _, st := range []string{"calm", "crash", "hang"} {
		for _, ex := range c.Exercises {
			putExercise(t, class, st, ex.ID, tree(t, src, ex, "solution"))
		}
	}
	release := make(chan struct{})
	defer close(release)
	opt := Options{Course: c, Source: src, Jobs: 3, Timeout: 300 * time.Millisecond,
		beforeGrade: func(student, exercise string) {
			switch {
			case student == "crash" && exercise == "demo-labels":
				var m map[string]int
				m["boom"]++ // a nil-map write panics, as a grader bug would
			case student == "hang" && exercise == "demo-pins":
				<-release
			}
		}}
	start := time.Now()
	gb := grade(t, class, opt)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("grading took %s; the hang was not abandoned", d)
	}
	byName := map[string]Student{}
	for _, s := range gb.Students {
		byName[s.Name] = s
	}
	en := printer(t, "en")
	if s := byName["calm"]; s.Score != gb.Max {
		t.Errorf("calm: %d/%d", s.Score, gb.Max)
	}
	for _, tc := range []struct{ student, exercise, want string }{
		{"crash", "demo-labels", "internal error: assignment to entry in nil map"},
		{"hang", "demo-pins", "timed out"},
	} {
		for _, er := range byName[tc.student].Exercises {
			if er.Exercise.ID == tc.exercise {
				if why := en.Text(er.Error); er.Status != StatusError || !strings.Contains(why, tc.want) || er.Score != 0 {
					t.Errorf("%s/%s: %s %q, want error containing %q", tc.student, tc.exercise, er.Status, why, tc.want)
				}
			} else if er.Status != StatusGraded || !er.Passed {
				t.Errorf("%s/%s: %s passed=%v, want graded and passed", tc.student, er.Exercise.ID, er.Status, er.Passed)
			}
		}
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		totals       []int
		max          int
		mean, median float64
		hist         []Bucket
	}{
		{nil, 10, 0, 0, []Bucket{{0, 1, 0}, {2, 3, 0}, {4, 5, 0}, {6, 7, 0}, {8, 10, 0}}},
		{[]int{0, 10, 5}, 10, 5, 5, []Bucket{{0, 1, 1}, {2, 3, 0}, {4, 5, 1}, {6, 7, 0}, {8, 10, 1}}},
		{[]int{1, 2}, 2, 1.5, 1.5, []Bucket{{0, 0, 0}, {1, 1, 1}, {2, 2, 1}}},
		{[]int{3, 3, 4, 9}, 9, 4.75, 3.5, []Bucket{{0, 1, 0}, {2, 3, 2}, {4, 5, 1}, {6, 7, 0}, {8, 9, 1}}},
		{[]int{0}, 0, 0, 0, []Bucket{{0, 0, 1}}},
	}
	for _, tc := range tests {
		gb := &Gradebook{Max: tc.max}
		for _, n := range tc.totals {
			gb.Students = append(gb.Students, Student{Score: n, Max: tc.max})
		}
		s := summarize(gb)
		if s.Mean != tc.mean || s.Median != tc.median || !equalBuckets(s.Histogram, tc.hist) {
			t.Errorf("%v of %d: mean %v median %v hist %v, want %v %v %v", tc.totals, tc.max, s.Mean, s.Median, s.Histogram, tc.mean, tc.median, tc.hist)
		}
	}
}

func equalBuckets(a, b []Bucket) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFileNames(t *testing.T) {
	tests := []struct {
		names []string
		want  []string
	}{
		{[]string{"ana", "Ben Ortiz"}, []string{"ana", "Ben Ortiz"}},
		{[]string{"..", ".", ""}, []string{"student_", "student_-2", "student_-3"}},
		{[]string{"a/b", `c\d`, "../../etc/passwd"}, []string{"a_b", "c_d", "_.._etc_passwd"}},
		{[]string{"ana", "ANA", "ana"}, []string{"ana", "ANA-2", "ana-3"}},
		{[]string{"x\x1b[31my\x07", ".hidden", "con"}, []string{"x[31my", "hidden", "student_con"}},
		{[]string{strings.Repeat("é", 80)}, []string{strings.Repeat("é", 50)}},
	}
	for _, tc := range tests {
		var st []Student
		for _, n := range tc.names {
			st = append(st, Student{Name: n})
		}
		got := FileNames(st)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("FileNames(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
}

func TestNewRejectsUnknownFormat(t *testing.T) {
	en := WriterOptions{Printer: printer(t, "en")}
	_, err := New("xml", nil, en)
	if err == nil || err.Error() != `unknown format "xml" (valid: table, json, csv, junit, gradescope, canvas, moodle, classroom)` {
		t.Errorf("err = %v, want the list of valid formats", err)
	}
	if _, err := New("gradescope", nil, en); err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("gradescope without a folder: err = %v", err)
	}
	if _, err := New("xml", nil, WriterOptions{Printer: printer(t, "es")}); err == nil || !strings.Contains(err.Error(), "formato desconocido") {
		t.Errorf("in Spanish: err = %v", err)
	}
	for _, f := range Formats() {
		if _, err := New(f, nil, WriterOptions{Out: "out"}); err == nil {
			t.Errorf("%s without a printer: no error", f)
		}
	}
}

// TestFormatsIsACopy: a caller changing the list it got changes no one
// else's.
func TestFormatsIsACopy(t *testing.T) {
	Formats()[0] = "xml"
	if Formats()[0] != "table" {
		t.Error("Formats shares its slice with callers")
	}
}

// deref reads a score of the JSON contract; null (an error) reads -1, so it
// never passes for a 0.
func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}
