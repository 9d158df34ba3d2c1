package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// gradescopeResults is Gradescope's results.json as its autograder
// specification lists the fields; unknown fields are refused so a
// misspelled one fails here instead of being ignored there.
type gradescopeResults struct {
	Score        *float64 `json:"score"`
	Output       string   `json:"output"`
	OutputFormat string   `json:"output_format"`
	Tests        []struct {
		Name         string   `json:"name"`
		Score        *float64 `json:"score"`
		MaxScore     *float64 `json:"max_score"`
		Status       string   `json:"status"`
		Output       string   `json:"output"`
		OutputFormat string   `json:"output_format"`
	} `json:"tests"`
}

func readGradescope(t *testing.T, p string) gradescopeResults {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var r gradescopeResults
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("%s is not Gradescope's results.json: %v\n%s", p, err, data)
	}
	if r.Score == nil {
		t.Errorf("no score:\n%s", data)
	}
	formats := []string{"text", "html", "simple_format", "md", "ansi"}
	if !slices.Contains(formats, r.OutputFormat) {
		t.Errorf("output_format %q", r.OutputFormat)
	}
	for _, x := range r.Tests {
		if x.Score == nil || x.MaxScore == nil || (x.Status != "passed" && x.Status != "failed") || !slices.Contains(formats, x.OutputFormat) {
			t.Errorf("test %+v does not follow the specification", x)
		}
	}
	return r
}

// submissionShapes are the ways a student hands in on Gradescope: the
// exercise folders, a workspace folder, or a zip of the folders.
func submissionShapes(t *testing.T) map[string]func(sub string) {
	ex := filepath.Join(gradeCourse, "exercises")
	solved := func(dst string) {
		copyTree(t, filepath.Join(ex, "kubernetes", "01-labels", "solution"), filepath.Join(dst, "demo-labels"))
		copyTree(t, filepath.Join(ex, "terraform", "01-pins", "solution"), filepath.Join(dst, "demo-pins"))
	}
	return map[string]func(string){
		"exercise folders": solved,
		"workspace folder": func(sub string) { solved(filepath.Join(sub, "iactutor")) },
		"zip": func(sub string) {
			tmp := t.TempDir()
			solved(tmp)
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			_ = filepath.WalkDir(tmp, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(tmp, p)
				w, err := zw.Create(filepath.ToSlash(rel))
				if err != nil {
					return err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				_, err = w.Write(b)
				return err
			})
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(sub, "submission.zip"), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		},
	}
}

// TestAutograderGradescope grades each submission shape in process.
func TestAutograderGradescope(t *testing.T) {
	for name, lay := range submissionShapes(t) {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			lay(filepath.Join(root, "submission"))
			meta := `{"users": [{"name": "Ana Ruiz", "email": "ana@uni.edu", "id": 7}], "assignment": {"title": "Lab 1"}}`
			if err := os.WriteFile(filepath.Join(root, "submission_metadata.json"), []byte(meta), 0o644); err != nil {
				t.Fatal(err)
			}
			out, errOut, code := runCLI(t, nil, "--course", gradeCourse, "autograder", "gradescope", "--root", root)
			if code != ExitOK || !strings.Contains(out, "5 of 5 points") {
				t.Fatalf("exit %d: %s %s", code, out, errOut)
			}
			r := readGradescope(t, filepath.Join(root, "results", "results.json"))
			if *r.Score != 5 || len(r.Tests) != 4 || r.OutputFormat != "md" || !strings.HasPrefix(r.Output, "# ") || !strings.Contains(r.Output, "Ana Ruiz") {
				t.Errorf("score %v, %d tests, format %q, output:\n%s", *r.Score, len(r.Tests), r.OutputFormat, r.Output)
			}
		})
	}
	if _, errOut, code := runCLI(t, nil, "--course", gradeCourse, "autograder", "gradescope", "--root", t.TempDir()); code != ExitUsage || !strings.Contains(errOut, "submission") {
		t.Errorf("no submission folder: exit %d, %s", code, errOut)
	}
}

// TestAutograderBundle builds the bundle as an instructor would, lays out
// a fake /autograder the way Gradescope does (the zip unpacked into
// source/, run_autograder copied beside it), and runs run_autograder for
// each submission shape.
func TestAutograderBundle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds iactutor; skipped with -short")
	}
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skipf("the bundle's binary is linux/amd64 and cannot run on %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	for _, tool := range []string{"go", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: %v", tool, err)
		}
	}
	zipPath := filepath.Join(t.TempDir(), "autograder.zip")
	out, errOut, code := runCLI(t, nil, "--course", gradeCourse, "autograder", "bundle", "--out", zipPath)
	if code != ExitOK {
		t.Fatalf("bundle: exit %d: %s %s", code, out, errOut)
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	if _, ok := files["course/exercises/kubernetes/01-labels/exercise.yaml"]; !ok {
		t.Errorf("the bundle lacks the course: %v", slices.Sorted(maps.Keys(files)))
	}
	for _, name := range []string{"setup.sh", "run_autograder", "iactutor"} {
		f, ok := files[name]
		if !ok {
			t.Fatalf("the bundle lacks %s", name)
		}
		if f.Mode()&0o111 == 0 {
			t.Errorf("%s is not executable in the bundle: %v", name, f.Mode())
		}
	}
	for name, lay := range submissionShapes(t) {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range zr.File {
				p := filepath.Join(root, "source", filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				data, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, data, f.Mode().Perm()); err != nil {
					t.Fatal(err)
				}
			}
			run, err := os.ReadFile(filepath.Join(root, "source", "run_autograder"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "run_autograder"), run, 0o755); err != nil {
				t.Fatal(err)
			}
			lay(filepath.Join(root, "submission"))
			cmd := exec.Command("bash", filepath.Join(root, "run_autograder"))
			cmd.Dir = root
			cmd.Env = []string{"PATH=/usr/bin:/bin"}
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("run_autograder: %v\n%s", err, b)
			}
			r := readGradescope(t, filepath.Join(root, "results", "results.json"))
			if *r.Score != 5 || len(r.Tests) != 4 {
				t.Errorf("score %v with %d tests, want 5 with 4", *r.Score, len(r.Tests))
			}
		})
	}
}
