package gradebook

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/iactutor/iactutor/internal/msg"
)

// reporterResult is what the autograding reporter reads from a runner:
// unknown fields are refused here so that a renamed field fails the test.
type reporterResult struct {
	Version  int    `json:"version"`
	Status   string `json:"status"`
	MaxScore int    `json:"max_score"`
	Tests    []struct {
		Name          string `json:"name"`
		Status        string `json:"status"`
		Score         int    `json:"score"`
		Message       string `json:"message"`
		TestCode      string `json:"test_code"`
		Filename      string `json:"filename"`
		LineNo        int    `json:"line_no"`
		ExecutionTime string `json:"execution_time"`
	} `json:"tests"`
}

// decodeReporter does what the reporter does with a runner's output: it
// base64-decodes the variable, parses the JSON, sums the tests' scores
// against max_score and fails the run on a "fail" or "error" status.
func decodeReporter(t *testing.T, encoded string) (r reporterResult, total int, failed bool) {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("the reporter could not read %s: %v", raw, err)
	}
	for _, tc := range r.Tests {
		if !slices.Contains([]string{"pass", "fail", "error"}, tc.Status) {
			t.Errorf("test %q has status %q", tc.Name, tc.Status)
		}
		total += tc.Score
	}
	return r, total, r.Status == "fail" || r.Status == "error"
}

func TestClassroom(t *testing.T) {
	class, c, src := smallClass(t)
	tests := []struct {
		student     string
		status      string
		total, max  int
		failedTests int
	}{
		{"alice", "pass", 5, 5, 0},
		{"carol", "fail", 2, 5, 3},
		{"frank", "error", 0, 5, 4},
	}
	for _, tc := range tests {
		t.Run(tc.student, func(t *testing.T) {
			gb := grade(t, class, Options{Course: c, Source: src, Students: []string{tc.student}})
			out := render(t, gb, "classroom", WriterOptions{})
			r, total, failed := decodeReporter(t, base64.StdEncoding.EncodeToString([]byte(out)))
			if r.Version != 1 || r.Status != tc.status || r.MaxScore != tc.max || total != tc.total || failed != (tc.status != "pass") {
				t.Errorf("version %d, status %q, %d/%d; want %q, %d/%d\n%s", r.Version, r.Status, total, r.MaxScore, tc.status, tc.total, tc.max, out)
			}
			n := 0
			for _, x := range r.Tests {
				if x.Status != "pass" {
					n++
					if x.Message == "" {
						t.Errorf("test %q fails without a message", x.Name)
					}
				}
			}
			if len(r.Tests) != 4 || n != tc.failedTests {
				t.Errorf("%d tests, %d not passed; want 4 and %d", len(r.Tests), n, tc.failedTests)
			}
		})
	}
	gb := grade(t, class, Options{Course: c, Source: src})
	_, err := New("classroom", &bytes.Buffer{}, WriterOptions{Printer: printer(t, "en")})
	if err != nil {
		t.Fatal(err)
	}
	var me *msg.Error
	if err := (classroomWriter{w: &bytes.Buffer{}, p: printer(t, "en")}).Write(gb); !errors.As(err, &me) || me.Text.Key != "gradebook.classroom.one-student" {
		t.Errorf("a class of six: err = %v", err)
	}
	if ClassroomEnv() != "IACTUTOR_RESULTS" {
		t.Errorf("ClassroomEnv() = %q", ClassroomEnv())
	}
}
