package gradebook

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// class is what discovery finds under the graded folder.
type class struct {
	// real is the graded folder with every link resolved, the boundary no
	// link may leave.
	real     string
	students []studentDir
}

// studentDir is one student's folder.
type studentDir struct {
	raw  string // the folder name as found
	name string // raw without control characters, for display
	path string
	// err, when set, makes every exercise of this student an error: the
	// folder could not be entered safely.
	err msg.Text
	// workspace is set when the graded folder is this student's own
	// workspace, so folders inside it are named without a student prefix.
	workspace bool
}

// discover lists the students under root. A root that itself holds exercise
// folders is one student's workspace; otherwise every visible sub-folder is a
// student. Hidden entries (.iactutor, .git) and plain files are ignored.
func discover(root string, isExercise func(string) bool) (class, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return class{}, msg.Errorf("gradebook.cannot-read", msg.Args{"Path": root}, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return class{}, msg.Errorf("gradebook.cannot-read", msg.Args{"Path": root}, err)
	}
	if !st.IsDir() {
		return class{}, msg.Errorf("gradebook.not-a-folder", msg.Args{"Path": root}, nil)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return class{}, msg.Errorf("gradebook.cannot-read", msg.Args{"Path": root}, err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return class{}, msg.Errorf("gradebook.cannot-read", msg.Args{"Path": root}, err)
	}
	c := class{real: real}

	single := false
	for _, e := range entries {
		if isExercise(e.Name()) && (e.IsDir() || e.Type()&fs.ModeSymlink != 0) {
			single = true
			break
		}
	}
	if single {
		raw := filepath.Base(abs)
		c.students = []studentDir{{raw: raw, name: diag.Sanitize(raw), path: root, workspace: true}}
		return c, nil
	}

	for _, e := range entries {
		if !visible(e.Name()) {
			continue
		}
		p := filepath.Join(root, e.Name())
		s := studentDir{raw: e.Name(), name: diag.Sanitize(e.Name()), path: p}
		switch {
		case e.IsDir():
		case e.Type()&fs.ModeSymlink != 0:
			isDir, why := c.followLink(p)
			if why.IsZero() && !isDir {
				continue // a link to a file: not a student
			}
			s.err = why
		default:
			continue // plain files (a roster, a README) are not students
		}
		c.students = append(c.students, s)
	}
	return c, nil
}

// visible leaves out hidden entries such as .iactutor (a workspace's
// progress) and .git.
func visible(name string) bool { return !strings.HasPrefix(name, ".") }

// followLink decides whether a link to a folder may be entered: only when its
// whole chain resolves inside the graded folder. why explains a refusal.
func (c *class) followLink(p string) (isDir bool, why msg.Text) {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false, msg.New("gradebook.link-unfollowable", msg.Args{"Reason": reason(err)})
	}
	rel, err := filepath.Rel(c.real, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false, msg.New("gradebook.link-outside", nil)
	}
	st, err := os.Stat(target)
	if err != nil {
		return false, unreadable(err)
	}
	return st.IsDir(), msg.Text{}
}

// unreadable says that a folder cannot be read, with the system's reason.
func unreadable(err error) msg.Text {
	return msg.New("gradebook.folder-unreadable", msg.Args{"Reason": reason(err)})
}

// reason is an error without the path it carries: paths differ between
// machines and would make the gradebook differ too. It is the system's own
// wording, which no catalog translates.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// exerciseDir checks one exercise folder of a student before it is read: it
// must exist (else the exercise is missing), be a folder, stay inside the
// graded folder, and be readable.
func (c *class) exerciseDir(p string) (missing bool, why msg.Text) {
	info, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return true, msg.Text{}
	}
	if err != nil {
		return false, unreadable(err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		isDir, why := c.followLink(p)
		if !why.IsZero() {
			return false, why
		}
		if !isDir {
			return false, msg.New("gradebook.link-to-file", nil)
		}
	} else if !info.IsDir() {
		return false, msg.New("gradebook.file-not-folder", nil)
	}
	f, err := os.Open(p)
	if err != nil {
		return false, unreadable(err)
	}
	defer f.Close()
	if _, err := f.ReadDir(1); err != nil && !errors.Is(err, io.EOF) {
		return false, unreadable(err)
	}
	return false, msg.Text{}
}
