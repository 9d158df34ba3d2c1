package gradebook

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/msg/msgtest"
	"github.com/iactutor/iactutor/lessons"
)

// printer renders in lang with the built-in catalog.
func printer(t testing.TB, lang string) *msg.Printer { return msgtest.Printer(t, lang) }

// testCourse is the small fixed course under testdata/course: two exercises
// whose content never changes, so golden files stay put.
func testCourse(t testing.TB) (*course.Course, course.Source) {
	t.Helper()
	src := course.Dir(filepath.Join("testdata", "course"))
	c, ds := course.Load(src)
	if ds.HasErrors() || len(c.Exercises) != 2 {
		t.Fatalf("test course: %d exercises, %v", len(c.Exercises), ds)
	}
	return c, src
}

// embeddedCourse is the course shipped in the binary, whatever it holds today.
func embeddedCourse(t testing.TB) (*course.Course, course.Source) {
	t.Helper()
	src := course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}}
	c, _ := course.Load(src)
	if len(c.Exercises) == 0 {
		t.Skip("the built-in course has no exercises yet")
	}
	return c, src
}

// tree reads an exercise's start/ or solution/ files from the course.
func tree(t testing.TB, src course.Source, ex *course.Exercise, which string) map[string][]byte {
	t.Helper()
	out, err := ex.ReadTree(src.FS, which)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// putExercise writes files into dir/<student>/<exercise id>/.
func putExercise(t testing.TB, class, student, id string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(class, student, id, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustMkdir(t testing.TB, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func grade(t testing.TB, dir string, opt Options) *Gradebook {
	t.Helper()
	gb, err := Grade(context.Background(), dir, opt)
	if err != nil {
		t.Fatalf("Grade(%s): %v", dir, err)
	}
	return gb
}

// render prints gb in a format that writes to standard output, in English
// unless opt names a printer.
func render(t testing.TB, gb *Gradebook, format string, opt WriterOptions) string {
	t.Helper()
	if opt.Printer == nil {
		opt.Printer = printer(t, "en")
	}
	var b bytes.Buffer
	w, err := New(format, &b, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(gb); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.String()
}

// snapshot describes every entry under root without reading file contents
// or following links: path, type, permissions, size, modification time and
// link target. Two equal snapshots mean nothing was added, removed or changed.
func snapshot(t testing.TB, root string, skip ...string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		for _, s := range skip {
			if p == s {
				return fs.SkipDir
			}
		}
		if err != nil {
			lines = append(lines, p+" unreadable")
			if d != nil && d.IsDir() && p != root {
				return fs.SkipDir
			}
			return nil
		}
		if p == root {
			return nil // its time changes when the output folders are made beside the class
		}
		info, err := os.Lstat(p)
		if err != nil {
			lines = append(lines, p+" lstat failed")
			return nil
		}
		line := p + " " + info.Mode().String() + " " + info.ModTime().String()
		if info.Mode().IsRegular() {
			line += " " + strconv.FormatInt(info.Size(), 10)
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			line += " -> " + target
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// filesUnder lists the regular files under root, relative and sorted.
func filesUnder(t testing.TB, root string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}
