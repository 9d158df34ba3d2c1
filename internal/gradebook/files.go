package gradebook

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iactutor/iactutor/internal/diag"
)

// maxFileName caps a student's file name, well under every file system's
// limit even after a suffix and an extension are added.
const maxFileName = 100

// FileNames gives every student a file name that is safe to create inside an
// output folder: no path separators, no leading dot (so never "." or ".."),
// no control or reserved characters, and unique (also when compared without
// case, as macOS and Windows do), in the students' order.
func FileNames(students []Student) []string {
	out := make([]string, len(students))
	seen := map[string]bool{}
	for i, s := range students {
		base := safeName(s.Name)
		name := base
		for n := 2; seen[strings.ToLower(name)]; n++ {
			name = base + "-" + strconv.Itoa(n)
		}
		seen[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r < 0x20, r == 0x7f, strings.ContainsRune(`/\:*?"<>|`, r):
			return '_'
		}
		return r
	}, diag.Sanitize(s))
	s = strings.Trim(s, " .")
	for len(s) > maxFileName {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	switch strings.ToUpper(strings.TrimSuffix(s, filepath.Ext(s))) {
	case "", "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "LPT1", "LPT2", "LPT3":
		s = "student_" + s
	}
	return s
}

// ownDir creates a folder for one student inside an output folder; a link
// already sitting there is refused rather than followed, so nothing is
// written outside the output folder.
func ownDir(p string) error {
	if info, err := os.Lstat(p); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s is a link; not writing through it", p)
	}
	return os.MkdirAll(p, 0o755)
}

// WriteFile writes data to p through a temporary file in the same folder,
// synced and renamed into place: a reader never sees half a file, and a
// link already sitting at p is replaced rather than written through.
// commit, when set, runs just before the rename; an error from it (a run
// interrupted meanwhile) leaves p as it was.
func WriteFile(p string, data []byte, commit func() error) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if commit != nil {
		if err := commit(); err != nil {
			os.Remove(tmp.Name())
			return err
		}
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
