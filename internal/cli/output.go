package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
)

// writeJSON prints v as indented JSON with a final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// checkFormat rejects an unknown --format by listing the valid ones.
func checkFormat(format string, valid ...string) error {
	for _, v := range valid {
		if format == v {
			return nil
		}
	}
	return usageError("unknown format %q (valid: %s)", format, strings.Join(valid, ", "))
}

// writeDiagnostics renders diagnostics for a person; read supplies the
// source for snippets.
func (a *app) writeDiagnostics(w io.Writer, ds diag.Diagnostics, read func(string) []byte) {
	_ = diag.WriteText(w, ds, diag.TextOptions{Width: width(w), Color: a.color(w), Printer: a.p(), Source: read})
}

// courseReader finds a diagnostic's file inside a course source, whose
// diagnostics name files under the source's root.
func courseReader(src course.Source) func(string) []byte {
	return func(name string) []byte {
		rel := name
		if src.Root != "" {
			r, err := filepath.Rel(src.Root, name)
			if err != nil {
				return nil
			}
			rel = filepath.ToSlash(r)
		}
		b, err := fs.ReadFile(src.FS, rel)
		if err != nil {
			return nil
		}
		return b
	}
}

// plural picks the singular or plural form of a counted noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// isDir reports whether path is an existing folder, with the reason if not.
func isDir(path string) (bool, error) {
	st, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	if !st.IsDir() {
		return false, fmt.Errorf("not a folder")
	}
	return true, nil
}
