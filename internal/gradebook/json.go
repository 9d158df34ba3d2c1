package gradebook

import (
	"encoding/json"
	"io"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// The JSON shape of `iactutor grade --format json`; scripts rely on these
// names. Diagnostics use the same shape as `iactutor lint --format json`.
type (
	jsonBook struct {
		Students []jsonStudent `json:"students"`
		Summary  jsonSummary   `json:"summary"`
	}
	// A score is null, never 0, when it could not be computed: an
	// exercise with status "error", or a student with such an exercise.
	jsonStudent struct {
		Student   string         `json:"student"`
		LMS       string         `json:"lms,omitempty"`
		UserID    string         `json:"userId,omitempty"`
		Late      bool           `json:"late,omitempty"`
		Score     *int           `json:"score"`
		Max       int            `json:"max"`
		Exercises []jsonExercise `json:"exercises"`
	}
	jsonExercise struct {
		ID          string            `json:"id"`
		Score       *int              `json:"score"`
		Max         int               `json:"max"`
		Passed      bool              `json:"passed"`
		Status      Status            `json:"status"`
		Error       string            `json:"error,omitempty"`
		Location    string            `json:"location,omitempty"`
		Unchanged   bool              `json:"unchanged,omitempty"`
		Checks      []jsonCheckResult `json:"checks"`
		Diagnostics []diag.JSON       `json:"diagnostics"`
		Overrides   []jsonOverride    `json:"overrides,omitempty"`
	}
	// An instructor's correction; check is empty for the whole exercise.
	jsonOverride struct {
		Check string `json:"check,omitempty"`
		From  int    `json:"from"`
		To    int    `json:"to"`
		Note  string `json:"note"`
	}
	jsonCheckResult struct {
		ID      string `json:"id"`
		Points  int    `json:"points"`
		Max     int    `json:"max"`
		Passed  bool   `json:"passed"`
		Message string `json:"message"`
	}
	jsonSummary struct {
		Students int `json:"students"`
		// Incomplete students have no total and are not in the figures.
		Incomplete int          `json:"incomplete"`
		Max        int          `json:"max"`
		Mean       float64      `json:"mean"`
		Median     float64      `json:"median"`
		Histogram  []jsonBucket `json:"histogram"`
		Checks     []jsonCheck  `json:"checks"`
		Unknown    []string     `json:"unknown"`
	}
	jsonBucket struct {
		From  int `json:"from"`
		To    int `json:"to"`
		Count int `json:"count"`
	}
	jsonCheck struct {
		Exercise string  `json:"exercise"`
		Check    string  `json:"check"`
		Passed   int     `json:"passed"`
		Total    int     `json:"total"`
		Rate     float64 `json:"rate"`
	}
)

type jsonWriter struct {
	w io.Writer
	p *msg.Printer
}

func (jw jsonWriter) Write(gb *Gradebook) error {
	out := jsonBook{Students: []jsonStudent{}}
	for _, s := range gb.Students {
		js := jsonStudent{Student: s.Name, LMS: s.LMS, UserID: s.UserID, Late: s.Late, Max: s.Max, Exercises: []jsonExercise{}}
		if s.Complete() {
			js.Score = &s.Score
		}
		for _, er := range s.Exercises {
			checks := make([]jsonCheckResult, len(er.Checks))
			for i, c := range er.Checks {
				checks[i] = jsonCheckResult{ID: c.ID, Points: c.Points, Max: c.Max, Passed: c.Passed, Message: diag.Sanitize(jw.p.Text(c.Message))}
			}
			je := jsonExercise{
				ID: er.Exercise.ID, Max: er.Max, Passed: er.Passed,
				Status: er.Status, Error: diag.Sanitize(jw.p.Text(er.Error)), Location: er.Location, Unchanged: er.Unchanged,
				Checks: checks, Diagnostics: er.Diagnostics.ToJSONAll(jw.p),
			}
			if er.Status != StatusError {
				je.Score = &er.Score
			}
			for _, o := range er.Overrides {
				je.Overrides = append(je.Overrides, jsonOverride{Check: o.Check, From: o.From, To: o.To, Note: diag.Sanitize(o.Note)})
			}
			js.Exercises = append(js.Exercises, je)
		}
		out.Students = append(out.Students, js)
	}
	sm := gb.Summary
	out.Summary = jsonSummary{
		Students: sm.Students, Incomplete: sm.Incomplete, Max: gb.Max, Mean: sm.Mean, Median: sm.Median,
		Histogram: []jsonBucket{}, Checks: []jsonCheck{}, Unknown: sm.Unknown,
	}
	if out.Summary.Unknown == nil {
		out.Summary.Unknown = []string{}
	}
	for _, b := range sm.Histogram {
		out.Summary.Histogram = append(out.Summary.Histogram, jsonBucket(b))
	}
	for _, c := range sm.Checks {
		out.Summary.Checks = append(out.Summary.Checks, jsonCheck{Exercise: c.Exercise, Check: c.Check, Passed: c.Passed, Total: c.Total, Rate: c.Rate})
	}
	enc := json.NewEncoder(jw.w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
