package course

import (
	"strings"

	"github.com/iactutor/iactutor/internal/msg"
)

// ModuleItem is one item of the module's checklist ("explain IaC", "read a
// Deployment manifest", …), proven by lessons read, checkpoint questions
// answered right and exercises passed.
type ModuleItem struct {
	ID        string   `yaml:"id"`
	Title     Text     `yaml:"title"`
	Lessons   []string `yaml:"lessons"`
	Questions []string `yaml:"questions"` // "lesson-id/question-id"
	Exercises []string `yaml:"exercises"`
	Line      int      `yaml:"-"`
}

// Module is lessons/module.yaml.
type Module struct {
	Items []ModuleItem `yaml:"items"`
}

// ModuleFile is where the checklist lives.
const ModuleFile = "lessons/module.yaml"

func (l *loader) module() *Module {
	b, ok := l.readFile(ModuleFile)
	if !ok {
		return nil
	}
	m := &Module{}
	doc, ok := l.decodeStrict(ModuleFile, b, m)
	if !ok {
		return nil
	}
	lines := itemLines(doc, "items")
	for i := range m.Items {
		if i < len(lines) {
			m.Items[i].Line = lines[i]
		}
	}
	return m
}

// Progress is what the checklist needs to know about a learner.
type Progress interface {
	QuestionCorrect(lesson, question string) bool
	ExercisePassed(id string) bool
}

// Done reports whether every question and exercise of the item is proven.
func (it ModuleItem) Done(p Progress) bool {
	for _, q := range it.Questions {
		les, qid, _ := strings.Cut(q, "/")
		if !p.QuestionCorrect(les, qid) {
			return false
		}
	}
	for _, e := range it.Exercises {
		if !p.ExercisePassed(e) {
			return false
		}
	}
	return true
}

// validateModule checks that the checklist names things that exist.
func (v *loader) validateModule(c *Course) {
	if c.Module == nil {
		v.fail(ModuleFile, 0, "course.no-module", msg.Args{"File": ModuleFile})
		return
	}
	seen := map[string]bool{}
	for _, it := range c.Module.Items {
		name := msg.New("course.name.item", msg.Args{"Item": it.ID})
		if it.ID == "" || seen[it.ID] {
			v.fail(ModuleFile, it.Line, "course.item-no-unique-id", msg.Args{"Name": name})
		}
		seen[it.ID] = true
		v.text(ModuleFile, it.Line, msg.New("course.name.item-title", msg.Args{"Name": name}), it.Title)
		if len(it.Questions)+len(it.Exercises) == 0 {
			v.fail(ModuleFile, it.Line, "course.item-proven-by-nothing", msg.Args{"Name": name})
		}
		for _, l := range it.Lessons {
			if _, ok := c.Lesson(l); !ok {
				v.fail(ModuleFile, it.Line, "course.names-unknown-lesson", msg.Args{"Name": name, "Lesson": l})
			}
		}
		for _, q := range it.Questions {
			les, qid, ok := strings.Cut(q, "/")
			l, found := c.Lesson(les)
			if !ok || !found || l.Checkpoint == nil || !hasQuestion(l.Checkpoint, qid) {
				v.fail(ModuleFile, it.Line, "course.item-unknown-question", msg.Args{"Name": name, "Question": q})
			}
		}
		for _, e := range it.Exercises {
			if _, ok := c.Exercise(e); !ok {
				v.fail(ModuleFile, it.Line, "course.item-unknown-exercise", msg.Args{"Name": name, "Exercise": e})
			}
		}
	}
}

func hasQuestion(cp *Checkpoint, id string) bool {
	for _, q := range cp.Questions {
		if q.ID == id {
			return true
		}
	}
	return false
}
