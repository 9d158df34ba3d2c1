package terraform

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/diag"
)

// Data exposes the module as plain Go values for exercise expectations
// written in CEL. Keys:
//
//   - "resources": type → name → block
//   - "data": type → name → block
//   - "variables", "outputs", "modules": name → block
//   - "locals": name → value
//   - "providers": name → list of blocks (one per configuration, aliases included)
//   - "terraform": the merged terraform blocks: "required_version",
//     "required_providers" (name → value) and any other attribute
//   - "backend": the backend's attributes plus "type", or nil
//   - "moved": one {"from", "to"} per moved block, in file order, each
//     address as written without spaces, so a check can see a rename
//     recorded in the code (the state it protects is not in the module)
//
// A block is a map of attribute name → value. A value is a string, int64,
// float64, bool, []any or map[string]any when the expression is a literal or
// folds to a constant without variables or functions; otherwise it is the
// expression's source text. List and object constructors are converted
// element by element, so `tags = { Project = "api", Env = var.env }` gives
// {"Project": "api", "Env": "var.env"}. Nested blocks are lists of such maps under their
// block type; labelled nested blocks (dynamic, provisioner) carry their
// labels under "_labels".
func (m *Module) Data() map[string]any {
	if m == nil {
		return map[string]any{}
	}
	out := map[string]any{
		"resources": m.typedData(m.resources),
		"data":      m.typedData(m.data),
		"variables": m.namedData(m.variables),
		"outputs":   m.namedData(m.outputs),
		"modules":   m.namedData(m.modules),
		"backend":   nil,
	}
	locals := map[string]any{}
	for name, l := range m.locals {
		locals[name] = m.exprValue(l.attr.Expr)
	}
	out["locals"] = locals
	providers := map[string]any{}
	for _, p := range m.providers {
		name := p.block.Labels[0]
		list, _ := providers[name].([]any)
		providers[name] = append(list, m.blockData(p.block.Body, 0))
	}
	out["providers"] = providers
	tf := map[string]any{}
	required := map[string]any{}
	for _, t := range m.terraforms {
		for _, a := range sortedAttrs(t.block.Body) {
			tf[a.Name] = m.exprValue(a.Expr)
		}
		for _, nb := range t.block.Body.Blocks {
			if nb.Type == "required_providers" {
				for _, a := range sortedAttrs(nb.Body) {
					required[a.Name] = m.exprValue(a.Expr)
				}
			}
		}
	}
	tf["required_providers"] = required
	out["terraform"] = tf
	out["moved"] = m.movedData()
	if m.backend != nil {
		be := m.blockData(m.backend.Body, 0)
		be["type"] = m.backend.Labels[0]
		out["backend"] = be
	} else if m.cloud != nil {
		be := m.blockData(m.cloud.Body, 0)
		be["type"] = "cloud"
		out["backend"] = be
	}
	return out
}

// movedData lists the moved blocks' addresses.
func (m *Module) movedData() []any {
	out := []any{}
	for _, d := range m.blocks {
		if d.block.Type != "moved" {
			continue
		}
		mv := map[string]any{}
		for _, k := range []string{"from", "to"} {
			if a := d.block.Body.Attributes[k]; a != nil {
				mv[k] = strings.Join(strings.Fields(m.sourceText(a.Expr.Range())), "")
			}
		}
		out = append(out, mv)
	}
	return out
}

func (m *Module) typedData(t map[string]map[string]*decl) map[string]any {
	out := map[string]any{}
	for typ, byName := range t {
		out[typ] = m.namedData(byName)
	}
	return out
}

func (m *Module) namedData(byName map[string]*decl) map[string]any {
	out := map[string]any{}
	for name, d := range byName {
		out[name] = m.blockData(d.block.Body, 0)
	}
	return out
}

func (m *Module) blockData(body *hclsyntax.Body, depth int) map[string]any {
	out := map[string]any{}
	if depth > maxExprDepth {
		return out
	}
	for _, a := range sortedAttrs(body) {
		out[a.Name] = m.exprValue(a.Expr)
	}
	for _, nb := range body.Blocks {
		bd := m.blockData(nb.Body, depth+1)
		if len(nb.Labels) > 0 {
			labels := make([]any, len(nb.Labels))
			for i, l := range nb.Labels {
				labels[i] = l
			}
			bd["_labels"] = labels
		}
		list, _ := out[nb.Type].([]any)
		out[nb.Type] = append(list, bd)
	}
	return out
}

// exprValue is a literal's Go value, or the expression's source text. List
// and object constructors are converted element by element, so a tags map
// with one variable in it still exposes its literal entries.
func (m *Module) exprValue(e hclsyntax.Expression) any {
	return m.exprValueAt(e, 0)
}

func (m *Module) exprValueAt(e hclsyntax.Expression, depth int) any {
	if v, ok := constValue(e); ok {
		if g, ok := toGo(v, 0); ok {
			return g
		}
	}
	if depth < maxExprDepth {
		switch x := e.(type) {
		case *hclsyntax.TupleConsExpr:
			out := make([]any, 0, len(x.Exprs))
			for _, it := range x.Exprs {
				out = append(out, m.exprValueAt(it, depth+1))
			}
			return out
		case *hclsyntax.ObjectConsExpr:
			out := map[string]any{}
			for _, it := range x.Items {
				k := objectKey(it.KeyExpr)
				if k == "" {
					return m.sourceText(e.Range())
				}
				out[k] = m.exprValueAt(it.ValueExpr, depth+1)
			}
			return out
		}
	}
	return m.sourceText(e.Range())
}

// GoValue converts a known cty value to the plain Go values checks read
// (string, bool, int64 or float64, []any, map[string]any; nil for null).
func GoValue(v cty.Value) (any, bool) { return toGo(v, 0) }

// toGo converts a known cty value to plain Go values.
func toGo(v cty.Value, depth int) (any, bool) {
	if depth > maxExprDepth || !v.IsKnown() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), true
	case ty == cty.Bool:
		return v.True(), true
	case ty == cty.Number:
		bf := v.AsBigFloat()
		if bf.IsInt() {
			if i, acc := bf.Int64(); acc == big.Exact {
				return i, true
			}
		}
		f, _ := bf.Float64()
		return f, true
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := []any{}
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			g, ok := toGo(ev, depth+1)
			if !ok {
				return nil, false
			}
			out = append(out, g)
		}
		return out, true
	case ty.IsMapType() || ty.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			g, ok := toGo(ev, depth+1)
			if !ok {
				return nil, false
			}
			out[k.AsString()] = g
		}
		return out, true
	}
	return nil, false
}

// Locate resolves a path like "resource.aws_ecs_service.api.desired_count",
// "variable.region.default", "terraform.backend" or
// "resource.aws_ecs_service.api.load_balancer[0].container_port" to a range:
// the value for an attribute (or a key inside an object value), the
// definition line for a block. The "resource." prefix may be left out. It
// reports false when nothing is at that path.
func (m *Module) Locate(path string) (diag.Range, bool) {
	if m == nil {
		return diag.Range{}, false
	}
	segs := strings.Split(path, ".")
	if len(segs) == 0 || segs[0] == "" {
		return diag.Range{}, false
	}
	var block *hclsyntax.Block
	rest := segs
	lookup2 := func(t map[string]map[string]*decl, s []string) {
		if len(s) >= 2 {
			if d := t[s[0]][s[1]]; d != nil {
				block, rest = d.block, s[2:]
			}
		}
	}
	lookup1 := func(t map[string]*decl, s []string) {
		if len(s) >= 1 {
			if d := t[s[0]]; d != nil {
				block, rest = d.block, s[1:]
			}
		}
	}
	switch segs[0] {
	case "resource":
		lookup2(m.resources, segs[1:])
	case "data":
		lookup2(m.data, segs[1:])
	case "variable", "var":
		lookup1(m.variables, segs[1:])
	case "output":
		lookup1(m.outputs, segs[1:])
	case "module":
		lookup1(m.modules, segs[1:])
	case "local", "locals":
		if len(segs) >= 2 {
			if l := m.locals[segs[1]]; l != nil {
				return locateInExpr(l.attr.Expr, segs[2:])
			}
		}
		return diag.Range{}, false
	case "provider":
		if len(segs) < 2 {
			return diag.Range{}, false
		}
		rest = segs[2:]
		for _, p := range m.providers {
			if p.block.Labels[0] != segs[1] {
				continue
			}
			alias := literalString(p.block.Body.Attributes["alias"])
			if len(segs) > 2 && alias != "" && alias == segs[2] {
				block, rest = p.block, segs[3:]
				break
			}
			if block == nil && alias == "" {
				block = p.block
			}
		}
	case "terraform":
		return m.locateTerraform(segs[1:])
	case "backend":
		return m.locateTerraform(segs)
	default:
		lookup2(m.resources, segs)
	}
	if block == nil {
		return diag.Range{}, false
	}
	return locateInBody(block, rest, 0)
}

func (m *Module) locateTerraform(segs []string) (diag.Range, bool) {
	if len(segs) == 0 {
		if len(m.terraforms) == 0 {
			return diag.Range{}, false
		}
		return toRange(m.terraforms[0].block.DefRange()), true
	}
	switch segs[0] {
	case "backend":
		if m.backend == nil {
			return diag.Range{}, false
		}
		return locateInBody(m.backend, segs[1:], 0)
	case "cloud":
		if m.cloud == nil {
			return diag.Range{}, false
		}
		return locateInBody(m.cloud, segs[1:], 0)
	}
	for _, t := range m.terraforms {
		if r, ok := locateInBody(t.block, segs, 0); ok {
			return r, true
		}
	}
	return diag.Range{}, false
}

// splitIndex reads "name[2]" as ("name", 2); a plain name has index 0.
func splitIndex(seg string) (string, int, bool) {
	open := strings.IndexByte(seg, '[')
	if open < 0 {
		return seg, 0, true
	}
	if !strings.HasSuffix(seg, "]") {
		return "", 0, false
	}
	n, err := strconv.Atoi(seg[open+1 : len(seg)-1])
	if err != nil || n < 0 {
		return "", 0, false
	}
	return seg[:open], n, true
}

func locateInBody(b *hclsyntax.Block, segs []string, depth int) (diag.Range, bool) {
	if len(segs) == 0 {
		return toRange(b.DefRange()), true
	}
	if depth > maxExprDepth {
		return diag.Range{}, false
	}
	name, idx, ok := splitIndex(segs[0])
	if !ok {
		return diag.Range{}, false
	}
	if a, ok := b.Body.Attributes[name]; ok && idx == 0 && !strings.Contains(segs[0], "[") {
		return locateInExpr(a.Expr, segs[1:])
	}
	rest := segs[1:]
	// "load_balancer.1.container_port" is the same as "load_balancer[1]...".
	if len(rest) > 0 && !strings.Contains(segs[0], "[") {
		if n, err := strconv.Atoi(rest[0]); err == nil && n >= 0 {
			idx, rest = n, rest[1:]
		}
	}
	i := 0
	for _, nb := range b.Body.Blocks {
		if nb.Type != name {
			continue
		}
		if i == idx {
			return locateInBody(nb, rest, depth+1)
		}
		i++
	}
	return diag.Range{}, false
}

// locateInExpr follows object keys inside a value.
func locateInExpr(e hclsyntax.Expression, segs []string) (diag.Range, bool) {
	for depth := 0; len(segs) > 0; depth++ {
		if depth > maxExprDepth {
			return diag.Range{}, false
		}
		obj, ok := e.(*hclsyntax.ObjectConsExpr)
		if !ok {
			return diag.Range{}, false
		}
		var next hclsyntax.Expression
		for _, it := range obj.Items {
			if objectKey(it.KeyExpr) == segs[0] {
				next = it.ValueExpr
				break
			}
		}
		if next == nil {
			return diag.Range{}, false
		}
		e, segs = next, segs[1:]
	}
	return toRange(e.Range()), true
}
