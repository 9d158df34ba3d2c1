package gradebook

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
)

// The JUnit XML shape most CI systems and LMS importers read: one testsuite
// per student, one testcase per exercise check.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Properties []junitProperty `xml:"properties>property"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Classname  string          `xml:"classname,attr"`
		Name       string          `xml:"name,attr"`
		Properties []junitProperty `xml:"properties>property"`
		Failure    *junitProblem   `xml:"failure"`
		Error      *junitProblem   `xml:"error"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",cdata"`
	}
)

type junitWriter struct {
	w io.Writer
	p *msg.Printer
}

func (jw junitWriter) Write(gb *Gradebook) error {
	out := junitSuites{Name: "iactutor"}
	for _, s := range gb.Students {
		suite := junitSuite{
			Name: diag.Sanitize(s.Name),
			Properties: []junitProperty{
				{Name: "score", Value: strconv.Itoa(s.Score)},
				{Name: "max", Value: strconv.Itoa(s.Max)},
			},
		}
		for _, er := range s.Exercises {
			for i, c := range er.Checks {
				tc := junitCase{
					Classname: er.Exercise.ID,
					Name:      c.ID,
					Properties: []junitProperty{
						{Name: "points", Value: strconv.Itoa(c.Points)},
						{Name: "max", Value: strconv.Itoa(c.Max)},
					},
				}
				switch {
				case er.Status == StatusMissing:
					tc.Failure = &junitProblem{Message: jw.p.S("gradebook.junit.not-submitted", nil), Type: "missing",
						Text: jw.p.S("gradebook.junit.no-folder", msg.Args{"Folder": er.Exercise.ID})}
				case er.Status == StatusError:
					tc.Error = &junitProblem{Message: diag.Sanitize(jw.p.Text(er.Error)), Type: "error"}
				case !c.Passed:
					tc.Failure = &junitProblem{Message: diag.Sanitize(jw.p.Text(c.Message)), Type: "check",
						Text: xmlText(failureText(jw.p, c, er.Explaining(i), er.Unchanged))}
				}
				if tc.Failure != nil {
					suite.Failures++
				}
				if tc.Error != nil {
					suite.Errors++
				}
				suite.Tests++
				suite.Cases = append(suite.Cases, tc)
			}
		}
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Errors += suite.Errors
		out.Suites = append(out.Suites, suite)
	}
	if _, err := io.WriteString(jw.w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(jw.w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	_, err := io.WriteString(jw.w, "\n")
	return err
}

// xmlText drops what XML 1.0 cannot hold at all (control characters, the
// non-characters U+FFFE and U+FFFF), which a CDATA section does not escape.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, diag.Sanitize(s))
}

// failureText is the check message followed by one line per diagnostic that
// explains it, with its place in the student's files.
func failureText(p *msg.Printer, c grader.CheckResult, ds diag.Diagnostics, unchanged bool) string {
	var b strings.Builder
	b.WriteString(diag.Sanitize(p.Text(c.Message)))
	if unchanged {
		b.WriteString("\n" + p.S("gradebook.unchanged-start", nil))
	}
	for _, d := range ds {
		b.WriteString("\n")
		b.WriteString(location(d))
		switch {
		case d.Check != c.ID:
			b.WriteString(": " + diag.Sanitize(p.Text(d.Summary)))
		case !d.Detail.IsZero():
			// The check's own diagnostic: its summary is the message
			// already written, its detail says why it could not be met.
			b.WriteString(": " + diag.Sanitize(p.Text(d.Detail)))
		}
	}
	return b.String()
}

// location is "file:line:column" (or less, when the position is unknown).
func location(d diag.Diagnostic) string {
	loc := diag.Sanitize(d.Subject.Filename)
	if d.Subject.Start.Line > 0 {
		loc += ":" + strconv.Itoa(d.Subject.Start.Line)
		if d.Subject.Start.Column > 0 {
			loc += ":" + strconv.Itoa(d.Subject.Start.Column)
		}
	}
	return loc
}
