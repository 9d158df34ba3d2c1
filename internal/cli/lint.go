package cli

import (
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader/k8s"
	"github.com/iactutor/iactutor/internal/grader/terraform"
	"github.com/iactutor/iactutor/internal/source"
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
		Short: "Check Kubernetes YAML and Terraform files with every validator",
		Long: `Check .yaml, .yml and .tf files, or every such file inside folders.

YAML files given together are checked as one set, so references between them
(a Service's selector, an HPA's target, an env var's ConfigMap) are resolved;
a reference to an object that is not among them is a warning, since it may
live in the cluster. A YAML document with no apiVersion, kind, metadata or
spec (a docker-compose.yml, a CI workflow) is noted and skipped. The .tf files
of each folder are checked as one module.

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O
error.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			files, ds, err := source.Collect(args, source.Options{MaxSize: maxSize, Extensions: []string{".yaml", ".yml", ".tf"}})
			if err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			if a.getenv("GOGC") == "" {
				switch yaml := yamlBytes(files); {
				case yaml > source.MaxFileSize:
					// Large manifest sets build one tree per document: a
					// tighter heap keeps the peak memory about a sixth
					// lower for a tenth more time, which is the better
					// trade on the small machines learners and CI use.
					defer debug.SetGCPercent(debug.SetGCPercent(50))
				case yaml == 0 && len(files) > 0:
					// A Terraform module keeps every file's tree until its
					// rules have run, so collecting while it parses frees
					// little: a looser heap saves a tenth of the time for
					// a few megabytes.
					defer debug.SetGCPercent(debug.SetGCPercent(400))
				}
			}
			ds = append(ds, lintFiles(files, a.lang())...)
			ds.Sort()
			count := len(files) + refusedFiles(ds)
			if format == "json" {
				if err := writeJSON(a.stdout, lintJSON{Diagnostics: ds.ToJSONAll(a.p()), Summary: diag.Summarize(count, ds)}); err != nil {
					return err
				}
			} else {
				a.writeDiagnostics(a.stdout, ds, sourceOf(files))
				s := diag.Summarize(count, ds)
				a.printf("%s\n", lintSummary(s, a.lang()))
			}
			if ds.HasErrors() {
				return failed
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().Int64Var(&maxSize, "max-file-size", source.MaxFileSize, "refuse files larger than `BYTES`")
	return cmd
}

// lintFiles runs the Kubernetes validator over every YAML file as one set and
// the Terraform validator over each folder's .tf files as one module.
func lintFiles(files []source.File, lang string) diag.Diagnostics {
	var yamls []source.File
	modules := map[string][]source.File{}
	var dirs []string
	for _, f := range files {
		switch strings.ToLower(filepath.Ext(f.Path)) {
		case ".tf":
			d := filepath.Dir(f.Path)
			if _, ok := modules[d]; !ok {
				dirs = append(dirs, d)
			}
			modules[d] = append(modules[d], f)
		default:
			yamls = append(yamls, f)
		}
	}
	var ds diag.Diagnostics
	if len(yamls) > 0 {
		ds = append(ds, k8s.Lint(yamls, k8s.Options{Lang: lang})...)
	}
	for _, d := range dirs {
		ds = append(ds, terraform.Lint(modules[d], terraform.Options{Lang: lang})...)
	}
	return ds
}

// yamlBytes is the size of the YAML input.
func yamlBytes(files []source.File) int {
	n := 0
	for _, f := range files {
		if !strings.EqualFold(filepath.Ext(f.Path), ".tf") {
			n += len(f.Data)
		}
	}
	return n
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
func lintSummary(s diag.Summary, lang string) string {
	if lang == "es" {
		return fmt.Sprintf("%s revisados: %s, %s, %s", plural(s.Files, "archivo", "archivos"),
			plural(s.Errors, "error", "errores"), plural(s.Warnings, "aviso", "avisos"), plural(s.Infos, "nota", "notas"))
	}
	return fmt.Sprintf("%s checked: %s, %s, %s", plural(s.Files, "file", "files"),
		plural(s.Errors, "error", "errors"), plural(s.Warnings, "warning", "warnings"), plural(s.Infos, "note", "notes"))
}
