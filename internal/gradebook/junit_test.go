package gradebook

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/iactutor/iactutor/internal/shareddata"
)

// tickingClock is an injected clock that moves 1.5 ms at every reading, so
// every graded submission takes a known, non-zero time.
func tickingClock() func() time.Time {
	var n atomic.Int64
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time { return base.Add(time.Duration(n.Add(1)) * 1500 * time.Microsecond) }
}

// TestJUnitShape checks what junit-10.xsd asks of the elements we write,
// without the schema tool: a time on every suite and case in the schema's
// number form, no properties inside a test case, and each check's points
// as suite properties.
func TestJUnitShape(t *testing.T) {
	class, c, src := smallClass(t)
	gb := grade(t, class, Options{Course: c, Source: src, Jobs: 2, Now: tickingClock()})
	out := render(t, gb, "junit", WriterOptions{})
	var doc struct {
		Time   *string `xml:"time,attr"`
		Suites []struct {
			Name  string  `xml:"name,attr"`
			Time  *string `xml:"time,attr"`
			Props []struct {
				Name  string `xml:"name,attr"`
				Value string `xml:"value,attr"`
			} `xml:"properties>property"`
			Cases []struct {
				Classname string    `xml:"classname,attr"`
				Name      string    `xml:"name,attr"`
				Time      *string   `xml:"time,attr"`
				Props     *struct{} `xml:"properties"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	number := regexp.MustCompile(`^[0-9]+\.[0-9]{3}$`)
	if doc.Time == nil || !number.MatchString(*doc.Time) || *doc.Time == "0.000" {
		t.Errorf("testsuites time = %v, want seconds with three decimals, not zero", doc.Time)
	}
	if len(doc.Suites) != 6 {
		t.Fatalf("%d suites, want 6", len(doc.Suites))
	}
	for _, s := range doc.Suites {
		if s.Time == nil || !number.MatchString(*s.Time) {
			t.Errorf("suite %s has time %v", s.Name, s.Time)
		}
		props := map[string]string{}
		for _, p := range s.Props {
			props[p.Name] = p.Value
		}
		for _, tc := range s.Cases {
			if tc.Time == nil || !number.MatchString(*tc.Time) {
				t.Errorf("%s %s/%s has time %v", s.Name, tc.Classname, tc.Name, tc.Time)
			}
			if tc.Props != nil {
				t.Errorf("%s %s/%s has properties, which junit-10.xsd does not allow in a testcase", s.Name, tc.Classname, tc.Name)
			}
			id := tc.Classname + "/" + tc.Name
			if props["points:"+id] == "" || props["max:"+id] == "" {
				t.Errorf("suite %s lacks the points of %s: %v", s.Name, id, props)
			}
		}
	}
	if !strings.Contains(out, `<property name="points:demo-labels/valid" value="2"></property>`) {
		t.Errorf("alice's points for demo-labels/valid are not a suite property:\n%s", out)
	}
}

// TestJUnitSchema validates the JUnit output against Jenkins' junit-10.xsd
// (kept in ../shared/formats) with xmllint, the schema's own reader.
func TestJUnitSchema(t *testing.T) {
	dir := shareddata.Dir(t, "formats")
	xsd := filepath.Join(dir, "junit-10.xsd")
	if _, err := os.Stat(xsd); err != nil {
		shareddata.Missing(t, "formats/junit-10.xsd", err)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv(shareddata.RequireEnv) == "1" {
			t.Fatalf("xmllint is needed to validate against %s (install libxml2-utils): %v", xsd, err)
		}
		t.Skipf("xmllint not installed (apt-get install libxml2-utils), so the JUnit output is not checked against %s", xsd)
	}
	class, c, src := smallClass(t)
	for _, timed := range []bool{false, true} {
		opt := Options{Course: c, Source: src, Jobs: 2}
		if timed {
			opt.Now = tickingClock()
		}
		gb := grade(t, class, opt)
		for _, lang := range []string{"en", "es"} {
			f := filepath.Join(t.TempDir(), "junit.xml")
			if err := os.WriteFile(f, []byte(render(t, gb, "junit", WriterOptions{Printer: printer(t, lang)})), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(xmllint, "--noout", "--schema", xsd, f).CombinedOutput()
			if err != nil {
				t.Errorf("xmllint rejects the JUnit output (%s, timed %v): %v\n%s", lang, timed, err, out)
			}
		}
	}
}
