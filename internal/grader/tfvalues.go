package grader

import (
	"fmt"
	"maps"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/grader/terraform"
	"github.com/iactutor/iactutor/internal/source"
)

// evaluatedValues is the module as plan sees it before anything exists,
// in the shape of the written model: where an attribute's value is known
// it is the value (a local holding 8000 is 8000, var.region is its
// default), where it waits for a resource it is a reference
// {"ref", "address", "attribute"}, and otherwise it stays as written.
func evaluatedValues(mod *terraform.Module, written map[string]any, files []source.File) map[string]any {
	out := map[string]any{}
	for _, k := range terraformVars {
		out[k] = written[k]
	}
	if mod == nil {
		return out
	}
	vals := mod.Values()
	resources := deepCopyMap(asMap(written["resources"]))
	data := deepCopyMap(asMap(written["data"]))
	locals := deepCopyMap(asMap(written["locals"]))
	outputs := deepCopyMap(asMap(written["outputs"]))
	providers := deepCopyMap(asMap(written["providers"]))
	seenProvider := map[string]int{}
	for _, f := range files {
		if path.Ext(f.Path) != ".tf" {
			continue
		}
		body, ok := mod.Body(f.Path)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			switch {
			case (b.Type == "resource" || b.Type == "data") && len(b.Labels) == 2:
				target := resources
				if b.Type == "data" {
					target = data
				}
				byName := asMap(target[b.Labels[0]])
				if byName != nil {
					if m := asMap(byName[b.Labels[1]]); m != nil {
						evalBody(vals, f.Data, b.Body, m)
					}
				}
			case b.Type == "locals":
				for name, a := range b.Body.Attributes {
					if v, ok := evalAttr(vals, f.Data, a); ok {
						locals[name] = v
					}
				}
			case b.Type == "output" && len(b.Labels) == 1:
				if m := asMap(outputs[b.Labels[0]]); m != nil {
					evalBody(vals, f.Data, b.Body, m)
				}
			case b.Type == "provider" && len(b.Labels) == 1:
				i := seenProvider[b.Labels[0]]
				seenProvider[b.Labels[0]]++
				if l := asList(providers[b.Labels[0]]); i < len(l) {
					if m := asMap(l[i]); m != nil {
						evalBody(vals, f.Data, b.Body, m)
					}
				}
			}
		}
	}
	out["resources"], out["data"], out["locals"], out["outputs"], out["providers"] = resources, data, locals, outputs, providers
	return out
}

// evalBody replaces the written values of a block with evaluated ones,
// nested blocks included, in the order they were written.
func evalBody(vals *terraform.Values, src []byte, body *hclsyntax.Body, m map[string]any) {
	for name, a := range body.Attributes {
		if v, ok := evalAttr(vals, src, a); ok {
			m[name] = v
		}
	}
	seen := map[string]int{}
	for _, nb := range body.Blocks {
		i := seen[nb.Type]
		seen[nb.Type]++
		if l := asList(m[nb.Type]); i < len(l) {
			if sub := asMap(l[i]); sub != nil {
				evalBody(vals, src, nb.Body, sub)
			}
		}
	}
}

// evalAttr gives an attribute's value when it is known, or a reference
// value when the expression names another object's attribute.
func evalAttr(vals *terraform.Values, src []byte, a *hclsyntax.Attribute) (any, bool) {
	if v, ok := vals.Value(a.Expr); ok {
		v, _ = v.UnmarkDeep()
		if v.IsWhollyKnown() && !v.IsNull() {
			if g, ok := terraform.GoValue(v); ok {
				return g, true
			}
		}
	}
	expr := a.Expr
	// "${aws_lb.api.dns_name}" is the reference itself: a template of one
	// interpolation returns its value unchanged.
	if w, ok := expr.(*hclsyntax.TemplateWrapExpr); ok {
		expr = w.Wrapped
	}
	if t, ok := expr.(*hclsyntax.ScopeTraversalExpr); ok {
		text := traversalText(t.Traversal)
		addr, attr := reference(text)
		if addr != "" {
			return map[string]any{"ref": text, "address": addr, "attribute": attr}, true
		}
	}
	return exprText(src, a.Expr)
}

// exprText is an expression's source as its tokens, one space apart:
// what is left of an expression that cannot be evaluated yet, compared
// without its line endings, layout or comments.
func exprText(src []byte, e hclsyntax.Expression) (string, bool) {
	r := e.Range()
	if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
		return "", false
	}
	toks, ds := hclsyntax.LexExpression(src[r.Start.Byte:r.End.Byte], r.Filename, r.Start)
	if ds.HasErrors() {
		return "", false
	}
	var parts []string
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenComment, hclsyntax.TokenEOF:
			continue
		}
		parts = append(parts, string(t.Bytes))
	}
	return strings.Join(parts, " "), true
}

// traversalText writes a reference as Terraform spells it,
// aws_lb_target_group.api.arn, with indexes as [0] or ["a"].
func traversalText(tr hcl.Traversal) string {
	var b strings.Builder
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String {
				fmt.Fprintf(&b, "[%q]", s.Key.AsString())
			} else if s.Key.Type() == cty.Number {
				fmt.Fprintf(&b, "[%s]", s.Key.AsBigFloat().Text('f', -1))
			}
		}
	}
	return b.String()
}

func deepCopyMap(m map[string]any) map[string]any {
	out := maps.Clone(m)
	if out == nil {
		return map[string]any{}
	}
	for k, v := range out {
		out[k] = deepCopy(v)
	}
	return out
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return deepCopyMap(x)
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}
