package cli

import (
	"fmt"
	"math"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
	"github.com/iactutor/iactutor/internal/validate"
)

// lintJSON is the contract of `iactutor lint --format json`.
type lintJSON struct {
	Diagnostics []diag.JSON  `json:"diagnostics"`
	Summary     diag.Summary `json:"summary"`
}

func (a *app) lintCommand() *cobra.Command {
	var format string
	var maxSize int64
	cmd := &cobra.Command{
		Use:   "lint PATH...",
		Short: a.p().S("cli.lint.short", nil),
		Long:  a.p().S("cli.lint.long", nil),
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, textFormats...); err != nil {
				return err
			}
			files, ds, err := source.Collect(args, source.Options{MaxSize: maxSize, Extensions: validate.Extensions()})
			if err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(lintMemoryLimit(files)))
			ds = append(ds, validate.Lint(files)...)
			ds.Sort()
			count := len(files) + refusedFiles(ds)
			if format == "json" {
				if err := writeJSON(a.stdout, lintJSON{Diagnostics: ds.ToJSONAll(a.p()), Summary: diag.Summarize(count, ds)}); err != nil {
					return err
				}
			} else {
				if err := a.writeDiagnostics(a.stdout, ds, sourceOf(files)); err != nil {
					return err
				}
				s := diag.Summarize(count, ds)
				a.printf("%s\n", lintSummary(s, a.p()))
			}
			if ds.HasErrors() {
				return failed
			}
			return nil
		},
	}
	a.formatFlag(cmd, &format)
	cmd.Flags().Int64Var(&maxSize, "max-file-size", source.LintMaxFileSize, a.p().S("cli.lint.flag.max-file-size", nil))
	return cmd
}

// lintMemoryLimit is the soft heap limit for linting files. Linting
// produces much short-lived garbage (a YAML tree and a typed object per
// document, dropped once checked), so the heap would otherwise grow to
// twice what is live; on inputs of megabytes (whole install manifests)
// the limit (16 MiB plus twice the input) makes the collector run sooner instead, which costs some CPU
// and keeps the footprint near what is really live. Small inputs keep the
// runtime's default.
func lintMemoryLimit(files []source.File) int64 {
	var total int64
	for _, f := range files {
		total += int64(len(f.Data))
	}
	if total < 4<<20 {
		return math.MaxInt64
	}
	return 16<<20 + 2*total
}

// refusedFiles counts files the reader refused, which still count as checked.
func refusedFiles(ds diag.Diagnostics) int {
	n := 0
	for _, d := range ds {
		if strings.HasPrefix(d.Rule, "file/") {
			n++
		}
	}
	return n
}

// sourceOf lets the text renderer show snippets from the bytes already read.
func sourceOf(files []source.File) func(string) []byte {
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return func(name string) []byte { return m[name] }
}

func (a *app) printf(format string, args ...any) {
	_, _ = fmt.Fprintf(a.stdout, format, args...)
}

// lintSummary is the closing line of a text lint.
func lintSummary(s diag.Summary, p *msg.Printer) string {
	return p.Text(msg.New("cli.lint.summary", msg.Args{
		"Files":    msg.New("cli.count.files-checked", msg.Args{"Count": s.Files}),
		"Errors":   msg.New("cli.count.errors", msg.Args{"Count": s.Errors}),
		"Warnings": msg.New("cli.count.warnings", msg.Args{"Count": s.Warnings}),
		"Notes":    msg.New("cli.count.notes", msg.Args{"Count": s.Infos}),
	}))
}
