package tui

import (
	"path/filepath"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/iactutor/iactutor/exercises"
	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/lessons"
)

// BenchmarkFirstFrame is the work between process start and the first
// frame: loading the embedded course and progress, and drawing home.
func BenchmarkFirstFrame(b *testing.B) {
	ws := filepath.Join(b.TempDir(), "ws")
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	p := testPrinter(b, "en")
	for b.Loop() {
		src := course.Source{FS: course.Router{Lessons: lessons.FS, Exercises: exercises.FS}}
		c, _ := course.Load(src)
		m, err := New(Options{Course: c, Source: src, Workspace: ws, Printer: p, Renderer: r})
		if err != nil {
			b.Fatal(err)
		}
		_ = m.View()
	}
}
