package course

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// folderCourse is the good course with its exercise's files in a folder.
func folderCourse() fstest.MapFS {
	m := goodCourse()
	set(m, "exercises/kubernetes/01-selector/exercise.yaml", "files: [deployment.yaml]", "files: [k8s/]\nfree: [\"Deployment/api spec.replicas\"]")
	for _, tree := range []string{"start", "solution"} {
		base := "exercises/kubernetes/01-selector/" + tree + "/"
		m[base+"k8s/deployment.yaml"] = m[base+"deployment.yaml"]
		m[base+"k8s/service.yml"] = &fstest.MapFile{Data: []byte("kind: Service\n")}
		delete(m, base+"deployment.yaml")
	}
	return m
}

func TestFolderEntries(t *testing.T) {
	_, en := printers(t)
	c, ds := check(folderCourse())
	if ds.HasErrors() {
		t.Fatalf("folder course:\n%s", dump(en, ds))
	}
	ex := c.Exercises[0]
	if got := slices.Sorted(maps.Keys(ex.SolutionFiles)); !slices.Equal(got, []string{"k8s/deployment.yaml", "k8s/service.yml"}) {
		t.Errorf("solution files = %v", got)
	}
	if len(ex.StartFiles) != 2 || !slices.Equal(ex.Free, []string{"Deployment/api spec.replicas"}) {
		t.Errorf("start files %d, free %v", len(ex.StartFiles), ex.Free)
	}

	tests := []struct {
		name, file, substr string
		edit               func(fstest.MapFS)
	}{
		{"a file that is not YAML is stray", "exercises/kubernetes/01-selector/start/k8s/notes.txt", "stray file", func(m fstest.MapFS) {
			m["exercises/kubernetes/01-selector/start/k8s/notes.txt"] = &fstest.MapFile{Data: []byte("x")}
		}},
		{"a sub-folder's YAML is stray", "exercises/kubernetes/01-selector/start/k8s/more/x.yaml", "stray file", func(m fstest.MapFS) {
			m["exercises/kubernetes/01-selector/start/k8s/more/x.yaml"] = &fstest.MapFile{Data: []byte("kind: Pod\n")}
		}},
		{"an empty folder is missing", "exercises/kubernetes/01-selector/exercise.yaml", "solution/k8s/ does not exist", func(m fstest.MapFS) {
			m["exercises/kubernetes/01-selector/solution/old/deployment.yaml"] = m["exercises/kubernetes/01-selector/solution/k8s/deployment.yaml"]
			delete(m, "exercises/kubernetes/01-selector/solution/k8s/deployment.yaml")
			delete(m, "exercises/kubernetes/01-selector/solution/k8s/service.yml")
		}},
		{"a folder out of the tree", "exercises/kubernetes/01-selector/exercise.yaml", "../", func(m fstest.MapFS) {
			set(m, "exercises/kubernetes/01-selector/exercise.yaml", "files: [k8s/]", "files: [../k8s/]")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := folderCourse()
			tt.edit(m)
			_, ds := check(m)
			for _, d := range ds {
				if d.Subject.Filename == tt.file && strings.Contains(en.Text(d.Summary), tt.substr) {
					return
				}
			}
			t.Errorf("want an error at %s containing %q, got:\n%s", tt.file, tt.substr, dump(en, ds))
		})
	}
}

func TestInFolder(t *testing.T) {
	tests := []struct {
		folder, file string
		want         bool
	}{
		{"k8s/", "k8s/a.yaml", true},
		{"k8s/", "k8s/a.yml", true},
		{"k8s/", "k8s/a.json", false},
		{"k8s/", "k8s/sub/a.yaml", false},
		{"k8s/", "other/a.yaml", false},
		{"./", "network.tf", true},
		{"./", "terraform.tfvars", true},
		{"./", "TASK.md", false},
		{"./", ".terraform.lock.hcl", false},
		{"./", "modules/a.tf", false},
	}
	for _, tt := range tests {
		if got := InFolder(tt.folder, tt.file); got != tt.want {
			t.Errorf("InFolder(%q, %q) = %v", tt.folder, tt.file, got)
		}
	}
}
