package course

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// MinQuestions is the smallest checkpoint a lesson may have.
const MinQuestions = 6

// MinHints is how many hint tiers every exercise needs: a nudge, then a
// pointed hint.
const MinHints = 2

// ValidateOptions supplies what the content model cannot know by itself.
type ValidateOptions struct {
	// Languages are the languages every text must have: the message
	// catalog's, so the course speaks every language the program does.
	// Empty requires only the default language.
	Languages []string
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
	v := &loader{src: src, langs: opt.Languages}
	if len(v.langs) == 0 {
		v.langs = []string{DefaultLang}
	}
	lessonIDs := map[string]bool{}
	var ids []string
	for _, les := range c.Lessons {
		if lessonIDs[les.ID] {
			v.fail(les.Dir, 0, "course.lesson-id-twice", msg.Args{"Lesson": les.ID})
		}
		lessonIDs[les.ID] = true
		ids = append(ids, les.ID)
		for _, lang := range v.langs {
			name := path.Join(les.Dir, langFile("lesson", lang))
			switch {
			case les.Body[lang] == "":
				v.fail(name, 0, "course.lesson-missing-translation", msg.Args{"Lesson": les.ID, "File": path.Base(name)})
			case les.Title[lang] == "":
				v.fail(name, 1, "course.lesson-no-title", msg.Args{"Lesson": les.ID})
			}
		}
		v.extraFiles(les.Dir, "lesson", les.Body)
		if les.Checkpoint == nil {
			if _, err := fs.Stat(src.FS, path.Join(les.Dir, "checkpoint.yaml")); err != nil {
				v.fail(les.Dir, 0, "course.lesson-no-checkpoint", msg.Args{"Lesson": les.ID})
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

// text checks that t is in every course language and in no other; what
// names the text in the messages ("question \"tf\" prompt").
func (v *loader) text(file string, line int, what msg.Text, t Text) {
	for _, lang := range t.Missing(v.langs) {
		if lang == DefaultLang {
			v.fail(file, line, "course.text-empty", msg.Args{"What": what})
		} else {
			v.fail(file, line, "course.text-missing-translation", msg.Args{"What": what, "Lang": lang})
		}
	}
	for _, lang := range t.Extra(v.langs) {
		v.fail(file, line, "course.text-unknown-language", msg.Args{"What": what, "Lang": lang, "Languages": strings.Join(v.langs, ", ")})
	}
}

// extraFiles reports translations of a content file in languages the
// course does not have, most likely a mistyped language code.
func (v *loader) extraFiles(dir, base string, t Text) {
	for _, lang := range t.Extra(v.langs) {
		name := langFile(base, lang)
		v.fail(path.Join(dir, name), 0, "course.file-unknown-language", msg.Args{"File": name, "Lang": lang, "Languages": strings.Join(v.langs, ", ")})
	}
}

func (v *loader) validateCheckpoint(cp *Checkpoint) {
	f := cp.File
	if len(cp.Questions) < MinQuestions {
		v.fail(f, 1, "course.checkpoint-too-few", msg.Args{"Min": MinQuestions, "Have": len(cp.Questions)})
	}
	seen := map[string]bool{}
	for i, q := range cp.Questions {
		ln := q.Line
		name := msg.New("course.name.question-n", msg.Args{"N": i + 1})
		if q.ID == "" {
			v.fail(f, ln, "course.question-no-id", msg.Args{"Name": name})
		} else {
			name = msg.New("course.name.question", msg.Args{"Question": q.ID})
			if seen[q.ID] {
				v.fail(f, ln, "course.question-twice", msg.Args{"Name": name})
			}
			seen[q.ID] = true
		}
		v.text(f, ln, msg.New("course.name.prompt", msg.Args{"Name": name}), q.Prompt)
		v.text(f, ln, msg.New("course.name.explanation", msg.Args{"Name": name}), q.Explanation)
		v.question(f, ln, name, q)
	}
}

func (v *loader) question(f string, ln int, name msg.Text, q Question) {
	if lesson, id, ok := strings.Cut(q.Was, "/"); q.Was != "" && (!ok || lesson == "" || id == "" || strings.Contains(id, "/")) {
		v.fail(f, ln, "course.question-bad-was", msg.Args{"Name": name, "Was": q.Was})
	}
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
		var kinds []string
		for _, k := range QuestionKinds() {
			kinds = append(kinds, string(k))
		}
		args := msg.Args{"Name": name, "Kind": string(q.Kind), "Kinds": strings.Join(kinds, ", ")}
		if s := suggest.Nearest(string(q.Kind), kinds); s != "" {
			args["Suggestion"] = s
			v.fail(f, ln, "course.question-bad-kind-suggest", args)
		} else {
			v.fail(f, ln, "course.question-bad-kind", args)
		}
		return
	}
	for _, k := range []string{"choices", "answer", "answers", "truth", "steps", "command"} {
		if has[k] && !slices.Contains(fields, k) {
			v.fail(f, ln, "course.question-unused-field", msg.Args{"Name": name, "Kind": string(q.Kind), "Field": k})
		}
	}
	for i, c := range q.Choices {
		v.text(f, ln, msg.New("course.name.choice", msg.Args{"Name": name, "N": i + 1}), c)
	}
	for i, s := range q.Steps {
		v.text(f, ln, msg.New("course.name.step", msg.Args{"Name": name, "N": i + 1}), s)
	}
	switch q.Kind {
	case Single:
		if len(q.Choices) < 2 {
			v.fail(f, ln, "course.single-few-choices", msg.Args{"Name": name})
		}
		if q.Answer == nil {
			v.fail(f, ln, "course.single-no-answer", msg.Args{"Name": name})
		} else if *q.Answer < 0 || *q.Answer >= len(q.Choices) {
			v.fail(f, ln, "course.answer-out-of-range", msg.Args{"Name": name, "Answer": *q.Answer, "Last": len(q.Choices) - 1})
		}
	case Multiple:
		if len(q.Choices) < 3 {
			v.fail(f, ln, "course.multiple-few-choices", msg.Args{"Name": name})
		}
		if len(q.Answers) == 0 {
			v.fail(f, ln, "course.multiple-no-answers", msg.Args{"Name": name})
		}
		seen := map[int]bool{}
		for _, a := range q.Answers {
			if a < 0 || a >= len(q.Choices) {
				v.fail(f, ln, "course.answer-out-of-range", msg.Args{"Name": name, "Answer": a, "Last": len(q.Choices) - 1})
			}
			if seen[a] {
				v.fail(f, ln, "course.answer-twice", msg.Args{"Name": name, "Answer": a})
			}
			seen[a] = true
		}
		if len(q.Answers) > 0 && len(q.Answers) == len(q.Choices) {
			v.fail(f, ln, "course.every-choice-right", msg.Args{"Name": name})
		}
	case TrueFalse:
		if q.Truth == nil {
			v.fail(f, ln, "course.truefalse-no-truth", msg.Args{"Name": name})
		}
	case Order:
		if len(q.Steps) < 3 {
			v.fail(f, ln, "course.order-few-steps", msg.Args{"Name": name})
		}
	case Command:
		if strings.TrimSpace(q.Command) == "" {
			v.fail(f, ln, "course.command-no-command", msg.Args{"Name": name})
		}
	}
}

func (v *loader) exercise(ex *Exercise, lessonIDs map[string]bool, lessonList []string, exIDs map[string]bool, opt ValidateOptions) {
	f := path.Join(ex.Dir, "exercise.yaml")
	switch {
	case ex.ID == "":
		v.fail(f, 1, "course.exercise-no-id", nil)
	case !idRE.MatchString(ex.ID):
		v.fail(f, 1, "course.exercise-bad-id", msg.Args{"Exercise": ex.ID})
	case exIDs[ex.ID]:
		v.fail(f, 1, "course.exercise-id-twice", msg.Args{"Exercise": ex.ID})
	}
	exIDs[ex.ID] = true
	if !lessonIDs[ex.Lesson] {
		args := msg.Args{"Exercise": ex.ID, "Lesson": ex.Lesson}
		if s := suggest.Nearest(ex.Lesson, lessonList); s != "" {
			args["Suggestion"] = s
			v.fail(f, 1, "course.exercise-unknown-lesson-suggest", args)
		} else {
			v.fail(f, 1, "course.exercise-unknown-lesson", args)
		}
	}
	v.text(f, 1, msg.New("course.name.title", nil), ex.Title)
	for _, lang := range v.langs {
		if ex.Task[lang] == "" {
			name := langFile("task", lang)
			v.fail(path.Join(ex.Dir, name), 0, "course.exercise-missing-translation", msg.Args{"Exercise": ex.ID, "File": name})
		}
	}
	v.extraFiles(ex.Dir, "task", ex.Task)
	if len(ex.Topics) == 0 {
		v.fail(f, 1, "course.exercise-no-topics", msg.Args{"Exercise": ex.ID})
	}
	if ex.Difficulty < 1 || ex.Difficulty > 3 {
		v.fail(f, 1, "course.exercise-difficulty", msg.Args{"Exercise": ex.ID, "Difficulty": ex.Difficulty})
	}
	if len(ex.Hints) < MinHints {
		v.fail(f, 1, "course.exercise-few-hints", msg.Args{"Exercise": ex.ID, "Min": MinHints, "Have": len(ex.Hints)})
	}
	for i, h := range ex.Hints {
		v.text(f, 1, msg.New("course.name.hint", msg.Args{"N": i + 1}), h)
	}
	v.exerciseFiles(ex)
	if len(ex.Checks) == 0 {
		v.fail(f, 1, "course.exercise-no-checks", msg.Args{"Exercise": ex.ID})
	}
	seen := map[string]bool{}
	for i, c := range ex.Checks {
		ln := 1
		if i < len(ex.CheckLines) {
			ln = ex.CheckLines[i]
		}
		name := msg.New("course.name.check", msg.Args{"Check": c.ID})
		if c.ID == "" {
			v.fail(f, ln, "course.check-no-id", msg.Args{"N": i + 1})
		} else if seen[c.ID] {
			v.fail(f, ln, "course.check-twice", msg.Args{"Name": name})
		}
		seen[c.ID] = true
		if c.Points <= 0 {
			v.fail(f, ln, "course.check-points", msg.Args{"Name": name})
		}
		if (c.Validators == nil) == (c.Expect == "") {
			v.fail(f, ln, "course.check-one-kind", msg.Args{"Name": name})
		}
		if c.Validators != nil && opt.KnownRule != nil {
			for _, r := range c.Validators.Warnings {
				if !opt.KnownRule(r) {
					v.fail(f, ln, "course.check-unknown-rule", msg.Args{"Name": name, "Rule": r})
				}
			}
		}
		v.text(f, ln, msg.New("course.name.message", msg.Args{"Name": name}), c.Message)
	}
}

// exerciseFiles checks that start/ and solution/ hold exactly the editable
// files.
func (v *loader) exerciseFiles(ex *Exercise) {
	f := path.Join(ex.Dir, "exercise.yaml")
	if len(ex.Files) == 0 {
		v.fail(f, 1, "course.exercise-no-files", msg.Args{"Exercise": ex.ID})
	}
	want := map[string]bool{}
	var folders []string
	for _, name := range ex.Files {
		bare := strings.TrimSuffix(name, "/")
		clean := path.Clean(bare)
		if clean != bare || bare == "" || path.IsAbs(name) || strings.HasPrefix(clean, "..") {
			v.fail(f, 1, "course.file-not-relative", msg.Args{"File": name})
			continue
		}
		if IsFolder(name) {
			folders = append(folders, name)
		}
		want[name] = true
	}
	wanted := func(rel string) bool {
		return want[rel] || slices.ContainsFunc(folders, func(d string) bool { return InFolder(d, rel) })
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
			for _, d := range folders {
				if InFolder(d, rel) {
					found[d] = true
				}
			}
			if !wanted(rel) {
				v.fail(p, 0, "course.stray-file", msg.Args{"File": rel, "Exercise": ex.ID})
			}
			return nil
		})
		if err != nil {
			v.fail(root, 0, "course.exercise-no-tree", msg.Args{"Exercise": ex.ID, "Tree": tree})
			continue
		}
		for _, name := range ex.Files {
			if want[name] && !found[name] {
				v.fail(f, 1, "course.exercise-file-missing", msg.Args{"Exercise": ex.ID, "File": name, "Tree": tree})
			}
		}
	}
}
