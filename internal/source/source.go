// Package source reads learners' files safely: it refuses what is too big,
// binary, or reached through a link that leaves the folder being checked, and
// turns each refusal into a diagnostic so the rest of a batch still runs.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// MaxFileSize is the default cap on one file: far above any real manifest or
// module file, far below what could exhaust memory in a batch.
const MaxFileSize = 1 << 20

// LintMaxFileSize is the cap `iactutor lint` applies: a person linting their
// own repository means every file, and generated manifests (a Grafana
// dashboard bundle, all CRDs of an operator) pass 1 MiB while staying valid.
// Grading keeps MaxFileSize, since there a batch of submissions is read.
const LintMaxFileSize = 16 << 20

// File is one file's bytes and the path as the user reached it (the argument
// joined with the relative path inside it), which is what diagnostics name.
type File struct {
	Path string
	Data []byte
}

// Options tunes Collect.
type Options struct {
	// MaxSize overrides MaxFileSize when positive.
	MaxSize int64
	// Extensions selects the files read from folders (with the dot, e.g.
	// ".yaml"). Files named explicitly are read whatever their extension.
	Extensions []string
}

// Rule IDs for refused files.
const (
	RuleTooLarge = "file/too-large"
	RuleBinary   = "file/binary"
	RuleLink     = "file/link-outside"
	RuleRead     = "file/unreadable"
)

// Collect reads every path: a file is read as is, a folder is walked for
// files with one of the wanted extensions, in lexical order. Problems with
// single files become diagnostics; the error is for an argument that does not
// exist at all (a usage mistake: exit 2).
func Collect(paths []string, opt Options) ([]File, diag.Diagnostics, error) {
	var files []File
	var ds diag.Diagnostics
	for _, p := range paths {
		info, err := os.Lstat(p)
		if err != nil {
			return nil, nil, msg.Errorf("source.cannot-read", msg.Args{"Path": p}, err)
		}
		if info.IsDir() {
			fs, d, err := collectDir(p, opt)
			if err != nil {
				return nil, nil, err
			}
			files = append(files, fs...)
			ds = append(ds, d...)
			continue
		}
		root := filepath.Dir(p)
		f, d := readOne(root, p, opt)
		if d != nil {
			ds = append(ds, *d)
			continue
		}
		files = append(files, f)
	}
	return files, ds, nil
}

func collectDir(root string, opt Options) ([]File, diag.Diagnostics, error) {
	var files []File
	var ds diag.Diagnostics
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			ds = append(ds, refused(path, RuleRead, msg.New("source.folder-unreadable", nil), msg.Plain(err.Error())))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !wanted(path, opt.Extensions) {
			return nil
		}
		f, dg := readOne(root, path, opt)
		if dg != nil {
			ds = append(ds, *dg)
			return nil
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, nil, msg.Errorf("source.cannot-read-folder", msg.Args{"Path": root}, err)
	}
	return files, ds, nil
}

func wanted(path string, exts []string) bool {
	if len(exts) == 0 {
		return true
	}
	return slices.Contains(exts, strings.ToLower(filepath.Ext(path)))
}

// Read reads one file that lives under root with the same checks as Collect,
// for callers that already know which files they want (exercise folders).
func Read(root, path string, opt Options) (File, *diag.Diagnostic) {
	return readOne(root, path, opt)
}

func readOne(root, path string, opt Options) (File, *diag.Diagnostic) {
	limit := opt.MaxSize
	if limit <= 0 {
		limit = MaxFileSize
	}
	info, err := os.Lstat(path)
	if err != nil {
		d := refused(path, RuleRead, msg.New("source.unreadable", nil), msg.Plain(err.Error()))
		return File{}, &d
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		if ok, why := linkStaysInside(root, path); !ok {
			d := refused(path, RuleLink, msg.New("source.link-outside", nil), why)
			return File{}, &d
		}
		info, err = os.Stat(path)
		if err != nil {
			d := refused(path, RuleRead, msg.New("source.link-broken", nil), msg.Plain(err.Error()))
			return File{}, &d
		}
	}
	if !info.Mode().IsRegular() {
		d := refused(path, RuleRead, msg.New("source.not-regular", nil), msg.New("source.not-regular.detail", nil))
		return File{}, &d
	}
	if info.Size() > limit {
		d := refused(path, RuleTooLarge, msg.New("source.too-large", msg.Args{"Size": info.Size(), "Limit": limit}),
			msg.New("source.too-large.detail", nil))
		return File{}, &d
	}
	fh, err := os.Open(path)
	if err != nil {
		d := refused(path, RuleRead, msg.New("source.unreadable", nil), msg.Plain(err.Error()))
		return File{}, &d
	}
	defer fh.Close()
	data, err := readSized(fh, info.Size(), limit)
	if err != nil {
		d := refused(path, RuleRead, msg.New("source.unreadable", nil), msg.Plain(err.Error()))
		return File{}, &d
	}
	if int64(len(data)) > limit {
		d := refused(path, RuleTooLarge, msg.New("source.grew", msg.Args{"Limit": limit}), msg.New("source.grew.detail", nil))
		return File{}, &d
	}
	return textFile(path, data)
}

// textFile accepts data that is text, from disk or from an archive alike,
// and refuses it at the first byte that is not.
func textFile(path string, data []byte) (File, *diag.Diagnostic) {
	if line, col, bad := binaryAt(data); bad {
		d := refused(path, RuleBinary, msg.New("source.binary", nil), msg.New("source.binary.detail", nil))
		if !bytes.Contains(data, []byte{0}) {
			// Text without a NUL that fails UTF-8 is almost always a file
			// an older editor saved as Latin-1 or Windows-1252: say so and
			// how to convert it, instead of calling it binary.
			d.Summary = msg.New("source.not-utf8", nil)
			d.Detail = msg.New("source.not-utf8.detail", nil)
			d.Hint = msg.New("source.not-utf8.hint", msg.Args{"File": filepath.Base(path)})
		}
		d.Subject = diag.Point(path, line, col)
		return File{}, &d
	}
	return File{Path: path, Data: data}, nil
}

// binaryAt finds the first NUL byte or invalid UTF-8 sequence.
func binaryAt(data []byte) (line, col int, bad bool) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == 0 || (r == utf8.RuneError && size == 1) {
			return line, col, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return 0, 0, false
}

// linkStaysInside resolves a link and its whole chain and accepts it only when
// the final target is inside root.
func linkStaysInside(root, path string) (bool, msg.Text) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false, msg.New("source.link-unresolved", msg.Args{"Err": fmt.Sprint(errors.Unwrap(err))})
	}
	absRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false, msg.Plain(err.Error())
	}
	absRoot, _ = filepath.Abs(absRoot)
	absTarget, _ := filepath.Abs(target)
	rel, err := filepath.Rel(absRoot, absTarget)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false, msg.New("source.link-outside.detail", nil)
	}
	return true, msg.Text{}
}

func refused(path, rule string, summary, detail msg.Text) diag.Diagnostic {
	return diag.Diagnostic{
		Severity: diag.SeverityError,
		Summary:  summary,
		Detail:   detail,
		Subject:  diag.Range{Filename: path},
		Rule:     rule,
	}
}

// readSized reads a file whose size is known into a buffer of exactly that
// size (a large manifest is read without the doubling copies of
// io.ReadAll), then reads on, up to limit+1, in case it grew.
func readSized(r io.Reader, size, limit int64) ([]byte, error) {
	data := make([]byte, size)
	n, err := io.ReadFull(r, data)
	data = data[:n]
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return data, nil
	}
	if err != nil {
		return nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(r, limit+1-size))
	if err != nil {
		return nil, err
	}
	return append(data, rest...), nil
}

// FromBytes applies to a file already in memory (an entry of a submitted
// archive) the checks Read applies to a file on disk: size is the file's
// real size (data may have been cut at the limit), and a file over the
// limit or not text is refused with the same diagnostic, so a submission
// reads the same whether it was handed in as a folder or as an archive.
func FromBytes(path string, data []byte, size int64, opt Options) (File, *diag.Diagnostic) {
	limit := opt.MaxSize
	if limit <= 0 {
		limit = MaxFileSize
	}
	if size > limit || int64(len(data)) > limit {
		d := refused(path, RuleTooLarge, msg.New("source.too-large", msg.Args{"Size": max(size, int64(len(data))), "Limit": limit}),
			msg.New("source.too-large.detail", nil))
		return File{}, &d
	}
	return textFile(path, data)
}

// Refused is the diagnostic for a file that was not read, for callers that
// read files from somewhere else than the disk (an archive): rule is one of
// the Rule constants.
func Refused(path, rule string, summary, detail msg.Text) diag.Diagnostic {
	return refused(path, rule, summary, detail)
}
