package gradebook

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/msg"
)

// canvasRoster is what Canvas's Grades > Export gives: its five identity
// columns, a read-only total, and the Points Possible row. Erin is not on
// it; Frank is, though his folder could not be graded.
const canvasRoster = "Student,ID,SIS User ID,SIS Login ID,Section,Lab 1 (4411),Current Score\n" +
	"    Points Possible,,,,,10,(read only)\n" +
	"\"Smith, Alice\",101,S-1,alice@uni.edu,Lab A,,\n" +
	"Bob Jones,102,S-2,bob@uni.edu,Lab A,,\n" +
	"Carol Díaz,103,S-3,carol@uni.edu,Lab B,,\n" +
	"Dave,104,S-4,dave@uni.edu,Lab B,,\n" +
	"Frank,106,S-6,frank@uni.edu,Lab B,,\n"

// moodleRoster is Moodle's participants export: first and last names, an
// e-mail and an ID number.
const moodleRoster = "\uFEFFFirst name,Last name,ID number,Email address\n" +
	"Alice,Smith,A001,alice@uni.edu\n" +
	"Bob,Jones,A002,bob@uni.edu\n" +
	"Carol,Díaz,,carol@uni.edu\n" +
	"Dave,Brown,A004,dave@uni.edu\n"

func roster(t *testing.T, text string) *Roster {
	t.Helper()
	p := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadRoster(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// renderLMS prints an LMS format and collects its notices.
func renderLMS(t *testing.T, gb *Gradebook, format string, opt WriterOptions) (string, []string) {
	t.Helper()
	var notices []string
	en := printer(t, "en")
	opt.Printer = en
	opt.Notice = func(m msg.Text) { notices = append(notices, en.Text(m)) }
	return render(t, gb, format, opt), notices
}

func records(t *testing.T, text string) [][]string {
	t.Helper()
	rs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("not a CSV: %v\n%s", err, text)
	}
	return rs
}

// TestCanvas checks the file against what Canvas's gradebook import
// documents: the header starts with Student, ID, SIS User ID, SIS Login ID
// and Section, the second row is Points Possible, there is no total
// column, and every row carries an identity Canvas matches.
func TestCanvas(t *testing.T) {
	class, c, src := smallClass(t)
	gb := grade(t, class, Options{Course: c, Source: src})
	r := roster(t, canvasRoster)
	tests := []struct {
		name string
		opt  WriterOptions
		want [][]string
	}{
		{"per exercise", WriterOptions{Roster: r}, [][]string{
			{"Student", "ID", "SIS User ID", "SIS Login ID", "Section", "demo-pins", "demo-labels"},
			{"Points Possible", "", "", "", "", "2", "3"},
			{"Smith, Alice", "101", "S-1", "alice@uni.edu", "Lab A", "2", "3"},
			{"Bob Jones", "102", "S-2", "bob@uni.edu", "Lab A", "0", "0"},
			{"Carol Díaz", "103", "S-3", "carol@uni.edu", "Lab B", "0", "2"},
			{"Dave", "104", "S-4", "dave@uni.edu", "Lab B", "1", "0"},
			{"Frank", "106", "S-6", "frank@uni.edu", "Lab B", "", ""},
		}},
		{"one assignment", WriterOptions{Roster: r, Assignment: "Lab 1 (4411)"}, [][]string{
			{"Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lab 1 (4411)"},
			{"Points Possible", "", "", "", "", "5"},
			{"Smith, Alice", "101", "S-1", "alice@uni.edu", "Lab A", "5"},
			{"Bob Jones", "102", "S-2", "bob@uni.edu", "Lab A", "0"},
			{"Carol Díaz", "103", "S-3", "carol@uni.edu", "Lab B", "2"},
			{"Dave", "104", "S-4", "dave@uni.edu", "Lab B", "1"},
			{"Frank", "106", "S-6", "frank@uni.edu", "Lab B", ""},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, notices := renderLMS(t, gb, "canvas", tc.opt)
			got := records(t, out)
			if !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			if len(notices) != 1 || !strings.Contains(notices[0], "1 student is not on the roster") || !strings.HasSuffix(notices[0], ": erin") {
				t.Errorf("notices = %q, want erin left out", notices)
			}
		})
	}
}

// TestCanvasDownloadIDs: without a roster, the user IDs read off Canvas
// download names fill the ID column; a student without one is left out.
func TestCanvasDownloadIDs(t *testing.T) {
	class, c, src := smallClass(t)
	gb := grade(t, class, Options{Course: c, Source: src})
	for i := range gb.Students {
		if gb.Students[i].Name != "erin" {
			gb.Students[i].LMS, gb.Students[i].UserID = "canvas", "9"+gb.Students[i].Name[:1]
		}
	}
	out, notices := renderLMS(t, gb, "canvas", WriterOptions{BOM: true})
	if !strings.HasPrefix(out, "\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,demo-pins,demo-labels\nPoints Possible,,,,,2,3\nalice,9a,,,,2,3\n") {
		t.Errorf("got\n%s", out)
	}
	if len(notices) != 1 || !strings.HasSuffix(notices[0], ": erin") {
		t.Errorf("notices = %q", notices)
	}
}

// TestMoodle checks the file against Moodle's CSV grade import: one
// identity column with the header Moodle's exports use, a column per grade
// item, and only rows whose identity the roster gives, since Moodle stops
// the whole import at one it cannot match.
func TestMoodle(t *testing.T) {
	class, c, src := smallClass(t)
	gb := grade(t, class, Options{Course: c, Source: src})
	r := roster(t, moodleRoster)
	tests := []struct {
		identity string
		want     [][]string
		left     string
	}{
		{"email", [][]string{
			{"Email address", "demo-pins", "demo-labels"},
			{"alice@uni.edu", "2", "3"},
			{"bob@uni.edu", "0", "0"},
			{"carol@uni.edu", "0", "2"},
			{"dave@uni.edu", "1", "0"},
		}, "2 students are not on the roster and were left out of the file, so the import does not stop on them: erin, frank"},
		{"idnumber", [][]string{
			{"ID number", "demo-pins", "demo-labels"},
			{"A001", "2", "3"},
			{"A002", "0", "0"},
			{"A004", "1", "0"},
		}, "3 students are not on the roster and were left out of the file, so the import does not stop on them: carol, erin, frank"},
	}
	for _, tc := range tests {
		t.Run(tc.identity, func(t *testing.T) {
			out, notices := renderLMS(t, gb, "moodle", WriterOptions{Roster: r, Identity: tc.identity})
			if got := records(t, out); !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			if len(notices) != 1 || notices[0] != tc.left {
				t.Errorf("notices = %q, want %q", notices, tc.left)
			}
		})
	}
}

func TestLMSRefusals(t *testing.T) {
	canvas, moodle := roster(t, canvasRoster), roster(t, moodleRoster)
	tests := []struct {
		name, format string
		opt          WriterOptions
		key          string
	}{
		{"moodle without roster", "moodle", WriterOptions{}, "gradebook.format.needs-roster"},
		{"moodle identity not in roster", "moodle", WriterOptions{Roster: canvas, Identity: "username"}, "gradebook.roster.no-identity"},
		{"unknown identity", "moodle", WriterOptions{Roster: moodle, Identity: "phone"}, "gradebook.identity.unknown"},
		{"canvas roster without IDs", "canvas", WriterOptions{Roster: moodle}, "gradebook.roster.no-canvas-id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Printer = printer(t, "en")
			_, err := New(tc.format, nil, tc.opt)
			var me *msg.Error
			if !errors.As(err, &me) || me.Text.Key != tc.key {
				t.Errorf("err = %v, want %s", err, tc.key)
			}
		})
	}
}

// TestRosterMatch: a student is found by any spelling of their name or
// login, whatever the case, accents and separators; two roster people with
// one name match nobody.
func TestRosterMatch(t *testing.T) {
	r := roster(t, "Student,SIS Login ID,Username\nAna García,ana.garcia@uni.edu,agarcia\nTomás Pérez,tperez@uni.edu,tp\nLee Kim,lk1@uni.edu,\nLee Kim,lk2@uni.edu,\n")
	ss := []Student{{Name: "ana.garcia"}, {Name: "Tomás Pérez"}, {Name: "TP"}, {Name: "Pérez, Tomás"}, {Name: "Lee Kim"}, {Name: "agarcia"}}
	m := r.Match(ss)
	if want := []int{0, 1, -1, -1, -1, -1}; !slices.Equal(m.At, want) {
		t.Errorf("At = %v, want %v", m.At, want)
	}
	if want := []string{"TP", "Pérez, Tomás", "Lee Kim", "agarcia"}; !slices.Equal(m.Unmatched, want) {
		t.Errorf("Unmatched = %q, want %q", m.Unmatched, want)
	}
}
