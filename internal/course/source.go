package course

import (
	"io/fs"
	"os"
	"strings"
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
