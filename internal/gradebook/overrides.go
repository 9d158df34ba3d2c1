package gradebook

import (
	"bytes"
	"errors"
	"io"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
)

// Override is an instructor's correction after review, read from the
// --overrides file: a check's points (all of them when Points is nil) or,
// without a check, the exercise's points. Note says why and is shown
// wherever the grade is.
type Override struct {
	Student  string `yaml:"student"`
	Exercise string `yaml:"exercise"`
	Check    string `yaml:"check"`
	Points   *int   `yaml:"points"`
	Note     string `yaml:"note"`
	// Line is where the entry starts in the file, for messages.
	Line int `yaml:"-"`
}

// Applied is an override as the gradebook records it: what the grader
// gave and what the instructor set.
type Applied struct {
	Check    string // empty for the whole exercise
	From, To int
	Note     string
}

// ReadOverrides reads an overrides file: a YAML list of entries with
// student, exercise, check or points, and a note. Every entry needs a note,
// since a grade changed without a reason cannot be explained to the
// student.
func ReadOverrides(path string) ([]Override, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, msg.Errorf("gradebook.overrides.read", msg.Args{"Path": path}, err)
	}
	var nodes []yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, msg.Errorf("gradebook.overrides.invalid", msg.Args{"Path": path}, err)
	}
	if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.SequenceNode {
		for _, n := range doc.Content[0].Content {
			nodes = append(nodes, *n)
		}
	} else if len(doc.Content) > 0 {
		return nil, msg.Errorf("gradebook.overrides.invalid", msg.Args{"Path": path}, errors.New("the file must be a list of entries"))
	}
	var out []Override
	for _, n := range nodes {
		var o Override
		if err := n.Decode(&o); err != nil {
			return nil, msg.Errorf("gradebook.overrides.invalid", msg.Args{"Path": path}, err)
		}
		o.Line = n.Line
		o.Student, o.Exercise, o.Check, o.Note = strings.TrimSpace(o.Student), strings.TrimSpace(o.Exercise), strings.TrimSpace(o.Check), strings.TrimSpace(o.Note)
		switch {
		case o.Student == "" || o.Exercise == "":
			return nil, msg.Errorf("gradebook.overrides.incomplete", msg.Args{"Path": path, "Line": o.Line}, nil)
		case o.Check == "" && o.Points == nil:
			return nil, msg.Errorf("gradebook.overrides.what", msg.Args{"Path": path, "Line": o.Line}, nil)
		case o.Note == "":
			return nil, msg.Errorf("gradebook.overrides.no-note", msg.Args{"Path": path, "Line": o.Line}, nil)
		}
		out = append(out, o)
	}
	return out, nil
}

// ApplyOverrides changes the gradebook as the overrides say and recomputes
// the totals and the summary. Grading always starts from the submissions,
// so a re-grade with the same file gives the same corrected grades. An
// override that names a student, exercise or check the gradebook lacks is
// an error, never skipped: a typo must not silently leave a grade as it was.
func ApplyOverrides(gb *Gradebook, ovs []Override, path string) error {
	for _, o := range ovs {
		si := slices.IndexFunc(gb.Students, func(s Student) bool {
			return displayName(o.Student) == s.Name || (s.UserID != "" && o.Student == s.UserID)
		})
		args := msg.Args{"Path": path, "Line": o.Line, "Student": o.Student, "Exercise": o.Exercise, "Check": o.Check}
		if si < 0 {
			return msg.Errorf("gradebook.overrides.no-student", args, nil)
		}
		ei := slices.IndexFunc(gb.Exercises, func(ex *course.Exercise) bool { return ex.ID == o.Exercise })
		if ei < 0 {
			return msg.Errorf("gradebook.overrides.no-exercise", args, nil)
		}
		er := &gb.Students[si].Exercises[ei]
		if o.Check == "" {
			to := *o.Points
			if to < 0 || to > er.Max {
				args["Max"] = er.Max
				args["Points"] = to
				return msg.Errorf("gradebook.overrides.points", args, nil)
			}
			er.Overrides = append(er.Overrides, Applied{From: er.Score, To: to, Note: o.Note})
			er.Score, er.Passed = to, to == er.Max
			if er.Status != StatusGraded {
				er.Status, er.Error = StatusGraded, msg.Text{}
			}
			continue
		}
		ci := slices.IndexFunc(er.Checks, func(c grader.CheckResult) bool { return c.ID == o.Check })
		if ci < 0 {
			return msg.Errorf("gradebook.overrides.no-check", args, nil)
		}
		if er.Status == StatusError {
			return msg.Errorf("gradebook.overrides.not-graded", args, nil)
		}
		c := &er.Checks[ci]
		to := c.Max
		if o.Points != nil {
			to = *o.Points
		}
		if to < 0 || to > c.Max {
			args["Max"] = c.Max
			args["Points"] = to
			return msg.Errorf("gradebook.overrides.points", args, nil)
		}
		er.Overrides = append(er.Overrides, Applied{Check: c.ID, From: c.Points, To: to, Note: o.Note})
		er.Score += to - c.Points
		c.Points, c.Passed = to, to == c.Max
		er.Status = StatusGraded
		er.Passed = er.Score == er.Max
	}
	for i := range gb.Students {
		s := &gb.Students[i]
		s.Score = 0
		for _, er := range s.Exercises {
			s.Score += er.Score
		}
	}
	gb.Summary = summarize(gb)
	return nil
}

// overrideNote is one applied override in words, for every format.
func overrideNote(p *msg.Printer, exercise string, a Applied) string {
	what := exercise
	if a.Check != "" {
		what += "/" + a.Check
	}
	return p.S("gradebook.override", msg.Args{"What": what, "From": a.From, "To": a.To, "Note": oneLine(a.Note)})
}
