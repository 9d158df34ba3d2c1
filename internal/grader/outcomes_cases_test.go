package grader

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/source"
	"github.com/iactutor/iactutor/lessons"
)

// outcomeCase is a submission written by hand under testdata/outcomes
// with the verdict a careful reviewer gives it: full marks for a valid
// fix, zero for nothing attempted, not passed for a wrong one.
type outcomeCase struct {
	Exercise string `yaml:"exercise"`
	Want     string `yaml:"want"`
	Note     string `yaml:"note"`
	// Pending says why the verdict is still wrong: reported, not failed.
	Pending string `yaml:"pending,omitempty"`
}

// TestOutcomeCases grades every case against the built-in course and
// reports, by class, how many verdicts are right.
func TestOutcomeCases(t *testing.T) {
	src := course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}}
	c, _ := course.Load(src)
	g := New()
	root := filepath.Join("testdata", "outcomes")
	classes, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	total, right := 0, 0
	for _, cls := range classes {
		cases, err := os.ReadDir(filepath.Join(root, cls.Name()))
		if err != nil {
			t.Fatal(err)
		}
		n, ok := 0, 0
		for _, cs := range cases {
			dir := filepath.Join(root, cls.Name(), cs.Name())
			b, err := os.ReadFile(filepath.Join(dir, "case.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			var oc outcomeCase
			if err := yaml.Unmarshal(b, &oc); err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			ex, found := c.Exercise(oc.Exercise)
			if !found {
				t.Fatalf("%s: no exercise %s", dir, oc.Exercise)
			}
			start, err := TreeSubmission(src, ex, "start")
			if err != nil {
				t.Fatal(err)
			}
			sub := Submission{Names: map[string]string{}, Start: map[string][]byte{}}
			for _, f := range start.Files {
				sub.Start[start.Names[f.Path]] = f.Data
			}
			files := os.DirFS(filepath.Join(dir, "files"))
			err = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := fs.ReadFile(files, p)
				shown := path.Join("ws", p)
				sub.Files = append(sub.Files, source.File{Path: shown, Data: data})
				sub.Names[shown] = p
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			res := g.Grade(ex, sub)
			var good bool
			switch oc.Want {
			case "full":
				good = res.Score == res.Max
			case "zero":
				good = res.Score == 0
			case "fail":
				good = !res.Passed
			default:
				t.Fatalf("%s: want %q", dir, oc.Want)
			}
			n++
			if !good && oc.Pending != "" {
				t.Logf("pending %s/%s: %s", cls.Name(), cs.Name(), oc.Pending)
			}
			if good {
				ok++
			}
			if !good && oc.Pending == "" {
				var failed []string
				for _, ch := range res.Checks {
					if !ch.Passed {
						failed = append(failed, ch.ID)
					}
				}
				var why []string
				en := printer(t, "en")
				for _, d := range res.Diagnostics {
					why = append(why, en.Text(d.Summary))
				}
				t.Errorf("%s/%s (%s): want %s, scored %d/%d, failing %s\n\t%s", cls.Name(), cs.Name(), oc.Note, oc.Want, res.Score, res.Max, strings.Join(failed, ","), strings.Join(why, "\n\t"))
			}
		}
		total, right = total+n, right+ok
		t.Logf("%-10s %d/%d verdicts right", cls.Name(), ok, n)
	}
	t.Logf("all        %d/%d verdicts right", right, total)
}

// TestOneTypoDoesNotHideTheRest: a quantity the API server cannot decode
// (cpu: half) fails its own check, with the validators' error as the
// reason, while the memory check still reads 512Mi and 1Gi as quantities.
func TestOneTypoDoesNotHideTheRest(t *testing.T) {
	src := course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}}
	c, _ := course.Load(src)
	ex, ok := c.Exercise("k8s-resource-units")
	if !ok {
		t.Fatal("no k8s-resource-units")
	}
	sol, err := TreeSubmission(src, ex, "solution")
	if err != nil {
		t.Fatal(err)
	}
	for i := range sol.Files {
		sol.Files[i].Data = []byte(strings.Replace(string(sol.Files[i].Data), "cpu: 500m", "cpu: half", 1))
	}
	res := New().Grade(ex, sol)
	passed := map[string]bool{}
	for _, ch := range res.Checks {
		passed[ch.ID] = ch.Passed
	}
	if !passed["memory-units"] || passed["cpu-units"] {
		t.Errorf("checks %v: want memory passed and cpu failed", passed)
	}
	en := printer(t, "en")
	for _, d := range res.Diagnostics {
		if strings.Contains(en.Text(d.Detail), "could not be evaluated") {
			t.Errorf("CEL's words reach the learner: %s", en.Text(d.Detail))
		}
	}
}
