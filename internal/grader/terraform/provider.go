package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// Meta-arguments Terraform itself accepts in every resource and data block.
var resourceMetaAttrs = []string{"count", "depends_on", "for_each", "provider"}

var resourceLifecycle = &spec{
	attrs: map[string]bool{"create_before_destroy": false, "prevent_destroy": false,
		"ignore_changes": false, "replace_triggered_by": false},
	blocks: map[string]*spec{"precondition": conditionSpec, "postcondition": conditionSpec},
}

var dataLifecycle = &spec{blocks: map[string]*spec{"precondition": conditionSpec, "postcondition": conditionSpec}}

var provisionerSpec = &spec{labels: []string{"type"}, anyAttrs: true, anyBlocks: true}

// checkProviderBlocks checks every resource and data block against the
// provider schema.
func (c *checker) checkProviderBlocks() {
	for _, dc := range c.m.blocks {
		switch dc.block.Type {
		case "resource":
			c.checkProviderBlock(dc.block, false)
		case "data":
			c.checkProviderBlock(dc.block, true)
		case "check":
			for _, nb := range dc.block.Body.Blocks {
				if nb.Type == "data" && len(nb.Labels) == 2 {
					c.checkProviderBlock(nb, true)
				}
			}
		}
	}
}

func (c *checker) schemaFor(typ string, data bool) *blockSchema {
	if c.ps == nil {
		return nil
	}
	if data {
		return c.ps.dataSource(typ)
	}
	return c.ps.resource(typ)
}

func (c *checker) checkProviderBlock(b *hclsyntax.Block, data bool) {
	typ := b.Labels[0]
	sch := c.schemaFor(typ, data)
	if sch == nil && c.ps != nil {
		names := c.ps.resNames
		key := "unknown-resource-type"
		if data {
			names, key = c.ps.dataNames, "unknown-data-type"
		}
		d := c.rp.add("tf/unknown-resource-type", b.LabelRanges[0], key, msg.Args{"Type": typ, "Version": c.ps.Version})
		c.rp.suggestHint(d, suggest.Nearest(typ, names))
	}
	lifecycle := resourceLifecycle
	if data {
		lifecycle = dataLifecycle
	}
	for _, name := range resourceMetaAttrs {
		if a, ok := b.Body.Attributes[name]; ok {
			c.checkMetaType(a)
		}
	}
	c.bctx = c.m.Values().blockContext(b.Body)
	for _, nb := range b.Body.Blocks {
		switch {
		case nb.Type == "lifecycle":
			if checkLabels(nb, lifecycle, c.rp) {
				checkSpec(nb, lifecycle, c.rp, 1)
				if !data && sch != nil {
					c.checkIgnoreChanges(nb.Body, sch, typ)
				}
			}
		case (nb.Type == "provisioner" || nb.Type == "connection") && !data:
			sp := provisionerSpec
			if nb.Type == "connection" {
				sp = freeSpec
			}
			checkLabels(nb, sp, c.rp)
		}
	}
	if sch != nil {
		if sch.Deprecated {
			key := "deprecated-resource"
			if data {
				key = "deprecated-data"
			}
			c.rp.add("tf/deprecated", b.LabelRanges[0], key, msg.Args{"Type": typ, "Version": c.ps.Version})
		}
		// Inside a deprecated type every argument is flagged too: the one
		// warning on the type says it all.
		c.typeDeprecated = sch.Deprecated
		c.checkBody(b, sch, true, 0)
		c.typeDeprecated = false
	}
}

// checkMetaType holds count and for_each to the types Terraform accepts,
// judged on the evaluated value: count a number (a bool is never one), for_each
// a map or a set of strings. A value whose type is not settled (unknown
// type, or from a variable whose caller may pick another) is left alone.
func (c *checker) checkMetaType(a *hclsyntax.Attribute) {
	v, ok := c.m.Values().Value(a.Expr)
	if !ok {
		return
	}
	plain, ok := typed(v)
	if !ok {
		return
	}
	ty := plain.Type()
	switch a.Name {
	case "count":
		if _, err := convert.Convert(plain, cty.Number); err != nil {
			c.rp.add("tf/wrong-type", a.Expr.Range(), "count-type", msg.Args{"Actual": friendlyType(ty)})
		}
	case "for_each":
		switch {
		case ty.IsTupleType() || ty.IsListType():
			c.rp.add("tf/wrong-type", a.Expr.Range(), "for-each-list", nil)
		case ty.IsSetType():
			if et := ty.ElementType(); et != cty.String && et != cty.DynamicPseudoType {
				c.rp.add("tf/wrong-type", a.Expr.Range(), "for-each-set-type", msg.Args{"Actual": typeName(et)})
			}
		case !ty.IsObjectType() && !ty.IsMapType():
			c.rp.add("tf/wrong-type", a.Expr.Range(), "for-each-type", msg.Args{"Actual": friendlyType(ty)})
		}
	}
}

// checkBody compares a resource body (or one of its nested blocks) with the
// schema: unknown and computed-only arguments, literal values of the wrong
// type, missing required arguments, unknown and repeated nested blocks.
func (c *checker) checkBody(b *hclsyntax.Block, sch *blockSchema, top bool, depth int) {
	if depth > maxExprDepth {
		return
	}
	body := b.Body
	for _, a := range sortedAttrs(body) {
		if top && isMeta(a.Name) {
			continue
		}
		spec, ok := sch.Args[a.Name]
		if !ok {
			if _, isBlock := sch.Blocks[a.Name]; isBlock {
				c.rp.add("tf/unknown-argument", a.NameRange, "attribute-is-block", msg.Args{"Name": a.Name})
				continue
			}
			d := c.rp.add("tf/unknown-argument", a.NameRange, "unknown-argument", msg.Args{"Name": a.Name, "Block": blockTitle(b)})
			cands := sch.settableNames()
			if top {
				cands = append(cands, resourceMetaAttrs...)
			}
			c.rp.suggestHint(d, suggest.Nearest(a.Name, cands))
			continue
		}
		if !spec.Optional && !spec.Required {
			c.rp.add("tf/unknown-argument", a.NameRange, "computed-argument", msg.Args{"Name": a.Name, "Block": blockTitle(b)})
			continue
		}
		if spec.Deprecated && !c.typeDeprecated {
			c.rp.add("tf/deprecated", a.NameRange, "deprecated-argument", msg.Args{"Name": a.Name, "Block": blockTitle(b), "Version": c.ps.Version})
		}
		if !needsEval(a.Expr, spec.Type) {
			continue
		}
		if v, ok := evalIn(c.bctx, a.Expr); ok {
			if plain, ok := typed(v); ok {
				if _, err := convert.Convert(plain, spec.Type); err != nil {
					c.rp.add("tf/wrong-type", a.Expr.Range(), "wrong-type", msg.Args{"Name": a.Name, "Expected": friendlyTypeName(spec.Type), "Actual": friendlyType(plain.Type())})
				}
			}
		}
	}
	for _, name := range sch.required {
		if _, ok := body.Attributes[name]; !ok {
			c.rp.add("tf/missing-argument", b.DefRange(), "missing-argument", msg.Args{"Name": name, "Block": blockTitle(b)})
		}
	}
	var counts map[string]int
	var dynamic map[string]bool
	if len(body.Blocks) > 0 {
		counts, dynamic = map[string]int{}, map[string]bool{}
	}
	for _, nb := range body.Blocks {
		name := nb.Type
		if top && (name == "lifecycle" || name == "provisioner" || name == "connection") {
			continue
		}
		if name == "dynamic" {
			if len(nb.Labels) != 1 {
				checkLabels(nb, dynamicSpec, c.rp)
				continue
			}
			name = nb.Labels[0]
			ns, ok := sch.nested(name)
			if !ok {
				d := c.rp.add("tf/unknown-block", nb.LabelRanges[0], "unknown-nested-block", msg.Args{"Name": name, "Block": blockTitle(b)})
				c.rp.suggestHint(d, suggest.Nearest(name, sch.blockNames()))
				continue
			}
			dynamic[name] = true
			if ns.Deprecated && !c.typeDeprecated {
				c.rp.add("tf/deprecated", nb.LabelRanges[0], "deprecated-block", msg.Args{"Name": name, "Block": blockTitle(b), "Version": c.ps.Version})
			}
			checkSpec(nb, dynamicSpec, c.rp, depth+1)
			saved := c.bctx
			c.bctx = withIterator(saved, iteratorName(nb))
			for _, content := range nb.Body.Blocks {
				if content.Type == "content" {
					c.checkBody(content, &ns.blockSchema, false, depth+1)
				}
			}
			c.bctx = saved
			continue
		}
		ns, ok := sch.nested(name)
		if !ok {
			d := c.rp.add("tf/unknown-block", nb.TypeRange, "unknown-nested-block", msg.Args{"Name": name, "Block": blockTitle(b)})
			if _, isArg := sch.Args[name]; isArg {
				d.Hint = hint("block-is-attribute", msg.Args{"Name": name})
			} else {
				c.rp.suggestHint(d, suggest.Nearest(name, sch.blockNames()))
			}
			continue
		}
		if len(nb.Labels) > 0 {
			c.rp.add("tf/block-labels", nb.LabelRanges[0], "labels-extra", msg.Args{"Block": name, "Want": 0})
			continue
		}
		counts[name]++
		if ns.Deprecated && !c.typeDeprecated && counts[name] == 1 {
			c.rp.add("tf/deprecated", nb.TypeRange, "deprecated-block", msg.Args{"Name": name, "Block": blockTitle(b), "Version": c.ps.Version})
		}
		if ns.Max > 0 && counts[name] == ns.Max+1 {
			c.rp.add("tf/duplicate", nb.TypeRange, "too-many-blocks", msg.Args{"Block": name, "Max": ns.Max})
		}
		c.checkBody(nb, &ns.blockSchema, false, depth+1)
	}
	for _, name := range sch.minBlocks {
		if counts[name] == 0 && !dynamic[name] {
			c.rp.add("tf/missing-argument", b.DefRange(), "missing-block", msg.Args{"Name": name, "Block": blockTitle(b)})
		}
	}
}

// dynamicSpec is what a dynamic block itself accepts around its content.
var dynamicSpec = &spec{
	labels: []string{"block type"},
	attrs:  map[string]bool{"for_each": true, "iterator": false, "labels": false},
	// content bodies are checked against the provider schema instead.
	blocks: map[string]*spec{"content": {provider: true}},
}

func isMeta(name string) bool {
	for _, m := range resourceMetaAttrs {
		if m == name {
			return true
		}
	}
	return false
}

func keysOf[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// blockTitle names a block for messages: `aws_ecs_service.api` for a
// resource, the block type for nested blocks.
func blockTitle(b *hclsyntax.Block) string {
	switch {
	case b.Type == "resource" && len(b.Labels) == 2:
		return b.Labels[0] + "." + b.Labels[1]
	case b.Type == "data" && len(b.Labels) == 2:
		return "data." + b.Labels[0] + "." + b.Labels[1]
	}
	return b.Type
}

// friendlyType names a value's type the way the lessons do.
func friendlyType(t cty.Type) string {
	switch {
	case t == cty.String:
		return "string"
	case t == cty.Number:
		return "number"
	case t == cty.Bool:
		return "bool"
	case t.IsTupleType() || t.IsListType():
		return "list"
	case t.IsSetType():
		return "set"
	case t.IsObjectType() || t.IsMapType():
		return "map"
	case t == cty.DynamicPseudoType:
		return "null"
	}
	return t.FriendlyName()
}

// friendlyTypeName prints an expected type in Terraform's own syntax.
func friendlyTypeName(t cty.Type) string {
	return typeexpr.TypeString(t)
}

// iteratorName is the name a dynamic block's content uses for the current
// element: the block's label unless `iterator` renames it.
func iteratorName(b *hclsyntax.Block) string {
	name := b.Labels[0]
	if a, ok := b.Body.Attributes["iterator"]; ok {
		if t, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() && len(t) == 1 {
			name = t.RootName()
		}
	}
	return name
}

// checkIgnoreChanges holds each entry of ignore_changes to the resource
// type's schema, as terraform validate does: ignoring an attribute the
// type does not have is an error.
func (c *checker) checkIgnoreChanges(body *hclsyntax.Body, sch *blockSchema, typ string) {
	a, ok := body.Attributes["ignore_changes"]
	if !ok {
		return
	}
	tuple, ok := a.Expr.(*hclsyntax.TupleConsExpr)
	if !ok {
		return // `all`, or something terraform itself rejects
	}
	for _, it := range tuple.Exprs {
		var name string
		var r hcl.Range
		if st, ok := it.(*hclsyntax.ScopeTraversalExpr); ok {
			name, r = st.Traversal.RootName(), st.Traversal[0].SourceRange()
		} else if s := literalStringExpr(it); s != "" {
			name, r = s, it.Range()
			if i := strings.IndexAny(name, ".["); i >= 0 {
				name = name[:i]
			}
		} else {
			continue
		}
		if _, isArg := sch.Args[name]; isArg {
			continue
		}
		if _, isBlock := sch.Blocks[name]; isBlock {
			continue
		}
		d := c.rp.add("tf/ignore-changes", r, "ignore-changes-unknown", msg.Args{"Name": name, "Type": typ})
		c.rp.suggestHint(d, suggest.Nearest(name, sch.settableNames()))
	}
}
