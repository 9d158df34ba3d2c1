// Package diag holds the one diagnostic type that every validator, presenter and
// machine format shares, so a problem found in YAML or HCL reads the same in the
// TUI, in the terminal and in a gradebook.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/iactutor/iactutor/internal/msg"
)

// Severity says how much a diagnostic matters. Its zero value is invalid so that
// a diagnostic built without thinking about severity is caught by tests.
type Severity int

// The severities, from most to least serious. Only SeverityError fails a lint.
const (
	SeverityInvalid Severity = iota
	SeverityError
	SeverityWarning
	SeverityInfo
)

// String gives the lower-case word used in JSON and in rule listings.
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	case SeverityInfo:
		return "info"
	}
	return "invalid"
}

// ParseSeverity reads the word produced by String, so rule tables and course
// files can name a severity as text.
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return SeverityError, nil
	case "warning":
		return SeverityWarning, nil
	case "info":
		return SeverityInfo, nil
	}
	return SeverityInvalid, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalText lets severities appear as words in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText is the inverse of MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Pos is a 1-based line and column; columns count characters (runes), as an
// editor shows them. Line 0 means "no position known".
type Pos struct {
	Line   int
	Column int
}

// Range is the stretch of a file a diagnostic is about. End is exclusive and
// may equal Start for a point.
type Range struct {
	Filename string
	Start    Pos
	End      Pos
}

// Point builds a range that covers nothing but names a place, for problems
// found before a precise span is known.
func Point(file string, line, col int) Range {
	return Range{Filename: file, Start: Pos{line, col}, End: Pos{line, col}}
}

// Diagnostic is one problem: modelled on hcl.Diagnostic with our rule ID and a
// hint that tells the learner what to do next. Its texts are messages, not
// words: a presenter renders them in the reader's language, so one graded
// result serves every language.
type Diagnostic struct {
	Severity Severity
	// Summary is one short sentence: what is wrong.
	Summary msg.Text
	// Detail explains why it matters; it may be several sentences.
	Detail msg.Text
	// Subject is where the problem is.
	Subject Range
	// Rule is the ID understood by `iactutor explain`, e.g. "k8s/selector-mismatch".
	Rule string
	// Check is the exercise check that reported it ("" for a validator's
	// finding), so gradebooks match failures by ID, never by their wording.
	Check string
	// Hint says how to fix it, e.g. "did you mean `replicas`?".
	Hint msg.Text
}

// Diagnostics is a batch; validators collect every problem rather than the first.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error, which is what decides
// a lint's exit status.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == SeverityError })
}

// Count returns how many diagnostics have the given severity.
func (ds Diagnostics) Count(s Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Compare orders diagnostics by file, position, severity, rule and text so
// that output is byte-identical from run to run.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Subject.Filename, b.Subject.Filename),
		cmp.Compare(a.Subject.Start.Line, b.Subject.Start.Line),
		cmp.Compare(a.Subject.Start.Column, b.Subject.Start.Column),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Rule, b.Rule),
		msg.Compare(a.Summary, b.Summary),
		cmp.Compare(a.Subject.End.Line, b.Subject.End.Line),
		cmp.Compare(a.Subject.End.Column, b.Subject.End.Column),
		msg.Compare(a.Detail, b.Detail),
		msg.Compare(a.Hint, b.Hint),
	)
}

// Sort puts the batch in the stable order every presenter uses.
func (ds Diagnostics) Sort() { slices.SortStableFunc(ds, Compare) }

// JSON is the wire shape of one diagnostic; scripts rely on these names (see
// the command-line contract in the design notes).
type JSON struct {
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"endLine"`
	EndColumn int      `json:"endColumn"`
	Severity  Severity `json:"severity"`
	Rule      string   `json:"rule"`
	Check     string   `json:"check,omitempty"`
	Message   string   `json:"message"`
	Detail    string   `json:"detail,omitempty"`
	Hint      string   `json:"hint"`
}

// ToJSON converts to the wire shape in p's language, cleaning any control
// characters that came from a learner's file.
func (d Diagnostic) ToJSON(p *msg.Printer) JSON {
	return JSON{
		File:      Sanitize(d.Subject.Filename),
		Line:      d.Subject.Start.Line,
		Column:    d.Subject.Start.Column,
		EndLine:   d.Subject.End.Line,
		EndColumn: d.Subject.End.Column,
		Severity:  d.Severity,
		Rule:      d.Rule,
		Check:     d.Check,
		Message:   Sanitize(p.Text(d.Summary)),
		Detail:    Sanitize(p.Text(d.Detail)),
		Hint:      Sanitize(p.Text(d.Hint)),
	}
}

// MarshalJSON refuses: a diagnostic's words depend on the reader's language,
// so it is encoded only through ToJSON with a printer. This turns a JSON
// struct that embeds Diagnostic by mistake into an error, not a wrong shape.
func (d Diagnostic) MarshalJSON() ([]byte, error) {
	return nil, errors.New("diag: encode a Diagnostic with ToJSON and a printer")
}

// ToJSONAll converts a batch (never nil, so JSON shows an empty list).
func (ds Diagnostics) ToJSONAll(p *msg.Printer) []JSON {
	out := make([]JSON, len(ds))
	if ds == nil {
		return []JSON{}
	}
	for i, d := range ds {
		out[i] = d.ToJSON(p)
	}
	return out
}

// Summary counts a lint run for the JSON contract.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Summarize counts the batch.
func Summarize(files int, ds Diagnostics) Summary {
	return Summary{Files: files, Errors: ds.Count(SeverityError), Warnings: ds.Count(SeverityWarning), Infos: ds.Count(SeverityInfo)}
}
