package gradebook

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iactutor/iactutor/internal/msg"
)

// Roster is the class list an LMS knows, read from a CSV the instructor
// exports from it (Canvas's gradebook export, Moodle's participants or
// grades export, or any sheet with a header row). It gives each graded
// student the identity the LMS matches an import row by.
type Roster struct {
	// Entries are the roster's people, in file order.
	Entries []RosterEntry
	// Has tells which identity fields the roster's header provides.
	Has map[string]bool
}

// RosterEntry is one person on the roster. Field names are the roster
// columns' meaning, whatever the header called them.
type RosterEntry struct {
	Name, CanvasID, SISUserID, SISLoginID, Section string
	Username, Email, IDNumber, Folder              string
	// Line is the entry's line in the file, for messages.
	Line int
}

// rosterColumn is the field a header cell (compared by matchKey) fills:
// the names Canvas and Moodle export, plus plain ones; "" for any other.
func rosterColumn(header string) string {
	switch matchKey(header) {
	case "student", "name", "full name", "fullname":
		return "name"
	case "first name", "given name", "firstname":
		return "first"
	case "last name", "surname", "family name", "lastname":
		return "last"
	case "id", "canvas id", "canvas user id":
		return "id"
	case "sis user id":
		return "sis"
	case "sis login id":
		return "login"
	case "section":
		return "section"
	case "username", "user name", "login":
		return "username"
	case "email", "email address", "e mail", "e mail address":
		return "email"
	case "id number", "idnumber":
		return "idnumber"
	case "folder":
		return "folder"
	}
	return ""
}

// ReadRoster reads a roster CSV file. A UTF-8 byte order mark is allowed,
// and so is Canvas's "Points Possible" row.
func ReadRoster(path string) (*Roster, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, msg.Errorf("gradebook.roster.read", msg.Args{"Path": path}, err)
	}
	r, err := parseRoster(data)
	if err != nil {
		return nil, msg.Errorf("gradebook.roster.invalid", msg.Args{"Path": path}, err)
	}
	return r, nil
}

// errRosterHeader is the roster's fault, explained by the message that
// wraps it; it is not shown alone.
var errRosterHeader = errors.New("no column names a student")

func parseRoster(data []byte) (*Roster, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading the header row: %w", err)
	}
	cols := map[string]int{}
	for i, h := range head {
		if f := rosterColumn(h); f != "" {
			if _, dup := cols[f]; !dup {
				cols[f] = i
			}
		}
	}
	if len(cols) == 0 {
		return nil, errRosterHeader
	}
	r := &Roster{Has: map[string]bool{}}
	for f := range cols {
		r.Has[f] = true
	}
	if r.Has["first"] || r.Has["last"] {
		r.Has["name"] = true
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		get := func(f string) string {
			if i, ok := cols[f]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		e := RosterEntry{
			Name: get("name"), CanvasID: get("id"), SISUserID: get("sis"), SISLoginID: get("login"),
			Section: get("section"), Username: get("username"), Email: get("email"),
			IDNumber: get("idnumber"), Folder: get("folder"), Line: line,
		}
		if e.Name == "" {
			e.Name = strings.TrimSpace(get("first") + " " + get("last"))
		}
		if strings.Contains(e.Name, "Points Possible") || e == (RosterEntry{Line: line}) {
			continue
		}
		r.Entries = append(r.Entries, e)
	}
	return r, nil
}

// keys are every spelling of the entry a student's folder may carry.
func (e RosterEntry) keys() []string {
	var ks []string
	for _, s := range []string{e.Name, e.Username, e.Email, e.SISLoginID, e.IDNumber, e.Folder} {
		if k := matchKey(s); k != "" {
			ks = append(ks, k)
		}
	}
	if local, _, ok := strings.Cut(e.Email, "@"); ok {
		ks = append(ks, matchKey(local))
	}
	if local, _, ok := strings.Cut(e.SISLoginID, "@"); ok {
		ks = append(ks, matchKey(local))
	}
	return ks
}

// Matched pairs the gradebook's students with roster entries: At[i] is the
// entry of gb.Students[i], or -1 when the roster does not know the student
// (or knows two people by that name, which is no better).
type Matched struct {
	At        []int
	Unmatched []string
}

// Match finds each student on the roster: a Canvas download's user ID
// first, then the folder or shown name against the roster's names, logins,
// e-mail addresses and ID numbers, without regard to case, accents or
// separators. A roster entry is given to one student at most.
func (r *Roster) Match(ss []Student) Matched {
	m := Matched{At: make([]int, len(ss))}
	taken := map[int]bool{}
	for i, s := range ss {
		m.At[i] = -1
		var hits []int
		if s.LMS == "canvas" && s.UserID != "" {
			for j, e := range r.Entries {
				if e.CanvasID == s.UserID {
					hits = append(hits, j)
				}
			}
		}
		if len(hits) == 0 {
			k := matchKey(s.Name)
			for j, e := range r.Entries {
				for _, ek := range e.keys() {
					if ek == k {
						hits = append(hits, j)
						break
					}
				}
			}
		}
		if len(hits) == 1 && !taken[hits[0]] {
			m.At[i] = hits[0]
			taken[hits[0]] = true
			continue
		}
		m.Unmatched = append(m.Unmatched, s.Name)
	}
	return m
}
