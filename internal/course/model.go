// Package course is the content model — lessons, checkpoints, exercises and
// the glossary — and its loader from any fs.FS, so the embedded course and a
// course author's folder go through exactly the same code.
package course

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/iactutor/iactutor/internal/msg"
)

// DefaultLang is the language every text must have, and the one a missing
// translation falls back to: the message catalog's default.
const DefaultLang = msg.Default

// Text is a piece of learner-facing text by language. In YAML it is either a
// plain string (the default language) or a mapping such as
// {en: "...", es: "..."}; any language code may appear.
type Text map[string]string

// In returns the text in lang, or the default language's when lang is
// missing.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t[DefaultLang]
}

// Missing lists the languages of langs this text lacks.
func (t Text) Missing(langs []string) []string {
	var out []string
	for _, l := range langs {
		if strings.TrimSpace(t[l]) == "" {
			out = append(out, l)
		}
	}
	return out
}

// Extra lists, sorted, the languages this text has beyond langs: a typo in
// a language code, or a language the catalog cannot show.
func (t Text) Extra(langs []string) []string {
	var out []string
	for _, l := range slices.Sorted(maps.Keys(t)) {
		if !slices.Contains(langs, l) {
			out = append(out, l)
		}
	}
	return out
}

// Languages lists, sorted, the languages this text has.
func (t Text) Languages() []string {
	var out []string
	for _, l := range slices.Sorted(maps.Keys(t)) {
		if t[l] != "" {
			out = append(out, l)
		}
	}
	return out
}

// isLangCode reports whether s is a language code as the catalog's file
// names use them: a tag in its canonical spelling ("es", "pt-BR", "qaa").
func isLangCode(s string) bool {
	tag, err := language.Parse(s)
	return err == nil && tag.String() == s
}

// textError is a text in a course file that cannot be read, at its line;
// the loader shows its message in the author's language.
type textError struct {
	line    int
	message msg.Text
}

func (e *textError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.message.Key) }

// UnmarshalYAML accepts a scalar (the default language) or a mapping of
// language codes to text. Which languages the course must have is decided
// by validation, which knows the catalog.
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*t = Text{DefaultLang: n.Value}
		return nil
	case yaml.MappingNode:
		m := Text{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if !isLangCode(k.Value) {
				return &textError{k.Line, msg.New("course.text-not-language", msg.Args{"Lang": k.Value})}
			}
			if v.Kind != yaml.ScalarNode {
				return &textError{v.Line, msg.New("course.text-not-string", msg.Args{"Lang": k.Value})}
			}
			m[k.Value] = v.Value
		}
		*t = m
		return nil
	}
	return &textError{n.Line, msg.New("course.text-shape", nil)}
}

// Course is everything a learner can study.
type Course struct {
	Lessons   []*Lesson
	Exercises []*Exercise
	// Module is the module checklist; nil when the course has none.
	Module *Module
	// Glossary is nil when the course has none.
	Glossary *Glossary
}

// Lesson is one folder under lessons/: NN-slug with lesson.md (the default
// language), lesson.LANG.md for each other language, and checkpoint.yaml.
type Lesson struct {
	// ID is the folder name without its number prefix.
	ID string
	// Order is the folder's number prefix.
	Order int
	// Dir is the folder inside the lessons tree.
	Dir string
	// Title is the first heading of each language's Markdown.
	Title Text
	// Body is the Markdown by language.
	Body Text
	// Checkpoint is nil when the lesson has none.
	Checkpoint *Checkpoint
}

// Languages lists, sorted, the languages the lesson body exists in.
func (l *Lesson) Languages() []string { return l.Body.Languages() }

// QuestionKind names how a question is answered.
type QuestionKind string

// The question kinds a checkpoint can hold.
const (
	Single    QuestionKind = "single"    // one right choice
	Multiple  QuestionKind = "multiple"  // every right choice, no wrong one
	TrueFalse QuestionKind = "truefalse" // true or false
	Order     QuestionKind = "order"     // put steps in order
	Command   QuestionKind = "command"   // type a kubectl or terraform command
)

// QuestionKinds lists every kind, for validation messages.
func QuestionKinds() []QuestionKind {
	return []QuestionKind{Single, Multiple, TrueFalse, Order, Command}
}

// Checkpoint is the quiz at the end of a lesson.
type Checkpoint struct {
	// File is the checkpoint file's path inside the lessons tree.
	File      string     `yaml:"-"`
	Questions []Question `yaml:"questions"`
}

// Question is one checkpoint question. Which fields matter depends on Kind:
// single uses Choices and Answer (an index), multiple uses Choices and
// Answers, truefalse uses Truth, order uses Steps (written in the right
// order), command uses Command and optional Accept alternatives.
type Question struct {
	ID          string       `yaml:"id"`
	Kind        QuestionKind `yaml:"kind"`
	Prompt      Text         `yaml:"prompt"`
	Choices     []Text       `yaml:"choices,omitempty"`
	Answer      *int         `yaml:"answer,omitempty"`
	Answers     []int        `yaml:"answers,omitempty"`
	Truth       *bool        `yaml:"truth,omitempty"`
	Steps       []Text       `yaml:"steps,omitempty"`
	Command     string       `yaml:"command,omitempty"`
	Accept      []string     `yaml:"accept,omitempty"`
	Explanation Text         `yaml:"explanation"`
	// Was is "lesson-id/question-id" when the question moved from another
	// lesson's checkpoint, so a learner's earlier answer follows it.
	Was string `yaml:"was,omitempty"`
	// Line is where the question starts in its file.
	Line int `yaml:"-"`
}

// Track is the technology an exercise belongs to; it is the exercise's
// parent folder.
type Track string

// The two tracks.
const (
	Kubernetes Track = "kubernetes"
	Terraform  Track = "terraform"
)

// Exercise is one folder under exercises/<track>/NN-slug.
type Exercise struct {
	ID         string   `yaml:"id"`
	Lesson     string   `yaml:"lesson"`
	Title      Text     `yaml:"title"`
	Kind       string   `yaml:"kind"`
	Difficulty int      `yaml:"difficulty"`
	Topics     []string `yaml:"topics"`
	// Files are the editable files, relative to start/ and solution/. An
	// entry ending in "/" is a folder: every .yaml/.yml file directly in it
	// counts, as `kubectl apply -f k8s/` takes them, so a learner who splits
	// a file keeps their points.
	Files []string `yaml:"files"`
	// Free lists the model paths the task lets the learner change. Every
	// other value the solution keeps from the start must stay as it was;
	// a path frees everything under it ("Deployment/api spec.replicas",
	// "resource.aws_ecs_service.api.desired_count").
	Free []string `yaml:"free,omitempty"`
	// Production makes the Terraform state rules errors for this exercise.
	Production bool    `yaml:"production,omitempty"`
	Hints      []Text  `yaml:"hints"`
	Checks     []Check `yaml:"checks"`

	// Track, Order and Dir come from the folder, not the file.
	Track Track  `yaml:"-"`
	Order int    `yaml:"-"`
	Dir   string `yaml:"-"`
	// Task is task.md (the default language) and task.LANG.md by language.
	Task Text `yaml:"-"`
	// Line records where each check starts in exercise.yaml, by index.
	CheckLines []int `yaml:"-"`
	// ExpectLines records where each check's expect expression starts (0
	// for validator checks), so a CEL error points at the expression.
	ExpectLines []int `yaml:"-"`
	// StartFiles and SolutionFiles hold the two trees by file name (folders
	// expanded), read once at load: grading compares a submission with
	// them to know what the task keeps and what the solution holds. Nil
	// when the exercise was built by hand.
	StartFiles    map[string][]byte `yaml:"-"`
	SolutionFiles map[string][]byte `yaml:"-"`
}

// IsFolder reports whether an entry of Files names a folder.
func IsFolder(name string) bool { return strings.HasSuffix(name, "/") }

// InFolder reports whether file (relative to the tree) is one a folder
// entry takes: a manifest (.yaml, .yml) or Terraform file (.tf, .tfvars)
// directly inside it, as kubectl apply -f and terraform read a folder. The
// exercise's own folder is written "./".
func InFolder(folder, file string) bool {
	dir := strings.TrimSuffix(folder, "/")
	if path.Dir(file) != dir {
		return false
	}
	switch path.Ext(file) {
	case ".yaml", ".yml", ".tf", ".tfvars":
		return true
	}
	return false
}

// EditableNames lists the exercise's editable files found under root in
// fsys, in the order of files: each named file as written, and for a
// folder entry the files it takes there, by name (a learner may split a capstone into files of
// their own). A folder that cannot be read stands as its own entry, so the
// caller reports it missing like a file.
func (e *Exercise) EditableNames(fsys fs.FS, root string) []string {
	var out []string
	for _, name := range e.Files {
		if !IsFolder(name) {
			out = append(out, name)
			continue
		}
		dir := strings.TrimSuffix(name, "/")
		entries, err := fs.ReadDir(fsys, path.Join(root, dir))
		if err != nil {
			out = append(out, name)
			continue
		}
		for _, en := range entries {
			if file := path.Join(dir, en.Name()); !en.IsDir() && InFolder(name, file) {
				out = append(out, file)
			}
		}
	}
	return out
}

// ReadTree reads the editable files of tree ("start" or "solution") by
// name, expanding folder entries into the files they take.
func (e *Exercise) ReadTree(fsys fs.FS, tree string) (map[string][]byte, error) {
	out := map[string][]byte{}
	root := path.Join(e.Dir, tree)
	for _, name := range e.EditableNames(fsys, root) {
		if IsFolder(name) {
			return out, fmt.Errorf("reading folder %s of %s: %w", name, tree, fs.ErrNotExist)
		}
		b, err := fs.ReadFile(fsys, path.Join(root, name))
		if err != nil {
			return out, fmt.Errorf("reading %s of %s: %w", name, tree, err)
		}
		out[name] = b
	}
	return out, nil
}

// Points is the most an exercise can score.
func (e *Exercise) Points() int {
	n := 0
	for _, c := range e.Checks {
		n += c.Points
	}
	return n
}

// Languages lists, sorted, the languages the task exists in.
func (e *Exercise) Languages() []string { return e.Task.Languages() }

// Check is one graded expectation of an exercise: either the validators
// pass, or a CEL expression over the loaded files is true.
type Check struct {
	ID      string `yaml:"id"`
	Points  int    `yaml:"points"`
	Message Text   `yaml:"message"`
	// Validators, when set, requires no error from the track's validators
	// on the editable files, and none of the listed warning rules.
	Validators *ValidatorsCheck `yaml:"validators,omitempty"`
	// Expect is a CEL expression that must evaluate to true.
	Expect string `yaml:"expect,omitempty"`
	// At names where a failed expectation points.
	At *Location `yaml:"at,omitempty"`
}

// ValidatorsCheck is the "no errors from the validators" check.
type ValidatorsCheck struct {
	// Warnings are rule IDs whose warnings must also be gone.
	Warnings []string `yaml:"warnings,omitempty"`
}

// Location is where a failed expect check points: a Kubernetes object by
// kind and name with a field path, or a Terraform path such as
// "resource.aws_ecs_service.api.desired_count".
type Location struct {
	File string `yaml:"file,omitempty"`
	Kind string `yaml:"kind,omitempty"`
	Name string `yaml:"name,omitempty"`
	Path string `yaml:"path,omitempty"`
}

// Lesson finds a lesson by ID.
func (c *Course) Lesson(id string) (*Lesson, bool) {
	for _, l := range c.Lessons {
		if l.ID == id {
			return l, true
		}
	}
	return nil, false
}

// Exercise finds an exercise by ID.
func (c *Course) Exercise(id string) (*Exercise, bool) {
	for _, e := range c.Exercises {
		if e.ID == id {
			return e, true
		}
	}
	return nil, false
}

// ExercisesOf lists a lesson's exercises in course order.
func (c *Course) ExercisesOf(lesson string) []*Exercise {
	var out []*Exercise
	for _, e := range c.Exercises {
		if e.Lesson == lesson {
			out = append(out, e)
		}
	}
	return out
}

var glossaryLink = regexp.MustCompile(`\[([^\]]+)\]\(glossary:([a-z0-9-]+)\)`)

// Markdown returns the lesson in lang with glossary links turned into plain
// words, ready for a Markdown renderer or a screen reader.
func (l *Lesson) Markdown(lang string) string {
	return glossaryLink.ReplaceAllString(l.Body.In(lang), "$1")
}

// GlossaryRefs lists the glossary IDs a lesson links to, in order of first
// appearance.
func (l *Lesson) GlossaryRefs() []string {
	var out []string
	for _, m := range glossaryLink.FindAllStringSubmatch(l.Body.In(DefaultLang), -1) {
		if !slices.Contains(out, m[2]) {
			out = append(out, m[2])
		}
	}
	return out
}
