package gradebook

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A capstone takes whatever files a student keeps in its folders, so a
// solution split into files of the student's own earns full marks from a
// folder and from an archive alike, and an emptied capstone earns nothing.
func TestCapstonesTakeTheStudentsOwnFiles(t *testing.T) {
	c, src := embeddedCourse(t)
	class := t.TempDir()
	split := map[string]map[string][]byte{}
	for _, id := range []string{"k8s-portfolio-capstone", "tf-capstone-fraud-api"} {
		ex, ok := c.Exercise(id)
		if !ok {
			t.Fatalf("no exercise %s", id)
		}
		files, err := ex.ReadTree(src.FS, "variants/pass-own-file-layout")
		if err != nil {
			t.Fatal(err)
		}
		if len(files) <= len(tree(t, src, ex, "solution")) {
			t.Fatalf("%s: the variant does not split the solution into more files", id)
		}
		split[id] = files
		putExercise(t, class, "ana", id, files)
		putExercise(t, class, "emptied", id, emptied(files))
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for id, files := range split {
		for name, data := range files {
			w, err := zw.Create("work/" + id + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(data); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	mustMkdir(t, filepath.Join(class, "beto"))
	if err := os.WriteFile(filepath.Join(class, "beto", "work.zip"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	gb := grade(t, class, Options{Course: c, Source: src, Exercises: []string{"k8s-portfolio-capstone", "tf-capstone-fraud-api"}})
	got := map[string]int{}
	for _, s := range gb.Students {
		got[s.Name] = s.Score
		for _, r := range s.Exercises {
			if r.Status != StatusGraded {
				t.Errorf("%s/%s: status %v %v", s.Name, r.Exercise.ID, r.Status, r.Error)
			}
		}
	}
	if got["ana"] != gb.Max || got["beto"] != gb.Max || got["emptied"] != 0 {
		t.Errorf("scores %v, want ana and beto %d, emptied 0", got, gb.Max)
	}
}

func emptied(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for name := range files {
		out[name] = []byte("# " + strings.ToUpper(name) + "\n")
	}
	return out
}
