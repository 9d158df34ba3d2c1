package gradebook

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/grader"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

// Limits on a submitted archive. An archive is read into memory, so these
// keep one hostile or mistaken upload (a zip bomb, a whole home folder) from
// exhausting the machine that grades the class; real submissions are a few
// kilobytes. One file is capped like a file on disk (source.MaxFileSize).
const (
	// maxArchiveSize caps the archive file itself.
	maxArchiveSize = 64 << 20
	// maxArchiveEntries caps how many files and folders it may hold.
	maxArchiveEntries = 10_000
	// maxArchiveTotal caps the bytes unpacked from it, all files together.
	maxArchiveTotal = 128 << 20
	// maxArchiveDepth caps how many folders deep an entry may be.
	maxArchiveDepth = 32
)

// isArchive tells the archive formats a submission may come in. An archive
// inside an archive is not opened: a submission is one level of packing.
func isArchive(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".zip") || strings.HasSuffix(n, ".tar.gz") || strings.HasSuffix(n, ".tgz")
}

// archiveBase is an archive's name without its extension.
func archiveBase(name string) string {
	n := strings.ToLower(name)
	for _, ext := range []string{".tar.gz", ".tgz", ".zip"} {
		if strings.HasSuffix(n, ext) {
			return name[:len(name)-len(ext)]
		}
	}
	return name
}

// archiveFS is an archive unpacked in memory, seen as an fs.FS so it is
// searched and read like a folder. Entries that are not read are remembered
// with the reason, so the exercise that needs one says why it is absent.
type archiveFS struct {
	fstest.MapFS
	// oversize maps a file over source.MaxFileSize to its size.
	oversize map[string]int64
	// links holds links and other entries that are not plain files or
	// folders: never followed, whatever they point at.
	links map[string]bool
	keep  func(name string) bool
}

// archiveError is why an archive could not be read at all.
type archiveError struct{ text msg.Text }

func (e *archiveError) Error() string { return e.text.Key }

func archiveErr(key string, args msg.Args) error { return &archiveError{msg.New(key, args)} }

// openArchive reads the archive file p into memory with every limit above.
// Only the bytes of files that keep accepts are held (an exercise's files:
// a class of archives stays small in memory); every other entry is listed
// without its bytes. The error is an *archiveError for an archive that is
// refused, or the system's error for one that cannot be read.
func openArchive(p string, keep func(name string) bool) (*archiveFS, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, archiveErr("gradebook.archive.not-file", nil)
	}
	if st.Size() > maxArchiveSize {
		return nil, archiveErr("gradebook.archive.too-large", msg.Args{"Size": st.Size(), "Limit": int64(maxArchiveSize)})
	}
	data, err := io.ReadAll(io.LimitReader(f, maxArchiveSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxArchiveSize {
		return nil, archiveErr("gradebook.archive.too-large", msg.Args{"Size": int64(len(data)), "Limit": int64(maxArchiveSize)})
	}
	if keep == nil {
		keep = func(string) bool { return false }
	}
	a := &archiveFS{MapFS: fstest.MapFS{}, oversize: map[string]int64{}, links: map[string]bool{}, keep: keep}
	if strings.HasSuffix(strings.ToLower(p), ".zip") {
		err = a.readZip(data)
	} else {
		err = a.readTarGz(data)
	}
	if err != nil {
		return nil, err
	}
	return a, nil
}

// unpacker counts what an archive holds against the limits.
type unpacker struct {
	entries int
	total   int64
}

func (u *unpacker) count() error {
	u.entries++
	if u.entries > maxArchiveEntries {
		return archiveErr("gradebook.archive.too-many", msg.Args{"Limit": maxArchiveEntries})
	}
	return nil
}

// read reads one entry, at most one byte over the file limit, and counts
// the bytes against the archive's total.
func (u *unpacker) read(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, source.MaxFileSize+1))
	u.total += int64(len(data))
	if u.total > maxArchiveTotal {
		return nil, archiveErr("gradebook.archive.too-big-unpacked", msg.Args{"Limit": int64(maxArchiveTotal)})
	}
	return data, err
}

// entryName checks a name inside an archive and makes it an fs.FS path: a
// name that leaves the archive (an absolute path, a drive, "..") refuses the
// whole archive, since its author meant it to write elsewhere.
func entryName(raw string) (string, error) {
	name := strings.ReplaceAll(raw, `\`, "/")
	bad := strings.HasPrefix(name, "/") || (len(name) >= 2 && name[1] == ':')
	parts := strings.Split(name, "/")
	for _, part := range parts {
		if part == ".." {
			bad = true
		}
	}
	if bad {
		return "", archiveErr("gradebook.archive.escapes", msg.Args{"Name": raw})
	}
	name = strings.Trim(path.Clean("/"+name), "/")
	if name == "" {
		return ".", nil
	}
	if strings.Count(name, "/")+1 > maxArchiveDepth {
		return "", archiveErr("gradebook.archive.too-deep", msg.Args{"Name": raw, "Limit": maxArchiveDepth})
	}
	if !fs.ValidPath(name) {
		return "", archiveErr("gradebook.archive.escapes", msg.Args{"Name": raw})
	}
	return name, nil
}

// add records one entry; a name given twice refuses the archive, since
// which copy the student meant cannot be known.
func (a *archiveFS) add(name string, f *fstest.MapFile) error {
	if name == "." {
		return nil
	}
	if old, ok := a.MapFS[name]; ok {
		if old.Mode.IsDir() && f.Mode.IsDir() {
			return nil
		}
		return archiveErr("gradebook.archive.duplicate", msg.Args{"Name": name})
	}
	a.MapFS[name] = f
	return nil
}

// fixed is the time every entry gets, so nothing depends on the archive's
// clock.
var fixed = time.Unix(0, 0).UTC()

func (a *archiveFS) readZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return archiveErr("gradebook.archive.corrupt", msg.Args{"Reason": err.Error()})
	}
	var u unpacker
	for _, zf := range zr.File {
		if err := u.count(); err != nil {
			return err
		}
		name, err := entryName(zf.Name)
		if err != nil {
			return err
		}
		mode := zf.Mode()
		switch {
		case mode.IsDir() || strings.HasSuffix(zf.Name, "/"):
			err = a.add(name, &fstest.MapFile{Mode: fs.ModeDir | 0o755, ModTime: fixed})
		case !mode.IsRegular():
			a.links[name] = true
			err = a.add(name, &fstest.MapFile{Mode: 0o644, ModTime: fixed})
		case zf.UncompressedSize64 > source.MaxFileSize:
			a.oversize[name] = int64(min(zf.UncompressedSize64, 1<<62))
			err = a.add(name, &fstest.MapFile{Mode: 0o644, ModTime: fixed})
		default:
			rc, oerr := zf.Open()
			if oerr != nil {
				return archiveErr("gradebook.archive.corrupt", msg.Args{"Reason": oerr.Error()})
			}
			b, rerr := u.read(rc)
			rc.Close()
			var ae *archiveError
			if errors.As(rerr, &ae) {
				return rerr
			}
			if rerr != nil {
				return archiveErr("gradebook.archive.corrupt", msg.Args{"Reason": rerr.Error()})
			}
			if len(b) > source.MaxFileSize {
				a.oversize[name] = int64(len(b))
				b = nil
			}
			if !a.keep(name) {
				b = nil
			}
			err = a.add(name, &fstest.MapFile{Data: b, Mode: 0o644, ModTime: fixed})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (a *archiveFS) readTarGz(data []byte) error {
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return archiveErr("gradebook.archive.corrupt", msg.Args{"Reason": err.Error()})
	}
	// The unpacked stream is capped as a whole, so a compressed bomb stops
	// at the limit however its entries are sized.
	lim := &io.LimitedReader{R: gz, N: maxArchiveTotal + 1}
	tr := tar.NewReader(lim)
	var u unpacker
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if lim.N <= 0 {
			return archiveErr("gradebook.archive.too-big-unpacked", msg.Args{"Limit": int64(maxArchiveTotal)})
		}
		if err != nil {
			return archiveErr("gradebook.archive.corrupt", msg.Args{"Reason": err.Error()})
		}
		if err := u.count(); err != nil {
			return err
		}
		name, err := entryName(h.Name)
		if err != nil {
			return err
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = a.add(name, &fstest.MapFile{Mode: fs.ModeDir | 0o755, ModTime: fixed})
		case tar.TypeReg, tar.TypeRegA:
			if h.Size > source.MaxFileSize {
				a.oversize[name] = h.Size
				err = a.add(name, &fstest.MapFile{Mode: 0o644, ModTime: fixed})
				break
			}
			b, rerr := u.read(tr)
			var ae *archiveError
			if errors.As(rerr, &ae) {
				return rerr
			}
			if rerr != nil {
				return archiveErr("gradebook.archive.corrupt", msg.Args{"Reason": rerr.Error()})
			}
			if !a.keep(name) {
				b = nil
			}
			err = a.add(name, &fstest.MapFile{Data: b, Mode: 0o644, ModTime: fixed})
		default: // links, devices, fifos: never followed
			a.links[name] = true
			err = a.add(name, &fstest.MapFile{Mode: 0o644, ModTime: fixed})
		}
		if err != nil {
			return err
		}
	}
}

// An LMS names what it downloads after the student. Canvas ("Download
// submissions") gives one file per student and upload,
// "<name>_[LATE_]<user id>_<submission id>_<file name>"; Moodle gives a
// folder per student and submission plugin,
// "<Full Name>_<id>_assignsubmission_<plugin>_".
var (
	canvasName = regexp.MustCompile(`^(.+?)_(LATE_)?([0-9]+)_([0-9]+)_(.+)$`)
	moodleName = regexp.MustCompile(`^(.+)_([0-9]+)_assignsubmission_[a-z]+_?$`)
)

// identity is who an LMS says a submission belongs to.
type identity struct {
	name, lms, userID string
	late              bool
}

// canvasIdentity reads a Canvas download's file name.
func canvasIdentity(file string) (identity, bool) {
	m := canvasName.FindStringSubmatch(file)
	if m == nil || strings.TrimSpace(m[1]) == "" {
		return identity{}, false
	}
	return identity{name: strings.TrimSpace(m[1]), lms: "canvas", userID: m[3], late: m[2] != ""}, true
}

// moodleIdentity reads a Moodle download's folder name.
func moodleIdentity(folder string) (identity, bool) {
	m := moodleName.FindStringSubmatch(folder)
	if m == nil || strings.TrimSpace(m[1]) == "" {
		return identity{}, false
	}
	return identity{name: strings.TrimSpace(m[1]), lms: "moodle", userID: m[2]}, true
}

// archiveReason is why an archive could not be used, for the gradebook.
func archiveReason(name string, err error) msg.Text {
	var ae *archiveError
	r := msg.Plain(reason(err))
	if errors.As(err, &ae) {
		r = ae.text
	}
	return msg.New("gradebook.archive.unreadable", msg.Args{"Archive": name, "Reason": r})
}

// readArchived reads one exercise's files from an archive, as
// workspace.ReadSubmission reads them from a folder and with the same
// limits, naming each "<exercise-id>/<file>" like relocate does.
func readArchived(a *archiveFS, dir string, ex *course.Exercise) grader.Submission {
	sub := grader.Submission{Names: map[string]string{}}
	// A folder entry takes the files the student keeps in it; a folder
	// that is not there reads as missing.
	root := dir
	if root == "" {
		root = "."
	}
	names := ex.EditableNames(a.MapFS, root)
	for _, name := range names {
		p := path.Join(dir, name)
		shown := path.Join(ex.ID, name)
		refuse := func(rule string, summary, detail msg.Text) {
			sub.Refused = append(sub.Refused, source.Refused(shown, rule, summary, detail))
		}
		mf, ok := a.MapFS[p]
		switch {
		case !ok:
			d := source.Refused(shown, source.RuleRead, msg.New("workspace.missing-file", msg.Args{"File": name}),
				msg.New("workspace.missing-file.detail", msg.Args{"Dir": ex.ID}))
			d.Hint = msg.New("workspace.missing-file.hint", msg.Args{"Exercise": ex.ID})
			sub.Refused = append(sub.Refused, d)
		case a.links[p]:
			refuse(source.RuleLink, msg.New("gradebook.archive.link-file", nil), msg.New("source.link-outside.detail", nil))
		case mf.Mode.IsDir():
			refuse(source.RuleRead, msg.New("source.not-regular", nil), msg.New("source.not-regular.detail", nil))
		default:
			size, over := a.oversize[p]
			if !over {
				size = int64(len(mf.Data))
			}
			f, d := source.FromBytes(shown, mf.Data, size, source.Options{})
			if d != nil {
				sub.Refused = append(sub.Refused, *d)
				continue
			}
			sub.Files = append(sub.Files, f)
			sub.Names[f.Path] = name
		}
	}
	return sub
}

// keepFiles accepts the paths that can be one of the exercises' files: the
// file's name (with its folders inside the exercise) at the end of the path.
func keepFiles(exercises []*course.Exercise) func(string) bool {
	names := map[string]bool{}
	var folders []string
	for _, ex := range exercises {
		for _, f := range ex.Files {
			if course.IsFolder(f) {
				folders = append(folders, f)
			}
			names[f] = true
		}
	}
	return func(p string) bool {
		for i := 0; i <= len(p); i++ {
			if i > 0 && p[i-1] != '/' {
				continue
			}
			if names[p[i:]] || slices.ContainsFunc(folders, func(f string) bool { return course.InFolder(f, p[i:]) }) {
				return true
			}
		}
		return false
	}
}
