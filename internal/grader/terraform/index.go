package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/msg"
)

// index records a top-level declaration and reports duplicates.
func index(m *Module, dc *decl, rp *reporter) {
	b := dc.block
	switch b.Type {
	case "resource", "data":
		table := m.resources
		if b.Type == "data" {
			table = m.data
		}
		typ, name := b.Labels[0], b.Labels[1]
		if table[typ] == nil {
			table[typ] = map[string]*decl{}
		}
		r := hcl.RangeBetween(b.LabelRanges[0], b.LabelRanges[1])
		if first, dup := table[typ][name]; dup {
			label := typ + "." + name
			if b.Type == "data" {
				label = "data." + label
			}
			rp.add("tf/duplicate", r, "duplicate", msg.Args{"Address": label, "First": where(first.block.DefRange())})
		} else {
			table[typ][name] = dc
		}
		checkCountForEach(b, rp)
	case "variable", "output", "module":
		table := map[string]map[string]*decl{"variable": m.variables, "output": m.outputs, "module": m.modules}[b.Type]
		prefix := map[string]string{"variable": "var.", "output": "output.", "module": "module."}[b.Type]
		name := b.Labels[0]
		if first, dup := table[name]; dup {
			rp.add("tf/duplicate", b.LabelRanges[0], "duplicate", msg.Args{"Address": prefix + name, "First": where(first.block.DefRange())})
		} else {
			table[name] = dc
		}
		if b.Type == "module" {
			checkCountForEach(b, rp)
		}
	case "locals":
		for _, a := range sortedAttrs(b.Body) {
			if first, dup := m.locals[a.Name]; dup {
				rp.add("tf/duplicate", a.NameRange, "duplicate", msg.Args{"Address": "local." + a.Name, "First": where(first.attr.NameRange)})
				continue
			}
			m.locals[a.Name] = &localDecl{file: dc.file, attr: a}
		}
	case "provider":
		key := providerKey(b)
		for _, p := range m.providers {
			if providerKey(p.block) == key {
				label := b.Labels[0]
				if alias := literalString(b.Body.Attributes["alias"]); alias != "" {
					label += "." + alias
				}
				rp.add("tf/duplicate", b.LabelRanges[0], "duplicate-provider", msg.Args{"Provider": label, "First": where(p.block.DefRange())})
				return
			}
		}
		m.providers = append(m.providers, dc)
	case "terraform":
		m.terraforms = append(m.terraforms, dc)
		for _, nb := range b.Body.Blocks {
			if nb.Type != "backend" && nb.Type != "cloud" {
				continue
			}
			if m.backend != nil || m.cloud != nil {
				first := m.backend
				if first == nil {
					first = m.cloud
				}
				rp.add("tf/duplicate", nb.TypeRange, "duplicate-backend", msg.Args{"First": where(first.DefRange())})
				continue
			}
			if nb.Type == "backend" {
				if len(nb.Labels) == 1 {
					m.backend = nb
				}
			} else {
				m.cloud = nb
			}
		}
	}
}

// providerKey identifies a provider configuration: its name plus alias.
func providerKey(b *hclsyntax.Block) string {
	return b.Labels[0] + "\x00" + literalString(b.Body.Attributes["alias"])
}

// checkCountForEach reports a block that sets both repetition arguments.
func checkCountForEach(b *hclsyntax.Block, rp *reporter) {
	c, hasCount := b.Body.Attributes["count"]
	fe, hasForEach := b.Body.Attributes["for_each"]
	if !hasCount || !hasForEach {
		return
	}
	second := fe
	if fe.SrcRange.Start.Byte < c.SrcRange.Start.Byte {
		second = c
	}
	rp.add("tf/count-and-for-each", second.NameRange, "count-and-for-each", msg.Args{"Block": b.Type})
}

// literalString returns an attribute's value when it is a constant string.
func literalString(a *hclsyntax.Attribute) string {
	if a == nil {
		return ""
	}
	v, ok := constValue(a.Expr)
	if !ok || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// constValue evaluates an expression that needs no variables or functions.
func constValue(e hclsyntax.Expression) (cty.Value, bool) {
	if lit, ok := e.(*hclsyntax.LiteralValueExpr); ok {
		return lit.Val, true
	}
	// A plain quoted string is a template of one literal part; its value
	// is that part's, without evaluating the template.
	if t, ok := e.(*hclsyntax.TemplateExpr); ok && len(t.Parts) == 1 {
		if lit, ok := t.Parts[0].(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull() {
			return lit.Val, true
		}
	}
	if e == nil || !isConst(e, 0) {
		return cty.NilVal, false
	}
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		return cty.NilVal, false
	}
	return v, true
}

// hasCall reports whether an expression calls a function anywhere.
func hasCall(e hclsyntax.Expression) bool {
	found := false
	_ = hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if _, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			found = true
		}
		return nil
	})
	return found
}

// isConst reports, without allocating, whether an expression is built only
// from literals and operators, so evaluating it needs no context.
func isConst(e hclsyntax.Expression, depth int) bool {
	if depth > maxExprDepth {
		return false
	}
	d := depth + 1
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return true
	case *hclsyntax.TemplateExpr:
		for _, p := range x.Parts {
			if !isConst(p, d) {
				return false
			}
		}
		return true
	case *hclsyntax.TemplateWrapExpr:
		return isConst(x.Wrapped, d)
	case *hclsyntax.TupleConsExpr:
		for _, it := range x.Exprs {
			if !isConst(it, d) {
				return false
			}
		}
		return true
	case *hclsyntax.ObjectConsExpr:
		for _, it := range x.Items {
			if !isConst(it.KeyExpr, d) || !isConst(it.ValueExpr, d) {
				return false
			}
		}
		return true
	case *hclsyntax.ObjectConsKeyExpr:
		if !x.ForceNonLiteral && hcl.ExprAsKeyword(x.Wrapped) != "" {
			return true
		}
		return isConst(x.Wrapped, d)
	case *hclsyntax.BinaryOpExpr:
		return isConst(x.LHS, d) && isConst(x.RHS, d)
	case *hclsyntax.UnaryOpExpr:
		return isConst(x.Val, d)
	case *hclsyntax.ParenthesesExpr:
		return isConst(x.Expression, d)
	case *hclsyntax.ConditionalExpr:
		return isConst(x.Condition, d) && isConst(x.TrueResult, d) && isConst(x.FalseResult, d)
	case *hclsyntax.IndexExpr:
		return isConst(x.Collection, d) && isConst(x.Key, d)
	}
	return false
}
