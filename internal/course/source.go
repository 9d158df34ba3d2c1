package course

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/iactutor/iactutor/internal/msg"
)

// Router joins the two embedded trees into the one layout a course folder
// has (lessons/ and exercises/ at the root), so loaders see one fs.FS.
type Router struct {
	Lessons   fs.FS
	Exercises fs.FS
}

// Open implements fs.FS by handing the path to the tree named by its first
// element.
func (r Router) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	top, rest, _ := strings.Cut(name, "/")
	if rest == "" {
		rest = "."
	}
	switch top {
	case "lessons":
		return r.Lessons.Open(rest)
	case "exercises":
		return r.Exercises.Open(rest)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Dir is a course folder given with --course: lessons/ and exercises/ inside it.
func Dir(path string) Source {
	return Source{FS: os.DirFS(path), Root: path}
}

// catalogLanguages are the languages the program speaks: those of the
// built-in message catalog, read once.
var catalogLanguages = sync.OnceValue(func() []string {
	c, err := msg.Builtin()
	if err != nil {
		return []string{DefaultLang}
	}
	return c.Languages()
})

// DetectLang picks the learner's language: the flag if given, else the first
// of LC_ALL, LC_MESSAGES and LANG that is set; "es_AR.UTF-8" means "es". Any
// language the message catalog does not have means the default language.
func DetectLang(flag string, getenv func(string) string) string {
	v := flag
	if v == "" {
		for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if v = getenv(k); v != "" {
				break
			}
		}
	}
	v = strings.ToLower(v)
	if i := strings.IndexAny(v, "_.@-"); i >= 0 {
		v = v[:i]
	}
	if slices.Contains(catalogLanguages(), v) {
		return v
	}
	return DefaultLang
}
