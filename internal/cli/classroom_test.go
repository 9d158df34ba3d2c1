package cli

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/gradebook"
)

// TestClassroomInit writes the workflow into a template repository, reads
// it as GitHub Actions would, runs its grade line against a student's
// repository and hands the result to the reporter the way the workflow
// does: base64 in the variable named after the runner.
func TestClassroomInit(t *testing.T) {
	repo := t.TempDir()
	copyTree(t, filepath.Join(gradeCourse, "exercises", "kubernetes", "01-labels", "solution"), filepath.Join(repo, "demo-labels"))
	copyTree(t, filepath.Join(gradeCourse, "exercises", "terraform", "01-pins", "start"), filepath.Join(repo, "demo-pins"))
	out, errOut, code := runCLI(t, nil, "classroom", "init", repo, "--release", "v1.2.3")
	if code != ExitOK || !strings.Contains(out, "classroom.yml") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(repo, ".github", "workflows", "classroom.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Name  string `yaml:"name"`
			Steps []struct {
				ID   string            `yaml:"id"`
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				Env  map[string]string `yaml:"env"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("the workflow is not YAML: %v\n%s", err, data)
	}
	job, ok := wf.Jobs["run-autograding-tests"]
	if !ok || job.Name != "Autograding Tests" {
		t.Fatalf("no job named Autograding Tests:\n%s", data)
	}
	var gradeLine, runner, reporterEnv string
	for _, s := range job.Steps {
		switch {
		case s.ID == gradebook.ClassroomRunner:
			for _, l := range strings.Split(s.Run, "\n") {
				if strings.HasPrefix(l, "iactutor ") {
					gradeLine = l
				}
			}
			if !strings.Contains(s.Run, "go install github.com/iactutor/iactutor/cmd/iactutor@v1.2.3") {
				t.Errorf("the workflow does not install the release asked for:\n%s", s.Run)
			}
		case strings.HasPrefix(s.Uses, "classroom-resources/autograding-grading-reporter@"):
			runner = s.With["runners"]
			reporterEnv = s.Env[strings.ToUpper(runner)+"_RESULTS"]
		}
	}
	if gradeLine == "" || runner != gradebook.ClassroomRunner || reporterEnv != "${{ steps."+runner+".outputs.result }}" {
		t.Fatalf("grade line %q, runner %q, reporter env %q:\n%s", gradeLine, runner, reporterEnv, data)
	}

	// The grade line, run in the student's repository.
	fields := strings.Fields(gradeLine)
	var args []string
	for i, f := range fields[1:] {
		if f == "--out" {
			args = append(args, fields[1:][:i]...)
			break
		}
	}
	if len(args) == 0 || !strings.Contains(strings.Join(args, " "), "grade . --single --format classroom") {
		t.Fatalf("unexpected grade line %q", gradeLine)
	}
	for i := range args {
		if args[i] == "." {
			args[i] = repo
		}
	}
	out, errOut, code = runCLI(t, nil, append([]string{"--course", gradeCourse}, args...)...)
	if code != ExitOK {
		t.Fatalf("grade: exit %d: %s", code, errOut)
	}
	raw, err := base64.StdEncoding.DecodeString(base64.StdEncoding.EncodeToString([]byte(out)))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Status   string `json:"status"`
		MaxScore int    `json:"max_score"`
		Tests    []struct {
			Status string `json:"status"`
			Score  int    `json:"score"`
		} `json:"tests"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&res); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, x := range res.Tests {
		total += x.Score
	}
	if res.Status != "fail" || res.MaxScore != 5 || total != 3 || len(res.Tests) != 4 {
		t.Errorf("status %q, %d/%d, %d tests; want fail, 3/5, 4 tests\n%s", res.Status, total, res.MaxScore, len(res.Tests), out)
	}

	// A second init keeps the instructor's edits unless told otherwise.
	if _, errOut, code := runCLI(t, nil, "classroom", "init", repo); code != ExitUsage || !strings.Contains(errOut, "--force") {
		t.Errorf("second init: exit %d, %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, nil, "classroom", "init", repo, "--force"); code != ExitOK {
		t.Errorf("--force: exit %d, %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, nil, "--course", gradeCourse, "classroom", "init", repo, "--force"); code != ExitUsage || !strings.Contains(errOut, "inside") {
		t.Errorf("a course outside the repository: exit %d, %s", code, errOut)
	}
}
