package gradebook

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
)

// The JUnit XML shape of Jenkins' junit-10.xsd, which most CI systems and
// LMS importers read: one testsuite per student, one testcase per exercise
// check. The schema allows properties only on a suite, so each check's
// points are suite properties named "points:<exercise>/<check>" and
// "max:<exercise>/<check>". Every suite and case has a time, in seconds
// with three decimals, because reporters show NaN without one.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Time     string       `xml:"time,attr"`
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
		Time       string          `xml:"time,attr"`
		Properties []junitProperty `xml:"properties>property"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Classname string        `xml:"classname,attr"`
		Name      string        `xml:"name,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure"`
		Error     *junitProblem `xml:"error"`
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
	var all time.Duration
	for _, s := range gb.Students {
		var spent time.Duration
		suite := junitSuite{
			Name: diag.Sanitize(s.Name),
			Properties: []junitProperty{
				{Name: "score", Value: strconv.Itoa(s.Score)},
				{Name: "max", Value: strconv.Itoa(s.Max)},
			},
		}
		for _, er := range s.Exercises {
			spent += er.Elapsed
			for _, o := range er.Overrides {
				what := er.Exercise.ID
				if o.Check != "" {
					what += "/" + o.Check
				}
				suite.Properties = append(suite.Properties, junitProperty{Name: "override:" + what, Value: xmlText(overrideNote(jw.p, er.Exercise.ID, o))})
			}
			for i, c := range er.Checks {
				id := er.Exercise.ID + "/" + c.ID
				suite.Properties = append(suite.Properties,
					junitProperty{Name: "points:" + id, Value: strconv.Itoa(c.Points)},
					junitProperty{Name: "max:" + id, Value: strconv.Itoa(c.Max)})
				// The exercise is graded as a whole: its time is shared
				// among its checks, so the suite's time is their sum.
				tc := junitCase{
					Classname: er.Exercise.ID,
					Name:      c.ID,
					Time:      seconds(er.Elapsed / time.Duration(len(er.Checks))),
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
		suite.Time = seconds(spent)
		all += spent
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Errors += suite.Errors
		out.Suites = append(out.Suites, suite)
	}
	out.Time = seconds(all)
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

// seconds is a duration as the schema's SUREFIRE_TIME: seconds with three
// decimals.
func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

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
