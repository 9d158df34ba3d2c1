package gradebook

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
	"golang.org/x/text/unicode/norm"
)

// TestSortStudents: students sort as a class list reads, not by bytes, and
// a decomposed name sorts where the composed one does.
func TestSortStudents(t *testing.T) {
	names := []string{"Victor", "ana.garcia", "Zoë", norm.NFD.String("Tomás"), "Álvaro", "bea", "Ana"}
	ss := make([]Student, len(names))
	for i, n := range names {
		ss[i] = Student{Name: displayName(n)}
	}
	sortStudents(ss, "es")
	var got []string
	for _, s := range ss {
		got = append(got, s.Name)
	}
	want := []string{"Álvaro", "Ana", "ana.garcia", "bea", "Tomás", "Victor", "Zoë"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got[4] != norm.NFC.String("Tomás") {
		t.Errorf("the decomposed name was not made NFC: %q", []byte(got[4]))
	}
}

// TestDecomposedName grades a class whose folder name is decomposed, as
// macOS writes it: the name is shown composed, the table's columns stay
// aligned, and --student finds it typed either way.
func TestDecomposedName(t *testing.T) {
	c, src := testCourse(t)
	labels, _ := c.Exercise("demo-labels")
	class := t.TempDir()
	putExercise(t, class, norm.NFD.String("Tomás"), labels.ID, tree(t, src, labels, "solution"))
	putExercise(t, class, "Victor", labels.ID, tree(t, src, labels, "start"))
	putExercise(t, class, "ana.garcia", labels.ID, tree(t, src, labels, "start"))
	if _, err := os.Stat(filepath.Join(class, norm.NFD.String("Tomás"))); err != nil {
		t.Skipf("this file system does not keep a decomposed name: %v", err)
	}
	gb := grade(t, class, Options{Course: c, Source: src, Lang: "en"})
	out := render(t, gb, "table", WriterOptions{})
	want := "student     1  2  total\n" +
		"ana.garcia  -  0    0/5\n" +
		"Tomás       -  3    3/5\n" +
		"Victor      -  0    0/5\n"
	if !strings.Contains(out, want) {
		t.Errorf("table grid:\n%s\nwant\n%s", out, want)
	}
	for _, typed := range []string{norm.NFC.String("Tomás"), norm.NFD.String("Tomás")} {
		gb := grade(t, class, Options{Course: c, Source: src, Students: []string{typed}})
		if len(gb.Students) != 1 || gb.Students[0].Score != 3 {
			t.Errorf("--student %q: %+v", []byte(typed), gb.Students)
		}
	}
}

// TestTableFits80: a course with thirty exercises and long names pages the
// grid so that no line of the table is wider than 80 columns, and every
// exercise and total is still there.
func TestTableFits80(t *testing.T) {
	gb := &Gradebook{}
	for i := range 30 {
		ex := &course.Exercise{ID: fmt.Sprintf("exercise-with-a-long-id-%02d", i), Checks: []course.Check{{ID: "c", Points: 10}}}
		gb.Exercises = append(gb.Exercises, ex)
		gb.Max += 10
	}
	for _, name := range []string{"Maximiliano Alejandro de la Fuente Rodríguez", "李小龍 和 王小明 的 作業 資料夾 名稱 很 長", "bo"} {
		s := Student{Name: name, Max: gb.Max}
		for i, ex := range gb.Exercises {
			s.Exercises = append(s.Exercises, unscored(ex, StatusGraded, msg.Text{}))
			s.Exercises[i].Score = i % 11
			s.Score += i % 11
		}
		gb.Students = append(gb.Students, s)
	}
	gb.Summary = summarize(gb)
	out := render(t, gb, "table", WriterOptions{})
	for i, line := range strings.Split(out, "\n") {
		if w := textWidth(line); w > tableWidth {
			t.Errorf("line %d is %d columns wide: %q", i+1, w, line)
		}
	}
	if n := strings.Count(out, "bo  "); n < 2 {
		t.Errorf("the grid is not paged (bo's row appears %d times):\n%s", n, out)
	}
	if !strings.Contains(out, "  30    total\n") || !strings.Contains(out, "138/300\n") {
		t.Errorf("the last block lacks exercise 30 or the totals:\n%s", out)
	}
}

// TestFeedbackIndex: a student named like the index keeps their own file,
// and the index links every student to theirs.
func TestFeedbackIndex(t *testing.T) {
	ss := []Student{{Name: "index"}, {Name: "Ana: García"}, {Name: "INDEX"}}
	names := FeedbackNames(ss)
	if want := []string{"index-2.md", "Ana_ García.md", "INDEX-3.md"}; !slices.Equal(names, want) {
		t.Errorf("FeedbackNames = %q, want %q", names, want)
	}
	gb := &Gradebook{Students: ss}
	idx := string(feedbackIndex(printer(t, "en"), gb, names))
	for _, want := range []string{"| index | 0/0 | [index-2.md](./index-2.md) |", "| Ana: García | 0/0 | [Ana\\_ García.md](./Ana_%20Garc%C3%ADa.md) |"} {
		if !strings.Contains(idx, want) {
			t.Errorf("index lacks %q:\n%s", want, idx)
		}
	}
}
