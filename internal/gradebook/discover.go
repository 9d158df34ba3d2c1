package gradebook

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// class is what discovery finds under the graded folder.
type class struct {
	// real is the graded folder with every link resolved, the boundary no
	// link may leave. Every path below is built on it, so a link is judged
	// the same whether the folder was named relatively or absolutely.
	real     string
	students []studentDir
	// keep picks the archive entries whose bytes are held: the graded
	// exercises' files (nil while discovery only looks for folders).
	keep func(name string) bool
}

// studentDir is one student: a folder, archives, or both (an LMS download
// can hold several uploads by one student).
type studentDir struct {
	raw  string // the folder or file name as found, also matched by --student
	name string // the name shown: the LMS's name for the student, else raw, without control characters
	// folders are the student's folders on disk (absolute, resolved).
	folders []string
	// archives are submitted archives read as the student's folder.
	archives []string
	// lms and userID say which LMS download this is and its user ID.
	lms, userID string
	late        bool
	// err, when set, makes every exercise of this student an error: the
	// folder could not be entered safely.
	err msg.Text
	// workspace is set when the graded folder is this student's own
	// workspace, so folders inside it are named without a student prefix.
	workspace bool
}

// maxExerciseDepth is how deep under a student's folder exercise folders are
// looked for: deep enough for a workspace unzipped into its own folder
// (student/iactutor/<exercise>) or a download wrapped once more, shallow
// enough that a stray copy of the course is not taken for a submission.
const maxExerciseDepth = 3

// discover lists the students under root. Every visible sub-folder, and
// every archive, is a student; a root that holds exercise folders is one
// learner's workspace. A root that mixes the two, or holds no student, is
// refused with what was found rather than guessed at. single grades root as
// one learner's workspace whatever it holds.
func discover(root string, isExercise func(string) bool, single bool) (class, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return class{}, msg.Errorf("gradebook.cannot-read", msg.Args{"Path": root}, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return class{}, msg.Errorf("gradebook.cannot-read", msg.Args{"Path": root}, err)
	}
	st, err := os.Stat(real)
	if err != nil {
		return class{}, msg.Errorf("gradebook.cannot-read", msg.Args{"Path": root}, err)
	}
	if !st.IsDir() {
		return class{}, msg.Errorf("gradebook.not-a-folder", msg.Args{"Path": root}, nil)
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return class{}, msg.Errorf("gradebook.cannot-read", msg.Args{"Path": root}, err)
	}
	c := class{real: real}
	if single {
		raw := filepath.Base(abs)
		c.students = []studentDir{{raw: raw, name: diag.Sanitize(raw), folders: []string{real}, workspace: true}}
		return c, nil
	}

	var exerciseDirs []string
	var students []studentDir
	files := 0
	for _, e := range entries {
		if !visible(e.Name()) {
			continue
		}
		p := filepath.Join(real, e.Name())
		var why msg.Text
		switch {
		case e.IsDir():
		case e.Type()&fs.ModeSymlink != 0:
			isDir, w := c.followLink(p)
			if w.IsZero() && !isDir {
				if isArchive(e.Name()) {
					students = append(students, archiveStudent(e.Name(), p))
				} else {
					files++
				}
				continue
			}
			why = w
		case e.Type().IsRegular() && isArchive(e.Name()):
			students = append(students, archiveStudent(e.Name(), p))
			continue
		default:
			files++ // plain files (a roster, a README) are not students
			continue
		}
		if isExercise(e.Name()) {
			exerciseDirs = append(exerciseDirs, e.Name())
			continue
		}
		s := studentDir{raw: e.Name(), name: diag.Sanitize(e.Name()), folders: []string{p}, err: why}
		if id, ok := moodleIdentity(e.Name()); ok {
			s.name, s.lms, s.userID = diag.Sanitize(id.name), id.lms, id.userID
		}
		students = append(students, s)
	}

	// Beside exercise folders, only a folder that holds work (exercise
	// folders or archives) is taken for a student: a workspace's own
	// scratch folder is not.
	looksLikeStudents := false
	if len(exerciseDirs) > 0 {
		for _, s := range students {
			if f, why := c.locate(s, isExercise); len(s.archives) > 0 || !why.IsZero() || len(f.places) > 0 || len(f.problems) > 0 {
				looksLikeStudents = true
				break
			}
		}
	}
	switch {
	case looksLikeStudents:
		var names []string
		for _, n := range exerciseDirs {
			names = append(names, diag.Sanitize(n))
		}
		return class{}, msg.Errorf("gradebook.mixed-layout", msg.Args{"Path": root, "Folders": strings.Join(names, ", ")}, nil)
	case len(exerciseDirs) > 0:
		raw := filepath.Base(abs)
		c.students = []studentDir{{raw: raw, name: diag.Sanitize(raw), folders: []string{real}, workspace: true}}
		return c, nil
	case len(students) == 0:
		return class{}, msg.Errorf("gradebook.no-students", msg.Args{"Path": root,
			"Files": msg.New("gradebook.count.files", msg.Args{"Count": files})}, nil)
	}
	c.students = mergeLMS(students)
	return c, nil
}

// archiveStudent is a student handed in as one archive at the class's root:
// a Canvas download names the student, any other archive is named after
// its file.
func archiveStudent(file, p string) studentDir {
	s := studentDir{raw: file, name: diag.Sanitize(archiveBase(file)), archives: []string{p}}
	if id, ok := canvasIdentity(file); ok {
		s.name, s.lms, s.userID, s.late = diag.Sanitize(id.name), id.lms, id.userID, id.late
	}
	return s
}

// mergeLMS makes one student of every upload an LMS attributes to the same
// user ID (a Canvas student who uploaded two files, a Moodle student with a
// file and an online text), in the order of the first one.
func mergeLMS(all []studentDir) []studentDir {
	var out []studentDir
	at := map[string]int{}
	for _, s := range all {
		if s.userID == "" {
			out = append(out, s)
			continue
		}
		k := s.lms + "\x00" + s.userID
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, s)
			continue
		}
		m := &out[i]
		m.folders = append(m.folders, s.folders...)
		m.archives = append(m.archives, s.archives...)
		m.late = m.late || s.late
		if m.err.IsZero() {
			m.err = s.err
		}
	}
	return out
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

// place is where one exercise folder of a student was found.
type place struct {
	dir  string     // on disk: the folder's absolute path; in an archive: its path inside
	arch *archiveFS // the archive holding it; nil on disk
	// link is set for a link inside an archive, which is never followed.
	link bool
	// where is the path inside the student's submission, shown to people.
	where string
}

// found is what one student's submission holds.
type found struct {
	places map[string][]place // by exercise ID
	// unknown are folders at the top of the submission that hold no
	// exercise, shown so the instructor sees what was left out.
	unknown []string
	// problems are parts that could not be read: an exercise not found may
	// be in one of them, so it is an error, never "not submitted".
	problems []msg.Text
}

// locate finds a student's exercise folders in every folder and archive of
// theirs, down to maxExerciseDepth. why is set when the student's only
// folder cannot be listed at all.
func (c *class) locate(sd studentDir, isExercise func(string) bool) (f found, why msg.Text) {
	f.places = map[string][]place{}
	for _, dir := range sd.folders {
		if _, err := os.ReadDir(dir); err != nil {
			if len(sd.folders)+len(sd.archives) == 1 {
				return f, unreadable(err)
			}
			f.problems = append(f.problems, unreadable(err))
			continue
		}
		c.walkDisk(&f, dir, "", 0, isExercise)
	}
	for _, p := range sd.archives {
		a, err := openArchive(p, c.keep)
		if err != nil {
			why := archiveReason(diag.Sanitize(filepath.Base(p)), err)
			if len(sd.folders)+len(sd.archives) == 1 {
				return f, why // the whole submission: every exercise says why
			}
			f.problems = append(f.problems, why)
			continue
		}
		walkArchive(&f, a, ".", diag.Sanitize(filepath.Base(p)), 0, isExercise)
	}
	return f, msg.Text{}
}

// walkDisk looks for exercise folders under dir (at depth below the
// student's folder); holds reports whether it found any. Archives are opened
// only at the top of a student's folder, where an LMS puts the upload.
func (c *class) walkDisk(f *found, dir, rel string, depth int, isExercise func(string) bool) (holds bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.problems = append(f.problems, msg.New("gradebook.subfolder-unreadable", msg.Args{"Folder": diag.Sanitize(rel), "Reason": reason(err)}))
		return false
	}
	for _, e := range entries {
		name := e.Name()
		if !visible(name) {
			continue
		}
		p := filepath.Join(dir, name)
		where := path.Join(rel, diag.Sanitize(name))
		isDir, isLink := e.IsDir(), e.Type()&fs.ModeSymlink != 0
		if isLink {
			d, why := c.followLink(p)
			if !why.IsZero() {
				if isExercise(name) {
					// exerciseDir explains the refusal for this exercise.
					f.places[name] = append(f.places[name], place{dir: p, where: where})
					holds = true
				}
				continue
			}
			isDir = d
		}
		switch {
		case isExercise(name):
			// a folder, or a file named like an exercise (then
			// exerciseDir makes it that exercise's error)
			f.places[name] = append(f.places[name], place{dir: p, where: where})
			holds = true
		case isDir:
			if !isLink && depth+1 < maxExerciseDepth && c.walkDisk(f, p, where, depth+1, isExercise) {
				holds = true
			} else if depth == 0 {
				f.unknown = append(f.unknown, where)
			}
		case depth == 0 && isArchive(name):
			a, err := openArchive(p, c.keep)
			if err != nil {
				f.problems = append(f.problems, archiveReason(where, err))
				continue
			}
			if walkArchive(f, a, ".", where, 0, isExercise) {
				holds = true
			} else {
				f.unknown = append(f.unknown, where)
			}
		}
	}
	return holds
}

// walkArchive is walkDisk inside an archive. Links inside an archive are
// never followed; one named like an exercise is that exercise's error.
func walkArchive(f *found, a *archiveFS, dir, rel string, depth int, isExercise func(string) bool) (holds bool) {
	entries, err := fs.ReadDir(a, dir)
	if err != nil {
		return false // an archive in memory lists every folder it holds
	}
	for _, e := range entries {
		name := e.Name()
		if !visible(name) || name == "__MACOSX" { // macOS's resource forks, not the student's
			continue
		}
		p := path.Join(dir, name)
		where := path.Join(rel, diag.Sanitize(name))
		switch {
		case a.links[p] && isExercise(name):
			f.places[name] = append(f.places[name], place{dir: p, arch: a, link: true, where: where})
			holds = true
		case a.links[p]:
		case e.IsDir() && isExercise(name):
			f.places[name] = append(f.places[name], place{dir: p, arch: a, where: where})
			holds = true
		case e.IsDir():
			if depth+1 < maxExerciseDepth && walkArchive(f, a, p, where, depth+1, isExercise) {
				holds = true
			} else if depth == 0 {
				f.unknown = append(f.unknown, where)
			}
		}
	}
	return holds
}
