package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// scope says which special names an expression may use: `each` inside a
// for_each block, `count` inside a count block, `self` inside provisioners,
// connections and postconditions, and local names introduced by for
// expressions and dynamic blocks.
type scope struct {
	each, count, self bool
	names             map[string]bool
	parent            *scope
}

func (s *scope) has(name string) bool {
	for x := s; x != nil; x = x.parent {
		if x.names[name] {
			return true
		}
	}
	return false
}

// child returns a scope inheriting s with extra local names.
func (s *scope) child(names ...string) *scope {
	c := &scope{each: s.each, count: s.count, self: s.self, names: map[string]bool{}, parent: s}
	for _, n := range names {
		if n != "" {
			c.names[n] = true
		}
	}
	return c
}

func (s *scope) withSelf() *scope {
	c := s.child()
	c.self = true
	return c
}

// checkReferences resolves every reference in every expression of the module.
func (c *checker) checkReferences() {
	for _, dc := range c.m.blocks {
		b := dc.block
		switch b.Type {
		case "resource", "data":
			c.refsInResource(b)
		case "module":
			sc := repeatScope(b)
			for _, a := range sortedAttrs(b.Body) {
				switch a.Name {
				case "source", "version", "providers":
				case "count", "for_each":
					c.walk(a.Expr, &scope{}, 0)
				default:
					c.walk(a.Expr, sc, 0)
				}
			}
		case "output", "locals", "provider":
			c.refsInBody(b.Body, &scope{}, 0)
		case "variable":
			for _, nb := range b.Body.Blocks {
				if nb.Type == "validation" {
					c.refsInBody(nb.Body, &scope{}, 0)
				}
			}
		case "check":
			// Data sources declared in a check block are visible only there.
			c.scoped = map[string]bool{}
			for _, nb := range b.Body.Blocks {
				if nb.Type == "data" && len(nb.Labels) == 2 {
					c.scoped[nb.Labels[0]+"."+nb.Labels[1]] = true
				}
			}
			for _, nb := range b.Body.Blocks {
				switch {
				case nb.Type == "data" && len(nb.Labels) == 2:
					c.refsInResource(nb)
				case nb.Type == "assert":
					c.refsInBody(nb.Body, &scope{}, 0)
				}
			}
			c.scoped = nil
		case "import":
			sc := &scope{each: b.Body.Attributes["for_each"] != nil}
			for _, a := range sortedAttrs(b.Body) {
				switch a.Name {
				case "id", "identity":
					c.walk(a.Expr, sc, 0)
				case "for_each":
					c.walk(a.Expr, &scope{}, 0)
				}
			}
		}
	}
}

func repeatScope(b *hclsyntax.Block) *scope {
	return &scope{each: b.Body.Attributes["for_each"] != nil, count: b.Body.Attributes["count"] != nil}
}

// refsInResource walks a resource or data block with its meta-arguments'
// special rules.
func (c *checker) refsInResource(b *hclsyntax.Block) {
	sc := repeatScope(b)
	for _, a := range sortedAttrs(b.Body) {
		switch a.Name {
		case "count", "for_each":
			c.walk(a.Expr, &scope{}, 0)
		case "provider":
			c.checkProviderRef(a.Expr)
		default:
			c.walk(a.Expr, sc, 0)
		}
	}
	for _, nb := range b.Body.Blocks {
		switch nb.Type {
		case "lifecycle":
			for _, a := range sortedAttrs(nb.Body) {
				if a.Name == "replace_triggered_by" {
					c.walk(a.Expr, sc, 0)
				}
			}
			for _, cb := range nb.Body.Blocks {
				inner := sc
				if cb.Type == "postcondition" {
					inner = sc.withSelf()
				}
				c.refsInBody(cb.Body, inner, 1)
			}
		case "provisioner", "connection":
			c.refsInBody(nb.Body, sc.withSelf(), 1)
		default:
			c.refsInBlock(nb, sc, 1)
		}
	}
}

// refsInBlock walks a nested block, handling dynamic blocks' iterators.
func (c *checker) refsInBlock(b *hclsyntax.Block, sc *scope, depth int) {
	if depth > maxExprDepth {
		return
	}
	if b.Type != "dynamic" || len(b.Labels) != 1 {
		c.refsInBody(b.Body, sc, depth)
		return
	}
	iter := b.Labels[0]
	if a, ok := b.Body.Attributes["iterator"]; ok {
		if t, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() && len(t) == 1 {
			iter = t.RootName()
		}
	}
	inner := sc.child(iter)
	for _, a := range sortedAttrs(b.Body) {
		switch a.Name {
		case "for_each":
			c.walk(a.Expr, sc, depth)
		case "iterator":
		default:
			c.walk(a.Expr, inner, depth)
		}
	}
	for _, nb := range b.Body.Blocks {
		c.refsInBlock(nb, inner, depth+1)
	}
}

// refsInBody walks every attribute and nested block of a body.
func (c *checker) refsInBody(body *hclsyntax.Body, sc *scope, depth int) {
	if depth > maxExprDepth {
		return
	}
	for _, a := range sortedAttrs(body) {
		c.walk(a.Expr, sc, depth)
	}
	for _, nb := range body.Blocks {
		c.refsInBlock(nb, sc, depth+1)
	}
}

// walk visits an expression, checking each reference in the scope that
// applies to it; for expressions add their own names.
func (c *checker) walk(e hclsyntax.Expression, sc *scope, depth int) {
	if e == nil || depth > maxExprDepth {
		return
	}
	d := depth + 1
	switch x := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		c.traversal(x.Traversal, sc)
	case *hclsyntax.RelativeTraversalExpr:
		c.walk(x.Source, sc, d)
	case *hclsyntax.ForExpr:
		c.walk(x.CollExpr, sc, d)
		inner := sc.child(x.KeyVar, x.ValVar)
		c.walk(x.KeyExpr, inner, d)
		c.walk(x.ValExpr, inner, d)
		c.walk(x.CondExpr, inner, d)
	case *hclsyntax.TemplateWrapExpr:
		c.interpolationOnly(x)
		c.walk(x.Wrapped, sc, d)
	case *hclsyntax.SplatExpr:
		c.walk(x.Source, sc, d)
		c.splatAttribute(x)
		c.walk(x.Each, sc, d)
	case *hclsyntax.ObjectConsKeyExpr:
		if !x.ForceNonLiteral && hcl.ExprAsKeyword(x.Wrapped) != "" {
			return
		}
		c.walk(x.Wrapped, sc, d)
	case *hclsyntax.AnonSymbolExpr, *hclsyntax.LiteralValueExpr:
	case *hclsyntax.FunctionCallExpr:
		for _, a := range x.Args {
			c.walk(a, sc, d)
		}
	case *hclsyntax.TemplateExpr:
		for _, p := range x.Parts {
			c.walk(p, sc, d)
		}
	case *hclsyntax.TemplateJoinExpr:
		c.walk(x.Tuple, sc, d)
	case *hclsyntax.TupleConsExpr:
		for _, it := range x.Exprs {
			c.walk(it, sc, d)
		}
	case *hclsyntax.ObjectConsExpr:
		for _, it := range x.Items {
			c.walk(it.KeyExpr, sc, d)
			c.walk(it.ValueExpr, sc, d)
		}
	case *hclsyntax.ConditionalExpr:
		c.walk(x.Condition, sc, d)
		c.walk(x.TrueResult, sc, d)
		c.walk(x.FalseResult, sc, d)
	case *hclsyntax.BinaryOpExpr:
		c.walk(x.LHS, sc, d)
		c.walk(x.RHS, sc, d)
	case *hclsyntax.UnaryOpExpr:
		c.walk(x.Val, sc, d)
	case *hclsyntax.IndexExpr:
		c.walk(x.Collection, sc, d)
		c.walk(x.Key, sc, d)
	case *hclsyntax.ParenthesesExpr:
		c.walk(x.Expression, sc, d)
	default:
		for _, t := range e.Variables() {
			c.traversal(t, sc)
		}
	}
}

// traversal resolves one reference such as var.region or aws_lb.main.dns_name.
func (c *checker) traversal(t hcl.Traversal, sc *scope) {
	if len(t) == 0 {
		return
	}
	root := t.RootName()
	if sc.has(root) {
		return
	}
	switch root {
	case "var":
		c.named(t, "variable", "var", func(n string) bool { return c.m.variables[n] != nil }, keysOf(c.m.variables))
	case "local":
		c.named(t, "local", "local", func(n string) bool { return c.m.locals[n] != nil }, keysOf(c.m.locals))
	case "module":
		c.named(t, "module", "module", func(n string) bool { return c.m.modules[n] != nil }, keysOf(c.m.modules))
		c.moduleOutput(t)
	case "data":
		c.dataRef(t)
	case "ephemeral":
		// Ephemeral resources are not indexed (their schemas are not in
		// the provider schema we hold); a reference to one is taken as
		// written rather than risk a false error.
	case "each":
		c.special(t, sc.each, "misplaced-each", []string{"key", "value"})
	case "count":
		c.special(t, sc.count, "misplaced-count", []string{"index"})
	case "self":
		if !sc.self {
			c.rp.add("tf/misplaced-iterator", t.SourceRange(), "misplaced-self", nil)
		}
	case "path":
		c.special(t, true, "", []string{"cwd", "module", "root"})
	case "terraform":
		c.special(t, true, "", []string{"applying", "workspace"})
	default:
		c.resourceRef(t)
	}
}

// step returns the name of an attribute step, or "" for an index step.
func step(t hcl.Traversal, i int) (string, hcl.Range, bool) {
	if i >= len(t) {
		return "", hcl.Range{}, false
	}
	switch s := t[i].(type) {
	case hcl.TraverseAttr:
		return s.Name, nameRange(s.SrcRange, s.Name), true
	case hcl.TraverseRoot:
		return s.Name, s.SrcRange, true
	}
	return "", t[i].SourceRange(), false
}

// nameRange drops the leading dot of an attribute step's range so the
// subject is the name itself.
func nameRange(r hcl.Range, name string) hcl.Range {
	if r.End.Byte-r.Start.Byte == len(name)+1 && r.Start.Line == r.End.Line {
		r.Start.Byte++
		r.Start.Column++
	}
	return r
}

func spanOf(t hcl.Traversal, n int) hcl.Range {
	if n > len(t) {
		n = len(t)
	}
	return hcl.RangeBetween(t[0].SourceRange(), t[n-1].SourceRange())
}

// named checks var.X, local.X and module.X.
func (c *checker) named(t hcl.Traversal, kind, prefix string, declared func(string) bool, names []string) {
	name, _, ok := step(t, 1)
	if !ok {
		c.rp.add("tf/undeclared-reference", t.SourceRange(), "incomplete-reference", msg.Args{"Prefix": prefix})
		return
	}
	if declared(name) || c.m.incomplete {
		return
	}
	d := c.rp.add("tf/undeclared-reference", spanOf(t, 2), "undeclared-"+kind, msg.Args{"Name": name})
	if s := suggest.Nearest(name, sortStrings(names)); s != "" {
		c.rp.suggestHint(d, prefix+"."+s)
	}
}

// special checks each, count, self, path and terraform.
func (c *checker) special(t hcl.Traversal, allowed bool, misplacedKey string, attrs []string) {
	if !allowed {
		c.rp.add("tf/misplaced-iterator", spanOf(t, 2), misplacedKey, nil)
		return
	}
	name, r, ok := step(t, 1)
	if !ok {
		c.rp.add("tf/undeclared-reference", t.SourceRange(), "incomplete-reference", msg.Args{"Prefix": t.RootName()})
		return
	}
	for _, a := range attrs {
		if a == name {
			return
		}
	}
	d := c.rp.add("tf/unknown-attribute", r, "unknown-special-attribute", msg.Args{"Object": t.RootName(), "Attribute": name, "Attributes": "`" + strings.Join(attrs, "`, `") + "`"})
	if s := suggest.Nearest(name, attrs); s != "" {
		c.rp.suggestHint(d, t.RootName()+"."+s)
	}
}

// resourceRef checks TYPE.NAME[.attribute].
func (c *checker) resourceRef(t hcl.Traversal) {
	typ := t.RootName()
	name, _, ok := step(t, 1)
	if !ok {
		if c.m.incomplete {
			return
		}
		d := c.rp.add("tf/undeclared-reference", t[0].SourceRange(), "unknown-name", msg.Args{"Name": typ})
		c.rp.suggestHint(d, c.suggestAddress(typ, 1))
		return
	}
	if byName, found := c.m.resources[typ]; found && byName[name] != nil {
		c.attributeRef(t, 2, typ, c.schemaFor(typ, false), "")
		return
	}
	if c.m.incomplete {
		return
	}
	d := c.rp.add("tf/undeclared-reference", spanOf(t, 2), "undeclared-resource", msg.Args{"Address": typ + "." + name})
	c.rp.suggestHint(d, c.suggestAddress(typ+"."+name, 2))
}

// dataRef checks data.TYPE.NAME[.attribute].
func (c *checker) dataRef(t hcl.Traversal) {
	typ, _, ok1 := step(t, 1)
	name, _, ok2 := step(t, 2)
	if !ok1 || !ok2 {
		c.rp.add("tf/undeclared-reference", t.SourceRange(), "incomplete-data", nil)
		return
	}
	if byName, found := c.m.data[typ]; (found && byName[name] != nil) || c.scoped[typ+"."+name] {
		c.attributeRef(t, 3, typ, c.schemaFor(typ, true), "data.")
		return
	}
	if c.m.incomplete {
		return
	}
	addr := "data." + typ + "." + name
	d := c.rp.add("tf/undeclared-reference", spanOf(t, 3), "undeclared-data", msg.Args{"Address": addr})
	c.rp.suggestHint(d, c.suggestAddress(addr, 3))
}

// attributeRef checks the attribute after a resource address, skipping one
// index step (aws_instance.web[0].id).
func (c *checker) attributeRef(t hcl.Traversal, i int, typ string, sch *blockSchema, prefix string) {
	if sch == nil || i >= len(t) {
		return
	}
	if _, isIndex := t[i].(hcl.TraverseIndex); isIndex {
		i++
	}
	attr, r, ok := step(t, i)
	if !ok {
		return
	}
	c.checkAttrName(sch, prefix+typ, attr, r)
}

func (c *checker) checkAttrName(sch *blockSchema, typ, attr string, r hcl.Range) {
	if sch.hasAttribute(attr) {
		return
	}
	names := sch.attributeNames()
	d := c.rp.add("tf/unknown-attribute", r, "unknown-attribute", msg.Args{"Type": typ, "Attribute": attr})
	c.rp.suggestHint(d, suggest.Nearest(attr, names))
}

// splatAttribute checks aws_instance.web[*].id style references.
func (c *checker) splatAttribute(x *hclsyntax.SplatExpr) {
	src, ok := x.Source.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return
	}
	each, ok := x.Each.(*hclsyntax.RelativeTraversalExpr)
	if !ok || len(each.Traversal) == 0 {
		return
	}
	attr, isAttr := each.Traversal[0].(hcl.TraverseAttr)
	if !isAttr {
		return
	}
	t := src.Traversal
	var typ string
	var sch *blockSchema
	switch {
	case t.RootName() == "data" && len(t) == 3:
		typ, _, _ = step(t, 1)
		name, _, _ := step(t, 2)
		if c.m.data[typ][name] == nil {
			return
		}
		sch = c.schemaFor(typ, true)
		typ = "data." + typ
	case len(t) == 2:
		typ = t.RootName()
		name, _, _ := step(t, 1)
		d := c.m.resources[typ][name]
		if d == nil {
			return
		}
		if _, ok := d.block.Body.Attributes["for_each"]; ok {
			// A for_each resource is a map of instances: [*] wraps the
			// whole map and then finds no such attribute on it.
			c.rp.add("tf/splat-for-each", x.MarkerRange, "splat-for-each", msg.Args{"Resource": typ + "." + name, "Attribute": attr.Name})
			return
		}
		sch = c.schemaFor(typ, false)
	default:
		return
	}
	if sch != nil {
		c.checkAttrName(sch, typ, attr.Name, nameRange(attr.SrcRange, attr.Name))
	}
}

// suggestAddress finds the declared address nearest to what was written,
// considering the first n steps (var.regoin, aws_lb.mian, data.x.y).
func (c *checker) suggestAddress(written string, _ int) string {
	var cands []string
	for n := range c.m.variables {
		cands = append(cands, "var."+n)
	}
	for n := range c.m.locals {
		cands = append(cands, "local."+n)
	}
	for n := range c.m.modules {
		cands = append(cands, "module."+n)
	}
	for typ, byName := range c.m.resources {
		for n := range byName {
			cands = append(cands, typ+"."+n)
		}
	}
	for typ, byName := range c.m.data {
		for n := range byName {
			cands = append(cands, "data."+typ+"."+n)
		}
	}
	sortStrings(cands)
	if s := suggest.Nearest(written, cands); s != "" {
		return s
	}
	// A bare name that is a declared variable or local: region → var.region.
	if !strings.Contains(written, ".") {
		if c.m.variables[written] != nil {
			return "var." + written
		}
		if c.m.locals[written] != nil {
			return "local." + written
		}
	}
	return ""
}

// checkProviderRef checks `provider = aws.west` against the configurations.
func (c *checker) checkProviderRef(e hclsyntax.Expression) {
	t, diags := hcl.AbsTraversalForExpr(e)
	if diags.HasErrors() || len(t) == 0 {
		return
	}
	name := t.RootName()
	alias := ""
	if len(t) > 1 {
		alias, _, _ = step(t, 1)
	}
	var known []string
	for _, p := range c.m.providers {
		a := literalString(p.block.Body.Attributes["alias"])
		if p.block.Labels[0] == name && a == alias {
			return
		}
		if a != "" {
			known = append(known, p.block.Labels[0]+"."+a)
		}
	}
	if alias == "" || c.m.incomplete {
		// The default configuration of a provider exists implicitly.
		return
	}
	d := c.rp.add("tf/undeclared-reference", e.Range(), "undeclared-provider", msg.Args{"Address": name + "." + alias})
	c.rp.suggestHint(d, suggest.Nearest(name+"."+alias, sortStrings(known)))
}
