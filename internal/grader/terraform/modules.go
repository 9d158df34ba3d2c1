package terraform

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
	"github.com/iactutor/iactutor/internal/suggest"
)

// moduleMeta are the arguments of a module block that Terraform itself
// takes; every other argument sets one of the child's variables.
var moduleMeta = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true,
}

// lintFolders loads the .tf files of each folder as its own module, links
// every `module` block whose local source names another of the folders to
// that folder's module, and checks them. Linking is what lets a call be
// held to the child's variables and outputs, and marks the child so it is
// spared the advice that belongs to the root module alone (remote state,
// tags through the provider). A child whose folder is not among the files
// is left alone: terraform init may fetch it.
func lintFolders(files []source.File, opt Options) diag.Diagnostics {
	var dirs []string
	byDir := map[string][]source.File{}
	for _, f := range files {
		d := path.Clean(filepath.ToSlash(filepath.Dir(f.Path)))
		if _, ok := byDir[d]; !ok {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	mods := make([]*Module, len(dirs))
	loadDiags := make([]diag.Diagnostics, len(dirs))
	index := map[string]int{}
	for i, d := range dirs {
		index[d] = i
		mods[i], loadDiags[i] = Load(byDir[d], opt)
	}
	var ds diag.Diagnostics
	for i, m := range mods {
		rp := &reporter{}
		for _, name := range sortStrings(keysOf(m.modules)) {
			b := m.modules[name].block
			a := b.Body.Attributes["source"]
			if a == nil {
				continue
			}
			src := literalStringExpr(a.Expr)
			if src == "" {
				continue
			}
			if strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") {
				if j, ok := index[path.Clean(path.Join(dirs[i], src))]; ok && j != i {
					m.calls[name] = mods[j]
					mods[j].child = true
				}
				continue
			}
			// A bare folder name is read by Terraform as a registry
			// address, so a folder beside the caller must start with ./.
			if strings.Contains(src, "::") || strings.Contains(src, "://") {
				continue
			}
			if j, ok := index[path.Clean(path.Join(dirs[i], src))]; ok && j != i {
				d := rp.add("tf/module-source", a.Expr.Range(), "module-source", msg.Args{"Source": src})
				d.Hint = hint("module-source", msg.Args{"Source": "./" + src})
			}
		}
		ds = append(ds, rp.diags...)
	}
	for i, m := range mods {
		ds = append(ds, loadDiags[i]...)
		ds = append(ds, Check(m, opt)...)
	}
	return ds
}

// checkModuleCalls holds each linked module call to the child's variables:
// every required one set, no argument the child does not declare, and
// literal values of a type the variable's constraint accepts.
func (c *checker) checkModuleCalls() {
	for _, name := range sortStrings(keysOf(c.m.calls)) {
		child := c.m.calls[name]
		dc := c.m.modules[name]
		if child == nil || dc == nil || child.incomplete {
			continue
		}
		b := dc.block
		ctx := c.m.Values().blockContext(b.Body)
		vars := keysOf(child.variables)
		for _, a := range sortedAttrs(b.Body) {
			if moduleMeta[a.Name] {
				continue
			}
			v := child.variables[a.Name]
			if v == nil {
				d := c.rp.add("tf/module-unknown-input", a.NameRange, "module-unknown-input", msg.Args{"Name": a.Name, "Module": name})
				c.rp.suggestHint(d, suggest.Nearest(a.Name, sortStrings(vars)))
				continue
			}
			c.checkInputType(ctx, a, v.block, name)
		}
		for _, vn := range sortStrings(vars) {
			vb := child.variables[vn].block
			if vb.Body.Attributes["default"] != nil || b.Body.Attributes[vn] != nil {
				continue
			}
			c.rp.add("tf/module-missing-input", hcl.RangeBetween(b.TypeRange, b.LabelRanges[0]), "module-missing-input", msg.Args{"Name": vn, "Module": name})
		}
	}
}

// checkInputType reports an argument whose evaluated type the variable's
// type constraint cannot take; a value whose type is not settled is left
// to plan.
func (c *checker) checkInputType(ctx *hcl.EvalContext, a *hclsyntax.Attribute, vb *hclsyntax.Block, module string) {
	ta := vb.Body.Attributes["type"]
	if ta == nil {
		return
	}
	ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(ta.Expr)
	if diags.HasErrors() || ty == cty.DynamicPseudoType {
		return
	}
	v, ok := evalIn(ctx, a.Expr)
	if !ok {
		return
	}
	val, ok := typed(v)
	if !ok {
		return
	}
	if defaults != nil && val.IsWhollyKnown() {
		val = defaults.Apply(val)
	}
	if _, err := convert.Convert(val, ty); err != nil {
		c.rp.add("tf/module-input-type", a.Expr.Range(), "module-input-type", msg.Args{
			"Name": a.Name, "Module": module, "Type": typeexpr.TypeString(ty),
		})
	}
}

// moduleOutput checks that module.NAME.OUTPUT names an output of a linked
// child; an index step after the name (count or for_each) is skipped.
func (c *checker) moduleOutput(t hcl.Traversal) {
	name, _, ok := step(t, 1)
	if !ok {
		return
	}
	child := c.m.calls[name]
	if child == nil || child.incomplete {
		return
	}
	i := 2
	if i < len(t) {
		if _, idx := t[i].(hcl.TraverseIndex); idx {
			i++
		}
	}
	out, r, ok := step(t, i)
	if !ok || child.outputs[out] != nil {
		return
	}
	d := c.rp.add("tf/module-unknown-output", r, "module-unknown-output", msg.Args{"Name": out, "Module": name})
	if s := suggest.Nearest(out, sortStrings(keysOf(child.outputs))); s != "" {
		c.rp.suggestHint(d, "module."+name+"."+s)
	}
}
