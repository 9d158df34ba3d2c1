package course

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/suggest"
)

// MinQuestions is the smallest checkpoint a lesson may have.
const MinQuestions = 6

// MinHints is how many hint tiers every exercise needs: a nudge, then a
// pointed hint.
const MinHints = 2

// ValidateOptions supplies what the content model cannot know by itself.
type ValidateOptions struct {
	// KnownRule reports whether a rule ID exists, to check the warning rule
	// lists of validator checks; nil accepts any ID.
	KnownRule func(id string) bool
	// RequireModule makes a missing module checklist an error.
	RequireModule bool
	// RequireGlossary makes a missing glossary an error.
	RequireGlossary bool
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Validate checks the structure of a loaded course: unique IDs, lessons that
// exist, well-formed questions with exactly the right answers, complete
// translations, exercise files present in start/ and solution/ and nothing
// else there. Grading start/ and solution/ is the grader's job.
func Validate(c *Course, src Source, opt ValidateOptions) diag.Diagnostics {
	v := &loader{src: src}
	lessonIDs := map[string]bool{}
	var ids []string
	for _, les := range c.Lessons {
		if lessonIDs[les.ID] {
			v.errorf(les.Dir, 0, "lesson id %q is used by two folders", les.ID)
		}
		lessonIDs[les.ID] = true
		ids = append(ids, les.ID)
		for _, lang := range Languages {
			name := path.Join(les.Dir, "lesson.md")
			if lang != DefaultLang {
				name = path.Join(les.Dir, "lesson."+lang+".md")
			}
			switch {
			case les.Body[lang] == "":
				v.errorf(name, 0, "missing translation: lesson %s has no %s", les.ID, path.Base(name))
			case les.Title[lang] == "":
				v.errorf(name, 1, "lesson %s has no title: start the file with a \"# \" heading", les.ID)
			}
		}
		if les.Checkpoint == nil {
			if _, err := fs.Stat(src.FS, path.Join(les.Dir, "checkpoint.yaml")); err != nil {
				v.errorf(les.Dir, 0, "lesson %s has no checkpoint.yaml", les.ID)
			}
			continue
		}
		v.validateCheckpoint(les.Checkpoint)
	}
	exIDs := map[string]bool{}
	for _, ex := range c.Exercises {
		v.exercise(ex, lessonIDs, ids, exIDs, opt)
	}
	if opt.RequireModule || c.Module != nil {
		v.validateModule(c)
	}
	if opt.RequireGlossary || c.Glossary != nil {
		v.validateGlossary(c)
	}
	v.ds.Sort()
	return v.ds
}

func (v *loader) text(file string, line int, what string, t Text) {
	for _, lang := range t.Missing() {
		if lang == DefaultLang {
			v.errorf(file, line, "%s is empty", what)
		} else {
			v.errorf(file, line, "missing translation: %s has no %q text", what, lang)
		}
	}
}

func (v *loader) validateCheckpoint(cp *Checkpoint) {
	f := cp.File
	if len(cp.Questions) < MinQuestions {
		v.errorf(f, 1, "a checkpoint needs at least %d questions, this one has %d", MinQuestions, len(cp.Questions))
	}
	seen := map[string]bool{}
	for i, q := range cp.Questions {
		ln := q.Line
		name := fmt.Sprintf("question %d", i+1)
		if q.ID == "" {
			v.errorf(f, ln, "%s has no id", name)
		} else {
			name = fmt.Sprintf("question %q", q.ID)
			if seen[q.ID] {
				v.errorf(f, ln, "%s appears twice in this checkpoint", name)
			}
			seen[q.ID] = true
		}
		v.text(f, ln, name+" prompt", q.Prompt)
		v.text(f, ln, name+" explanation", q.Explanation)
		v.question(f, ln, name, q)
	}
}

func (v *loader) question(f string, ln int, name string, q Question) {
	has := map[string]bool{
		"choices": len(q.Choices) > 0, "answer": q.Answer != nil, "answers": len(q.Answers) > 0,
		"truth": q.Truth != nil, "steps": len(q.Steps) > 0, "command": q.Command != "" || len(q.Accept) > 0,
	}
	allowed := map[QuestionKind][]string{
		Single:    {"choices", "answer"},
		Multiple:  {"choices", "answers"},
		TrueFalse: {"truth"},
		Order:     {"steps"},
		Command:   {"command"},
	}
	fields, ok := allowed[q.Kind]
	if !ok {
		kinds := make([]string, len(QuestionKinds))
		for i, k := range QuestionKinds {
			kinds[i] = string(k)
		}
		hint := ""
		if s := suggest.Nearest(string(q.Kind), kinds); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		v.errorf(f, ln, "%s has kind %q%s; the kinds are %s", name, q.Kind, hint, strings.Join(kinds, ", "))
		return
	}
	for _, k := range []string{"choices", "answer", "answers", "truth", "steps", "command"} {
		if has[k] && !slices.Contains(fields, k) {
			v.errorf(f, ln, "%s is of kind %s, which does not use %q", name, q.Kind, k)
		}
	}
	for i, c := range q.Choices {
		v.text(f, ln, fmt.Sprintf("%s choice %d", name, i+1), c)
	}
	for i, s := range q.Steps {
		v.text(f, ln, fmt.Sprintf("%s step %d", name, i+1), s)
	}
	switch q.Kind {
	case Single:
		if len(q.Choices) < 2 {
			v.errorf(f, ln, "%s needs at least two choices", name)
		}
		if q.Answer == nil {
			v.errorf(f, ln, "%s needs an answer: the index (from 0) of the right choice", name)
		} else if *q.Answer < 0 || *q.Answer >= len(q.Choices) {
			v.errorf(f, ln, "%s has answer %d, but its choices are numbered 0 to %d", name, *q.Answer, len(q.Choices)-1)
		}
	case Multiple:
		if len(q.Choices) < 3 {
			v.errorf(f, ln, "%s needs at least three choices", name)
		}
		if len(q.Answers) == 0 {
			v.errorf(f, ln, "%s needs answers: the indexes (from 0) of every right choice", name)
		}
		seen := map[int]bool{}
		for _, a := range q.Answers {
			if a < 0 || a >= len(q.Choices) {
				v.errorf(f, ln, "%s has answer %d, but its choices are numbered 0 to %d", name, a, len(q.Choices)-1)
			}
			if seen[a] {
				v.errorf(f, ln, "%s lists answer %d twice", name, a)
			}
			seen[a] = true
		}
		if len(q.Answers) > 0 && len(q.Answers) == len(q.Choices) {
			v.errorf(f, ln, "%s marks every choice as right; include at least one wrong choice", name)
		}
	case TrueFalse:
		if q.Truth == nil {
			v.errorf(f, ln, "%s needs truth: true or false", name)
		}
	case Order:
		if len(q.Steps) < 3 {
			v.errorf(f, ln, "%s needs at least three steps, written in the right order", name)
		}
	case Command:
		if strings.TrimSpace(q.Command) == "" {
			v.errorf(f, ln, "%s needs the command that answers it", name)
		}
	}
}

func (v *loader) exercise(ex *Exercise, lessonIDs map[string]bool, lessonList []string, exIDs map[string]bool, opt ValidateOptions) {
	f := path.Join(ex.Dir, "exercise.yaml")
	switch {
	case ex.ID == "":
		v.errorf(f, 1, "exercise has no id")
	case !idRE.MatchString(ex.ID):
		v.errorf(f, 1, "exercise id %q must be lower-case letters, digits and dashes", ex.ID)
	case exIDs[ex.ID]:
		v.errorf(f, 1, "exercise id %q is used twice", ex.ID)
	}
	exIDs[ex.ID] = true
	if !lessonIDs[ex.Lesson] {
		hint := ""
		if s := suggest.Nearest(ex.Lesson, lessonList); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		v.errorf(f, 1, "exercise %s names lesson %q, which does not exist%s", ex.ID, ex.Lesson, hint)
	}
	v.text(f, 1, "title", ex.Title)
	for _, lang := range Languages {
		if ex.Task[lang] == "" {
			name := "task.md"
			if lang != DefaultLang {
				name = "task." + lang + ".md"
			}
			v.errorf(path.Join(ex.Dir, name), 0, "missing translation: exercise %s has no %s", ex.ID, name)
		}
	}
	if len(ex.Topics) == 0 {
		v.errorf(f, 1, "exercise %s lists no topics", ex.ID)
	}
	if ex.Difficulty < 1 || ex.Difficulty > 3 {
		v.errorf(f, 1, "exercise %s has difficulty %d; use 1 (gentle), 2 or 3 (hard)", ex.ID, ex.Difficulty)
	}
	if len(ex.Hints) < MinHints {
		v.errorf(f, 1, "exercise %s needs at least %d hints (a nudge, then a pointed hint), it has %d", ex.ID, MinHints, len(ex.Hints))
	}
	for i, h := range ex.Hints {
		v.text(f, 1, fmt.Sprintf("hint %d", i+1), h)
	}
	v.exerciseFiles(ex)
	if len(ex.Checks) == 0 {
		v.errorf(f, 1, "exercise %s has no checks", ex.ID)
	}
	seen := map[string]bool{}
	for i, c := range ex.Checks {
		ln := 1
		if i < len(ex.CheckLines) {
			ln = ex.CheckLines[i]
		}
		name := fmt.Sprintf("check %q", c.ID)
		if c.ID == "" {
			v.errorf(f, ln, "check %d has no id", i+1)
		} else if seen[c.ID] {
			v.errorf(f, ln, "%s appears twice", name)
		}
		seen[c.ID] = true
		if c.Points <= 0 {
			v.errorf(f, ln, "%s must be worth at least 1 point", name)
		}
		if (c.Validators == nil) == (c.Expect == "") {
			v.errorf(f, ln, "%s must have exactly one of validators or expect", name)
		}
		if c.Validators != nil && opt.KnownRule != nil {
			for _, r := range c.Validators.Warnings {
				if !opt.KnownRule(r) {
					v.errorf(f, ln, "%s names rule %q, which does not exist (see `iactutor rules`)", name, r)
				}
			}
		}
		v.text(f, ln, name+" message", c.Message)
	}
}

// exerciseFiles checks that start/ and solution/ hold exactly the editable
// files.
func (v *loader) exerciseFiles(ex *Exercise) {
	f := path.Join(ex.Dir, "exercise.yaml")
	if len(ex.Files) == 0 {
		v.errorf(f, 1, "exercise %s lists no editable files", ex.ID)
	}
	want := map[string]bool{}
	for _, name := range ex.Files {
		clean := path.Clean(name)
		if clean != name || path.IsAbs(name) || strings.HasPrefix(clean, "..") {
			v.errorf(f, 1, "file %q must be a plain relative path inside the exercise", name)
			continue
		}
		want[name] = true
	}
	for _, tree := range []string{"start", "solution"} {
		root := path.Join(ex.Dir, tree)
		found := map[string]bool{}
		err := fs.WalkDir(v.src.FS, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel := strings.TrimPrefix(p, root+"/")
			found[rel] = true
			if !want[rel] {
				v.errorf(p, 0, "stray file: %s is not listed in files of exercise %s", rel, ex.ID)
			}
			return nil
		})
		if err != nil {
			v.errorf(root, 0, "exercise %s has no %s/ folder", ex.ID, tree)
			continue
		}
		for _, name := range ex.Files {
			if want[name] && !found[name] {
				v.errorf(f, 1, "exercise %s lists %s, but %s/%s does not exist", ex.ID, name, tree, name)
			}
		}
	}
}
