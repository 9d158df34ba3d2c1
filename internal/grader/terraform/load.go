package terraform

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/source"
)

// Options tunes a lint run.
type Options struct {
	// Production means the exercise asks for production practice: local
	// state / S3 backend without locking become errors instead of warnings.
	Production bool
	// Lang is "en" or "es": the language of Summary/Detail/Hint texts.
	Lang string
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
}

// tfFile is one parsed file.
type tfFile struct {
	path   string
	src    []byte
	body   *hclsyntax.Body
	tokens hclsyntax.Tokens
	broken bool
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
	rp := &reporter{lang: opt.Lang}
	m := &Module{
		resources: map[string]map[string]*decl{},
		data:      map[string]map[string]*decl{},
		variables: map[string]*decl{},
		outputs:   map[string]*decl{},
		modules:   map[string]*decl{},
		locals:    map[string]*localDecl{},
	}
	for _, sf := range files {
		if !strings.HasSuffix(strings.ToLower(sf.Path), ".tf") {
			continue
		}
		f := parseFile(sf, rp)
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

// parseFile lexes and parses one file, turning hcl's syntax diagnostics into
// ours with their original ranges.
func parseFile(sf source.File, rp *reporter) *tfFile {
	f := &tfFile{path: sf.Path, src: sf.Data}
	toks, lexDiags := hclsyntax.LexConfig(sf.Data, sf.Path, hcl.InitialPos)
	if r, ok := tooDeep(toks); ok {
		rp.add("tf/syntax", r, "syntax-too-deep", maxBracketDepth)
		f.broken = true
		return f
	}
	f.tokens = toks
	hf, diags := hclsyntax.ParseConfig(sf.Data, sf.Path, hcl.InitialPos)
	if len(lexDiags) > 0 && !diags.HasErrors() {
		diags = append(diags, lexDiags...)
	}
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
	return f
}

// tooDeep reports the first token where bracket nesting passes the cap.
func tooDeep(toks hclsyntax.Tokens) (hcl.Range, bool) {
	depth, unary, questions := 0, 0, 0
	for _, t := range toks {
		// Chains of unary operators and nested conditionals also recurse in
		// the parser without brackets.
		if t.Type == hclsyntax.TokenBang || t.Type == hclsyntax.TokenMinus {
			unary++
			if unary > maxBracketDepth {
				return t.Range, true
			}
		} else {
			unary = 0
		}
		if t.Type == hclsyntax.TokenQuestion {
			questions++
			if questions > maxConditionals {
				return t.Range, true
			}
		}
		switch t.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl, hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			depth++
			if depth > maxBracketDepth {
				return t.Range, true
			}
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
			hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			depth--
		}
	}
	return hcl.Range{}, false
}

// addSyntax converts one hcl syntax error, keeping hcl's own range.
func addSyntax(rp *reporter, path string, d *hcl.Diagnostic) {
	r := hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos}
	if d.Subject != nil {
		r = *d.Subject
	}
	summary := syntaxSummary(rp.lang, d.Summary)
	x := rp.add("tf/syntax", r, "syntax", summary)
	if d.Detail != "" && rp.lang != "es" {
		x.Detail = d.Detail
	}
}
