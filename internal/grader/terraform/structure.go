package terraform

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// spec describes what a block accepts: how many labels, which attributes
// (true when required) and which nested blocks. It is what Terraform itself
// enforces for the blocks that do not come from a provider.
type spec struct {
	labels    []string
	attrs     map[string]bool
	anyAttrs  bool
	blocks    map[string]*spec
	anyBlocks bool
	// provider marks resource and data blocks: their arguments come from the
	// provider schema and are checked by checkResource.
	provider bool
}

var conditionSpec = &spec{attrs: map[string]bool{"condition": true, "error_message": true}}

var freeSpec = &spec{anyAttrs: true, anyBlocks: true}

// topLevel is the schema of a module's top-level blocks; read-only.
var topLevel = map[string]*spec{
	"terraform": {
		attrs: map[string]bool{"required_version": false, "experiments": false},
		blocks: map[string]*spec{
			"required_providers": {anyAttrs: true},
			"backend":            {labels: []string{"type"}, anyAttrs: true, anyBlocks: true},
			"cloud":              {anyAttrs: true, anyBlocks: true},
			"provider_meta":      {labels: []string{"provider"}, anyAttrs: true},
		},
	},
	"provider": {labels: []string{"name"}, anyAttrs: true, anyBlocks: true},
	"variable": {
		labels: []string{"name"},
		attrs: map[string]bool{"type": false, "default": false, "description": false,
			"sensitive": false, "nullable": false, "ephemeral": false},
		blocks: map[string]*spec{"validation": conditionSpec},
	},
	"locals":   {anyAttrs: true},
	"resource": {labels: []string{"type", "name"}, provider: true},
	"data":     {labels: []string{"type", "name"}, provider: true},
	// Ephemeral resources (Terraform 1.10+) are never stored in state; their
	// schemas are not in the provider schema we check against, so their
	// arguments are taken as written.
	"ephemeral": {labels: []string{"type", "name"}, anyAttrs: true, anyBlocks: true},
	"module": {
		labels: []string{"name"},
		attrs: map[string]bool{"source": true, "version": false, "count": false,
			"for_each": false, "depends_on": false, "providers": false},
		anyAttrs: true,
	},
	"output": {
		labels: []string{"name"},
		attrs: map[string]bool{"value": true, "description": false, "sensitive": false,
			"depends_on": false, "ephemeral": false},
		blocks: map[string]*spec{"precondition": conditionSpec},
	},
	"moved":  {attrs: map[string]bool{"from": true, "to": true}},
	"import": {attrs: map[string]bool{"to": true, "id": false, "identity": false, "provider": false, "for_each": false}},
	"check": {
		labels: []string{"name"},
		blocks: map[string]*spec{
			"data":   {labels: []string{"type", "name"}, provider: true},
			"assert": conditionSpec,
		},
	},
	"removed": {
		attrs: map[string]bool{"from": true},
		blocks: map[string]*spec{
			"lifecycle":   {attrs: map[string]bool{"destroy": false}},
			"provisioner": {labels: []string{"type"}, anyAttrs: true, anyBlocks: true},
			"connection":  freeSpec,
		},
	},
}

var topLevelNames = sortedKeys(topLevel)

// reservedVariableNames cannot name an input variable because module calls
// use them as meta-arguments.
var reservedVariableNames = []string{"count", "depends_on", "for_each", "lifecycle", "locals", "providers", "source", "version"}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// where names a place for "first declared at" details.
func where(r hcl.Range) string { return fmt.Sprintf("%s:%d", r.Filename, r.Start.Line) }

// checkTopLevel checks one file's top-level blocks and indexes declarations.
func checkTopLevel(m *Module, f *tfFile, rp *reporter) {
	for _, a := range sortedAttrs(f.body) {
		rp.add("tf/unknown-argument", a.NameRange, "toplevel-attribute", msg.Args{"Name": a.Name})
	}
	for _, b := range f.body.Blocks {
		sp, ok := topLevel[b.Type]
		if !ok {
			d := rp.add("tf/unknown-block", b.TypeRange, "unknown-toplevel-block", msg.Args{"Type": b.Type})
			rp.suggestHint(d, suggest.Nearest(b.Type, topLevelNames))
			continue
		}
		if !checkLabels(b, sp, rp) {
			continue
		}
		checkSpec(b, sp, rp, 0)
		dc := &decl{file: f, block: b}
		m.blocks = append(m.blocks, dc)
		index(m, dc, rp)
	}
}

// sortedAttrs returns a body's attributes in source order.
func sortedAttrs(body *hclsyntax.Body) []*hclsyntax.Attribute {
	if len(body.Attributes) == 1 {
		for _, a := range body.Attributes {
			return []*hclsyntax.Attribute{a}
		}
	}
	as := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, a := range body.Attributes {
		as = append(as, a)
	}
	slices.SortFunc(as, func(a, b *hclsyntax.Attribute) int { return a.SrcRange.Start.Byte - b.SrcRange.Start.Byte })
	return as
}

// checkLabels checks the label count and that names are identifiers; false
// means the block is too malformed to index.
func checkLabels(b *hclsyntax.Block, sp *spec, rp *reporter) bool {
	want := len(sp.labels)
	switch {
	case len(b.Labels) > want:
		r := b.LabelRanges[want]
		rp.add("tf/block-labels", r, "labels-extra", msg.Args{"Block": b.Type, "Want": want})
		return false
	case len(b.Labels) < want:
		r := hcl.RangeBetween(b.TypeRange, b.OpenBraceRange)
		rp.add("tf/block-labels", r, "labels-missing", msg.Args{"Block": b.Type, "Want": want, "Labels": joinLabels(sp.labels)})
		return false
	}
	ok := true
	for i, l := range b.Labels {
		if !validIdentifier(l) {
			rp.add("tf/invalid-name", b.LabelRanges[i], "invalid-name", msg.Args{"Name": l})
			ok = false
		}
	}
	if b.Type == "variable" && ok && slices.Contains(reservedVariableNames, b.Labels[0]) {
		rp.add("tf/invalid-name", b.LabelRanges[0], "reserved-variable", msg.Args{"Name": b.Labels[0]})
	}
	return ok
}

func joinLabels(ls []string) string {
	s := ""
	for i, l := range ls {
		if i > 0 {
			s += " "
		}
		s += "\"" + l + "\""
	}
	return s
}

// checkSpec checks a non-provider block body against its spec.
func checkSpec(b *hclsyntax.Block, sp *spec, rp *reporter, depth int) {
	if sp.provider || depth > maxExprDepth {
		return
	}
	body, blockType := b.Body, b.Type
	for _, a := range sortedAttrs(body) {
		if _, ok := sp.attrs[a.Name]; ok || sp.anyAttrs {
			continue
		}
		d := rp.add("tf/unknown-argument", a.NameRange, "unknown-meta-argument", msg.Args{"Name": a.Name, "Block": blockType})
		rp.suggestHint(d, suggest.Nearest(a.Name, sortedKeys(sp.attrs)))
	}
	for _, name := range sortedKeys(sp.attrs) {
		if sp.attrs[name] {
			if _, ok := body.Attributes[name]; !ok {
				rp.add("tf/missing-argument", b.DefRange(), "missing-meta-argument", msg.Args{"Name": name, "Block": blockType})
			}
		}
	}
	for _, nb := range body.Blocks {
		ns, ok := sp.blocks[nb.Type]
		if !ok {
			if sp.anyBlocks {
				continue
			}
			d := rp.add("tf/unknown-block", nb.TypeRange, "unknown-nested-block", msg.Args{"Name": nb.Type, "Block": blockType})
			rp.suggestHint(d, suggest.Nearest(nb.Type, sortedKeys(sp.blocks)))
			if _, isAttr := sp.attrs[nb.Type]; isAttr {
				d.Hint = hint("block-is-attribute", msg.Args{"Name": nb.Type})
			}
			continue
		}
		if !checkLabels(nb, ns, rp) {
			continue
		}
		checkSpec(nb, ns, rp, depth+1)
	}
}

// validIdentifier is hclsyntax.ValidIdentifier, which runs the whole hcl
// lexer on its argument, with a direct answer for ASCII names: a letter or
// underscore, then letters, digits, underscores and dashes.
func validIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return hclsyntax.ValidIdentifier(s)
		}
		if !isIdentStart(c) && (i == 0 || !isDigit(c) && c != '-') {
			return false
		}
	}
	return s != ""
}
