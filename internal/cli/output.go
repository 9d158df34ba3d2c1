package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
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
	return usageError(msg.New("cli.usage.unknown-format", msg.Args{"Format": quote(format), "Valid": strings.Join(valid, ", ")}))
}

// textFormats are the outputs of the commands that print for a person or a
// script.
var textFormats = []string{"text", "json"}

// formatFlag adds --format for textFormats, text by default.
func (a *app) formatFlag(cmd *cobra.Command, v *string) {
	cmd.Flags().StringVar(v, "format", "text", a.p().S("cli.flag.format", msg.Args{"Formats": orList(a.p(), textFormats)}))
}

// writeDiagnostics renders diagnostics for a person; read supplies the
// source for snippets.
func (a *app) writeDiagnostics(w io.Writer, ds diag.Diagnostics, read func(string) []byte) error {
	return diag.WriteText(w, ds, diag.TextOptions{Width: width(w), Color: a.color(w), Printer: a.p(), Source: read})
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

// checkDir makes a path that is missing or not a folder a usage mistake.
func checkDir(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return usageErr(fmt.Errorf("%s: %w", path, err))
	}
	if !st.IsDir() {
		return usageError(msg.New("cli.usage.not-a-folder", msg.Args{"Path": path}))
	}
	return nil
}
