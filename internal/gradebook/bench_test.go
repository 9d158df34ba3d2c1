package gradebook

import (
	"context"
	"fmt"
	"io"
	"testing"
)

// BenchmarkGradeClass grades 20 students × every built-in exercise, half
// from solution/ and half from start/. "distinct" appends a comment naming
// the student to every file, so no two submissions are alike and every one
// is graded; "copies" leaves them byte-identical, as untouched start files
// are in a real class, so each distinct submission is graded once.
func BenchmarkGradeClass(b *testing.B) {
	c, src := embeddedCourse(b)
	for _, distinct := range []bool{false, true} {
		name := "copies"
		if distinct {
			name = "distinct"
		}
		p := printer(b, "en")
		b.Run(name, func(b *testing.B) {
			class := b.TempDir()
			files := 0
			for k := range 20 {
				student := fmt.Sprintf("student%02d", k)
				for _, ex := range c.Exercises {
					which := "start"
					if k%2 == 0 {
						which = "solution"
					}
					fs := tree(b, src, ex, which)
					if distinct {
						for n, data := range fs {
							fs[n] = append(append([]byte{}, data...), fmt.Sprintf("# %s\n", student)...)
						}
					}
					files += len(fs)
					putExercise(b, class, student, ex.ID, fs)
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				gb, err := Grade(context.Background(), class, Options{Course: c, Source: src})
				if err != nil {
					b.Fatal(err)
				}
				if err := (jsonWriter{w: io.Discard, p: p}).Write(gb); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
