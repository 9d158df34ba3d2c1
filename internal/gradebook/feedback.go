package gradebook

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// feedbackWriter writes one Markdown file per student into a folder: their
// total, every exercise, every failed check with the problems that explain it
// quoted from their own files, and the exercise's first hint.
type feedbackWriter struct{ dir string }

// NewFeedback returns the writer of per-student feedback files in dir. It
// works with any --format, next to it.
func NewFeedback(dir string) Writer { return feedbackWriter{dir: dir} }

type feedbackWords struct {
	title, total, points, passed, missing, errored, unchanged, hint, seeAbove, problems string
}

var feedbackText = map[string]feedbackWords{
	"en": {
		title:     "Feedback for %s",
		total:     "Total: %d of %d points.",
		points:    "%d of %d points.",
		passed:    "Every check passes. Well done.",
		missing:   "Not submitted: there was no folder `%s`.",
		errored:   "This exercise could not be graded: %s.",
		unchanged: "The files are still the start files, so nothing scores yet.",
		hint:      "Hint",
		seeAbove:  "The problems shown above explain this one too.",
		problems:  "No precise position is known; read the check's message and the task again.",
	},
	"es": {
		title:     "Devolución para %s",
		total:     "Total: %d de %d puntos.",
		points:    "%d de %d puntos.",
		passed:    "Pasa todas las comprobaciones. ¡Bien hecho!",
		missing:   "Sin entregar: no había una carpeta `%s`.",
		errored:   "Este ejercicio no pudo corregirse: %s.",
		unchanged: "Los archivos siguen siendo los de partida, así que todavía no suman puntos.",
		hint:      "Pista",
		seeAbove:  "Los problemas de arriba explican también este.",
		problems:  "No se conoce una posición precisa; vuelve a leer el mensaje de la comprobación y la tarea.",
	},
}

func (fw feedbackWriter) Write(gb *Gradebook) error {
	t, ok := feedbackText[gb.Lang]
	if !ok {
		t = feedbackText["en"]
	}
	if err := os.MkdirAll(fw.dir, 0o755); err != nil {
		return fmt.Errorf("writing feedback: %w", err)
	}
	names := FileNames(gb.Students)
	for i, s := range gb.Students {
		data := feedback(gb, s, t)
		if err := writeFile(filepath.Join(fw.dir, names[i]+".md"), data); err != nil {
			return fmt.Errorf("writing feedback: %w", err)
		}
	}
	return nil
}

func feedback(gb *Gradebook, s Student, t feedbackWords) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", fmt.Sprintf(t.title, mdEscape(s.Name)))
	fmt.Fprintf(&b, "%s\n", fmt.Sprintf(t.total, s.Score, s.Max))
	for _, er := range s.Exercises {
		ex := er.Exercise
		fmt.Fprintf(&b, "\n## %s — %s\n\n", ex.ID, oneLine(ex.Title.In(gb.Lang)))
		fmt.Fprintf(&b, "%s", fmt.Sprintf(t.points, er.Score, er.Max))
		switch {
		case er.Status == StatusMissing:
			fmt.Fprintf(&b, " %s\n", fmt.Sprintf(t.missing, ex.ID))
		case er.Status == StatusError:
			fmt.Fprintf(&b, " %s\n", fmt.Sprintf(t.errored, mdEscape(oneLine(er.Error))))
		case er.Passed:
			fmt.Fprintf(&b, " %s\n", t.passed)
			continue
		default:
			b.WriteString("\n")
			if er.Unchanged {
				fmt.Fprintf(&b, "\n%s\n", t.unchanged)
			}
		}
		if len(er.Checks) > 0 {
			b.WriteString("\n")
		}
		for _, c := range er.Checks {
			box := " "
			if c.Passed {
				box = "x"
			}
			fmt.Fprintf(&b, "- [%s] %s (%d/%d)\n", box, oneLine(c.Message), c.Points, c.Max)
		}
		if er.Status == StatusGraded {
			writeFailures(&b, gb.Printer, er, t)
		}
		if len(ex.Hints) > 0 {
			if h := strings.TrimSpace(diag.Sanitize(ex.Hints[0].In(gb.Lang))); h != "" {
				fmt.Fprintf(&b, "\n**%s:** %s\n", t.hint, h)
			}
		}
	}
	return b.Bytes()
}

// writeFailures quotes, for every failed check, the diagnostics that explain
// it, rendered with the student's own lines. A diagnostic that explains
// several checks is shown once.
func writeFailures(b *bytes.Buffer, p *msg.Printer, er ExerciseResult, t feedbackWords) {
	shown := map[int]bool{}
	for ci, c := range er.Checks {
		if c.Passed {
			continue
		}
		fmt.Fprintf(b, "\n### %s\n\n", oneLine(c.Message))
		var fresh diag.Diagnostics
		seen := 0
		for _, d := range er.Explaining(ci) {
			k := diagKey(er.Diagnostics, d)
			if shown[k] {
				seen++
				continue
			}
			shown[k] = true
			fresh = append(fresh, d)
		}
		switch {
		case len(fresh) > 0:
			var text bytes.Buffer
			_ = diag.WriteText(&text, fresh, diag.TextOptions{Printer: p, Source: func(name string) []byte { return er.Sources[name] }})
			fence := strings.Repeat("`", max(3, longestRun(text.String(), '`')+1))
			fmt.Fprintf(b, "%stext\n%s\n%s\n", fence, strings.TrimRight(text.String(), "\n"), fence)
		case seen > 0:
			fmt.Fprintf(b, "%s\n", t.seeAbove)
		default:
			fmt.Fprintf(b, "%s\n", t.problems)
		}
	}
}

// diagKey identifies a diagnostic by its first position in the list, so that
// equal diagnostics reached through different checks are shown once.
func diagKey(ds diag.Diagnostics, d diag.Diagnostic) int {
	for i, x := range ds {
		if diag.Compare(x, d) == 0 {
			return i
		}
	}
	return -1
}

// longestRun is the longest run of c in s, to pick a code fence the quoted
// text cannot close.
func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// mdEscape keeps text from a student's folder (or a message quoting it) from
// being read as Markdown or HTML markup.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
