package grader

import (
	"testing"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/lessons"
)

// BenchmarkGradeCourse grades every solution of the built-in course once
// per iteration: the per-submission cost a gradebook pays.
func BenchmarkGradeCourse(b *testing.B) {
	src := course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}}
	c, _ := course.Load(src)
	g := New()
	var subs []Submission
	for _, ex := range c.Exercises {
		s, err := TreeSubmission(src, ex, "solution")
		if err != nil {
			b.Fatal(err)
		}
		subs = append(subs, s)
		g.Grade(ex, s)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, ex := range c.Exercises {
			g.Grade(ex, subs[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(subs)), "µs/submission")
}
