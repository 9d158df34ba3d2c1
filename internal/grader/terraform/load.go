package terraform

import (
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

// Options tunes a lint run.
type Options struct {
	// Production means the exercise asks for production practice: local
	// state / S3 backend without locking become errors instead of warnings.
	Production bool

	// schema replaces the embedded provider schema, for tests of what
	// happens when it cannot be read.
	schema func() (*providerSchema, error)
}

// Module is one parsed Terraform module (the .tf files of one folder) with
// its declarations indexed by kind and name, which is what reference
// resolution, the rules and the exercise expectations all need.
type Module struct {
	files []*tfFile
	// incomplete is set when a file did not parse, so module-wide rules that
	// need every declaration (undeclared references, missing backend) stay
	// quiet rather than blame the learner for a side effect.
	incomplete bool

	resources  map[string]map[string]*decl
	data       map[string]map[string]*decl
	variables  map[string]*decl
	outputs    map[string]*decl
	modules    map[string]*decl
	locals     map[string]*localDecl
	providers  []*decl
	terraforms []*decl
	backend    *hclsyntax.Block
	cloud      *hclsyntax.Block
	// blocks lists every top-level block in file order.
	blocks []*decl
	// tfvars are the variable files Terraform reads without being asked
	// (terraform.tfvars, then *.auto.tfvars by name), in that order, so a
	// later file's value wins as it does in Terraform. Other .tfvars files
	// are only checked for syntax: they count only with -var-file.
	tfvars []*tfFile
	// calls maps a module block's name to the module of its local source
	// when that folder was linted too; child is set on a module some other
	// folder calls that way. Both are filled by lintFolders.
	calls map[string]*Module
	child bool
	// values is the evaluated module, built on first use by Values.
	evalOnce sync.Once
	values   *Values
}

// tfFile is one parsed file.
type tfFile struct {
	path   string
	src    []byte
	body   *hclsyntax.Body
	broken bool
	// fmtDiff is where terraform fmt would first change the file, nil when
	// it is already formatted.
	fmtDiff *fmtDiff
}

// decl is one top-level block and the file it sits in.
type decl struct {
	file  *tfFile
	block *hclsyntax.Block
}

// localDecl is one entry of a locals block.
type localDecl struct {
	file *tfFile
	attr *hclsyntax.Attribute
}

// maxBracketDepth refuses files nested deeper than any real configuration,
// before the recursive parser sees them.
const maxBracketDepth = 200

// maxConditionals caps `? :` operators per file: chained conditionals nest in
// the parser, and no hand-written module has thousands of them.
const maxConditionals = 5000

// Load parses every .tf file as one module and checks its block structure.
// Files with syntax errors are reported and the others are still indexed.
func Load(files []source.File, opt Options) (*Module, diag.Diagnostics) {
	rp := &reporter{}
	m := &Module{
		resources: map[string]map[string]*decl{},
		data:      map[string]map[string]*decl{},
		variables: map[string]*decl{},
		outputs:   map[string]*decl{},
		modules:   map[string]*decl{},
		locals:    map[string]*localDecl{},
		calls:     map[string]*Module{},
	}
	var tf, vars []source.File
	for _, sf := range files {
		switch {
		case strings.HasSuffix(strings.ToLower(sf.Path), ".tf"):
			tf = append(tf, sf)
		case IsVarFile(sf.Path):
			vars = append(vars, sf)
		}
	}
	m.loadVarFiles(vars, rp)
	parsed := make([]*tfFile, len(tf))
	reports := make([]*reporter, len(tf))
	// Lexing and parsing dominate the run time and each file is
	// independent, so files are parsed on every core.
	forEachIndex(len(tf), func(i int) {
		reports[i] = &reporter{}
		parsed[i] = parseFile(tf[i], reports[i])
	})
	for i, f := range parsed {
		rp.diags = append(rp.diags, reports[i].diags...)
		if f.broken {
			m.incomplete = true
		}
		m.files = append(m.files, f)
	}
	// Declarations are indexed in path order so "first declared at" and
	// module-wide anchors do not depend on the order files were given in.
	slices.SortStableFunc(m.files, func(a, b *tfFile) int { return strings.Compare(a.path, b.path) })
	for _, f := range m.files {
		if f.body == nil {
			continue
		}
		checkTopLevel(m, f, rp)
	}
	return m, rp.diags
}

// IsVarFile reports whether path is a Terraform variable file (.tfvars).
func IsVarFile(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), ".tfvars")
}

// autoVarFile reports whether Terraform reads a variable file on its own,
// and in which group: terraform.tfvars first (0), then *.auto.tfvars (1).
func autoVarFile(path string) (int, bool) {
	base := strings.ToLower(filepath.Base(path))
	switch {
	case base == "terraform.tfvars":
		return 0, true
	case strings.HasSuffix(base, ".auto.tfvars"):
		return 1, true
	}
	return 0, false
}

// loadVarFiles parses variable files and keeps the automatic ones in the
// order Terraform applies them. A broken variable file does not make the
// module incomplete: the declarations all live in .tf files.
func (m *Module) loadVarFiles(files []source.File, rp *reporter) {
	for _, sf := range files {
		f := parseFile(sf, rp)
		f.fmtDiff = nil
		if _, auto := autoVarFile(sf.Path); auto && !f.broken && f.body != nil {
			m.tfvars = append(m.tfvars, f)
		}
	}
	slices.SortStableFunc(m.tfvars, func(a, b *tfFile) int {
		ga, _ := autoVarFile(a.path)
		gb, _ := autoVarFile(b.path)
		if ga != gb {
			return ga - gb
		}
		return strings.Compare(filepath.Base(a.path), filepath.Base(b.path))
	})
}

// forEachIndex calls fn for 0…n-1 on every core and returns when all calls
// have. Callers keep results by index, so the outcome never depends on
// scheduling.
func forEachIndex(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// parseFile parses one file with hcl, turning hcl's syntax diagnostics into
// ours with their original ranges. The tokens for the depth cap and the
// formatting check come from quickScan when it takes the file, since hcl's
// lexer spends most of its time on positions those two never need.
func parseFile(sf source.File, rp *reporter) *tfFile {
	f := &tfFile{path: sf.Path, src: sf.Data}
	toks, scanned := quickScan(sf.Data)
	if !scanned {
		raw, _ := hclsyntax.LexConfig(sf.Data, sf.Path, hcl.InitialPos)
		toks = fromHCLTokens(raw)
	}
	if i := tooDeep(toks); i >= 0 {
		rp.add("tf/syntax", rangeAt(sf.Path, sf.Data, int(toks[i].start), int(toks[i].end)), "syntax-too-deep", msg.Args{"Max": maxBracketDepth})
		f.broken = true
		return f
	}
	hf, diags := hclsyntax.ParseConfig(sf.Data, sf.Path, hcl.InitialPos)
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		f.broken = true
		addSyntax(rp, sf.Path, d)
	}
	if hf != nil {
		if body, ok := hf.Body.(*hclsyntax.Body); ok {
			f.body = body
		}
	}
	if !f.broken && f.body != nil {
		f.fmtDiff = formatDifference(toks, sf.Data)
	}
	return f
}

// tooDeep returns the index of the first token where nesting passes the
// cap, or -1.
func tooDeep(toks []ftok) int {
	depth, unary, questions := 0, 0, 0
	for i := range toks {
		t := &toks[i]
		// Chains of unary operators and nested conditionals also recurse in
		// the parser without brackets.
		if t.typ == hclsyntax.TokenBang || t.typ == hclsyntax.TokenMinus {
			unary++
			if unary > maxBracketDepth {
				return i
			}
		} else {
			unary = 0
		}
		if t.typ == hclsyntax.TokenQuestion {
			questions++
			if questions > maxConditionals {
				return i
			}
		}
		switch t.typ {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl, hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			depth++
			if depth > maxBracketDepth {
				return i
			}
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
			hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			depth--
		}
	}
	return -1
}

// rangeAt builds a range from byte offsets, counting lines and characters,
// for tokens that carry only offsets.
func rangeAt(path string, src []byte, start, end int) hcl.Range {
	pos := func(off int) hcl.Pos {
		line, col := 1, 1
		for _, r := range string(src[:min(off, len(src))]) {
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return hcl.Pos{Line: line, Column: col, Byte: off}
	}
	return hcl.Range{Filename: path, Start: pos(start), End: pos(end)}
}

// addSyntax converts one hcl syntax error, keeping hcl's own range.
func addSyntax(rp *reporter, path string, d *hcl.Diagnostic) {
	r := hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos}
	if d.Subject != nil {
		r = *d.Subject
	}
	x := rp.add("tf/syntax", r, "syntax", msg.Args{"Problem": syntaxSummary(d.Summary)})
	if d.Detail != "" {
		// hcl's detail is more precise than ours but only in English; the
		// catalog shows it in English and keeps ours elsewhere.
		x.Detail = msg.New("tf.syntax.detail-with-hcl", msg.Args{
			"HCLDetail": msg.New("tf.syntax.hcl-detail", msg.Args{"Detail": d.Detail}),
		})
	}
}
