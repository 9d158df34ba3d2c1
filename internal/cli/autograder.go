package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"debug/elf"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iactutor/iactutor/internal/gradebook"
	"github.com/iactutor/iactutor/internal/msg"
)

// DefaultAutograderRoot is where Gradescope lays out an autograder run:
// source/ (the uploaded zip, unpacked), submission/, submission_metadata.json
// and results/.
const DefaultAutograderRoot = "/autograder"

func (a *app) autograderCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "autograder",
		Short: a.p().S("cli.autograder.short", nil),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.gradescopeCommand(), a.bundleCommand())
	return cmd
}

func (a *app) gradescopeCommand() *cobra.Command {
	var root string
	cmd := &cobra.Command{
		Use:   "gradescope",
		Short: a.p().S("cli.autograder-gradescope.short", nil),
		Long:  a.p().S("cli.autograder-gradescope.long", nil),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sub := filepath.Join(root, "submission")
			if err := checkDir(sub); err != nil {
				return err
			}
			c, src, err := a.course()
			if err != nil {
				return err
			}
			who, err := submitters(filepath.Join(root, "submission_metadata.json"))
			if err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			gb, err := gradebook.Grade(cmd.Context(), sub, gradebook.Options{
				Course: c, Source: src, Single: true, KeepSources: true, Lang: a.p().Lang(),
			})
			if err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			if who != "" {
				gb.Students[0].Name = who
			}
			out := filepath.Join(root, "results", "results.json")
			if err := gradebook.WriteAutograderResults(out, a.p(), gb); err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			s := gb.Students[0]
			_, err = fmt.Fprintln(a.stdout, a.p().S("cli.autograder-gradescope.wrote", msg.Args{"Path": out, "Score": s.Score, "Max": s.Max}))
			return err
		},
	}
	cmd.Flags().StringVar(&root, "root", DefaultAutograderRoot, a.p().S("cli.autograder-gradescope.flag.root", nil))
	return cmd
}

// submitters names who handed in the submission, from Gradescope's
// submission_metadata.json ("users": a group has several); "" when the
// file is absent or names nobody.
func submitters(metaPath string) (string, error) {
	data, err := os.ReadFile(metaPath)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", msg.Errorf("cli.autograder-gradescope.metadata", msg.Args{"Path": metaPath}, err)
	}
	var meta struct {
		Users []struct {
			Name string `json:"name"`
		} `json:"users"`
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		return "", msg.Errorf("cli.autograder-gradescope.metadata", msg.Args{"Path": metaPath}, err)
	}
	var names []string
	for _, u := range meta.Users {
		if n := strings.TrimSpace(u.Name); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", "), nil
}

func (a *app) bundleCommand() *cobra.Command {
	var out, binary string
	cmd := &cobra.Command{
		Use:   "bundle",
		Short: a.p().S("cli.autograder-bundle.short", nil),
		Long:  a.p().S("cli.autograder-bundle.long", nil),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usageError(msg.New("cli.autograder-bundle.needs-out", nil))
			}
			if a.courseDir != "" {
				if _, _, err := a.course(); err != nil {
					return err
				}
			}
			bin, cleanup, err := a.linuxBinary(cmd.Context(), binary)
			if err != nil {
				return err
			}
			defer cleanup()
			data, err := bundleZip(bin, a.courseDir, a.p().Lang())
			if err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			if err := gradebook.WriteFile(out, data, nil); err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			_, err = fmt.Fprintln(a.stdout, a.p().S("cli.autograder-bundle.wrote", msg.Args{"Path": out}))
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "", a.p().S("cli.autograder-bundle.flag.out", nil))
	f.StringVar(&binary, "binary", "", a.p().S("cli.autograder-bundle.flag.binary", nil))
	return cmd
}

// linuxBinary is the iactutor binary the bundle carries: a static
// linux/amd64 executable, since Gradescope's image may have an older C
// library than the machine that built it. It is the file --binary names,
// or else built with CGO_ENABLED=0 from this module's source (the checkout
// the command runs in, or the released module this binary was installed
// from).
func (a *app) linuxBinary(ctx context.Context, given string) (string, func(), error) {
	none := func() {}
	if given != "" {
		if err := staticLinux(given); err != nil {
			return "", none, usageError(msg.New("cli.autograder-bundle.not-static", msg.Args{"Path": given, "Reason": err.Error()}))
		}
		return given, none, nil
	}
	dir, err := moduleSource(ctx)
	if err != nil {
		return "", none, usageError(msg.New("cli.autograder-bundle.no-source", msg.Args{"Reason": err.Error()}))
	}
	tmp, err := os.MkdirTemp("", "iactutor-bundle-")
	if err != nil {
		return "", none, &exitError{code: ExitUsage, err: err}
	}
	cleanup := func() { _ = os.RemoveAll(tmp) }
	bin := filepath.Join(tmp, "iactutor")
	build := exec.CommandContext(ctx, "go", "build", "-ldflags", "-s -w -X github.com/iactutor/iactutor/internal/cli.version="+moduleVersion(), "-o", bin, "./cmd/iactutor")
	build.Dir = dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64")
	var stderr bytes.Buffer
	build.Stderr = &stderr
	if err := build.Run(); err != nil {
		cleanup()
		return "", none, &exitError{code: ExitUsage, err: fmt.Errorf("go build in %s: %w\n%s", dir, err, strings.TrimSpace(stderr.String()))}
	}
	if err := staticLinux(bin); err != nil {
		cleanup()
		return "", none, &exitError{code: ExitUsage, err: fmt.Errorf("the built binary: %w", err)}
	}
	return bin, cleanup, nil
}

// moduleSource finds this module's source: a checkout above the working
// folder that declares it, or the module cache's copy of the release this
// binary was built from.
func moduleSource(ctx context.Context) (string, error) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("this binary carries no build information")
	}
	mod := bi.Main.Path
	if mod == "" {
		return "", errors.New("this binary does not say which module it was built from")
	}
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; ; dir = filepath.Dir(dir) {
			if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && declares(data, mod) {
				return dir, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		return "", fmt.Errorf("no checkout of %s above the working folder, and this binary is not a released version", mod)
	}
	dl := exec.CommandContext(ctx, "go", "mod", "download", "-json", mod+"@"+v)
	outb, err := dl.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w", mod, v, err)
	}
	var info struct{ Dir string }
	if err := json.Unmarshal(outb, &info); err != nil || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s gave no folder", mod, v)
	}
	return info.Dir, nil
}

// declares tells whether a go.mod's module line names mod.
func declares(gomod []byte, mod string) bool {
	for line := range strings.Lines(string(gomod)) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" && strings.Trim(f[1], `"`) == mod {
			return true
		}
	}
	return false
}

// staticLinux checks that p is a linux/amd64 executable that needs no
// dynamic loader, so it runs on any Linux image.
func staticLinux(p string) error {
	f, err := elf.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	if f.Machine != elf.EM_X86_64 || f.OSABI != elf.ELFOSABI_NONE && f.OSABI != elf.ELFOSABI_LINUX {
		return fmt.Errorf("%s is not a linux/amd64 executable", p)
	}
	for _, prog := range f.Progs {
		if prog.Type == elf.PT_INTERP {
			return fmt.Errorf("%s is linked dynamically (built with cgo)", p)
		}
	}
	return nil
}

// bundleZip lays out the zip Gradescope unpacks into /autograder/source:
// setup.sh (run once when the image is built), run_autograder (run for
// every submission, also copied to /autograder/run_autograder), the
// binary, and the course folder when one is given.
func bundleZip(bin, courseDir, lang string) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, mode fs.FileMode, r io.Reader) error {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		_, err = io.Copy(w, r)
		return err
	}
	course := ""
	if courseDir != "" {
		course = `--course "$src/course" `
	}
	if err := add("setup.sh", 0o755, strings.NewReader(setupScript)); err != nil {
		return nil, err
	}
	if err := add("run_autograder", 0o755, strings.NewReader(fmt.Sprintf(runScript, shellQuote(lang), course))); err != nil {
		return nil, err
	}
	f, err := os.Open(bin)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := add("iactutor", 0o755, f); err != nil {
		return nil, err
	}
	if courseDir != "" {
		err := filepath.WalkDir(courseDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(courseDir, p)
			if err != nil || !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
				return err
			}
			cf, err := os.Open(p)
			if err != nil {
				return err
			}
			defer cf.Close()
			return add(path.Join("course", filepath.ToSlash(rel)), 0o644, cf)
		})
		if err != nil {
			return nil, fmt.Errorf("adding the course to the bundle: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// setupScript has nothing to install: the binary is static.
const setupScript = `#!/usr/bin/env bash
set -euo pipefail
chmod +x /autograder/source/iactutor /autograder/source/run_autograder
`

// runScript finds the autograder root from where it runs (Gradescope runs
// /autograder/run_autograder; a copy left in source/ works too, and so
// does any other root, for trying the bundle locally).
const runScript = `#!/usr/bin/env bash
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -x "$here/source/iactutor" ]; then root="$here"; else root="$(dirname "$here")"; fi
src="$root/source"
exec "$src/iactutor" --lang %s %sautograder gradescope --root "$root"
`
