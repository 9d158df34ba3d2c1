package terraform

import (
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// varFileValues are the values the automatic variable files give, by
// variable name, the last file winning as in Terraform. Terraform reads
// them only in the folder it runs in, so a module another folder calls
// gets none: its caller sets its variables.
func (m *Module) varFileValues() map[string]*hclsyntax.Attribute {
	if m.child || len(m.tfvars) == 0 {
		return nil
	}
	out := map[string]*hclsyntax.Attribute{}
	for _, f := range m.tfvars {
		for name, a := range f.body.Attributes {
			out[name] = a
		}
	}
	return out
}

// variableType is a variable's type constraint with its optional()
// defaults; ok is false when the constraint does not parse (another rule
// reports it).
func variableType(vb *hclsyntax.Block) (cty.Type, *typeexpr.Defaults, bool) {
	ta := vb.Body.Attributes["type"]
	if ta == nil {
		return cty.DynamicPseudoType, nil, true
	}
	ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(ta.Expr)
	if diags.HasErrors() {
		return cty.DynamicPseudoType, nil, false
	}
	return ty, defaults, true
}

// checkVarFiles holds the automatic variable files to what terraform plan
// requires of them: only arguments, each a literal value (a variable file
// is read before anything can be referenced), of a type its variable's
// constraint accepts. A value for a variable the module does not declare
// is a warning, as Terraform gives: the value is ignored.
func (c *checker) checkVarFiles() {
	if c.m.child {
		return
	}
	names := sortStrings(keysOf(c.m.variables))
	for _, f := range c.m.tfvars {
		for _, b := range f.body.Blocks {
			c.rp.add("tf/tfvars", b.TypeRange, "tfvars-block", msg.Args{"Type": b.Type})
		}
		for _, a := range sortedAttrs(f.body) {
			vd := c.m.variables[a.Name]
			if vd == nil {
				if c.m.incomplete {
					continue
				}
				d := c.rp.add("tf/tfvars", a.NameRange, "tfvars-undeclared", msg.Args{"Name": a.Name})
				d.Severity = diag.SeverityWarning
				c.rp.suggestHint(d, suggest.Nearest(a.Name, names))
				continue
			}
			v, ok := evalIn(nil, a.Expr)
			if !ok {
				c.rp.add("tf/tfvars", a.Expr.Range(), "tfvars-not-literal", msg.Args{"Name": a.Name})
				continue
			}
			ty, defaults, ok := variableType(vd.block)
			if !ok || v.IsNull() {
				continue
			}
			if defaults != nil {
				v = defaults.Apply(v)
			}
			if _, err := convert.Convert(v, ty); err != nil {
				c.rp.add("tf/tfvars", a.Expr.Range(), "tfvars-type", msg.Args{
					"Name": a.Name, "Type": typeexpr.TypeString(ty), "Actual": friendlyType(v.Type()),
				})
			}
		}
	}
}
