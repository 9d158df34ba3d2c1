package terraform

import (
	"errors"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// ErrUndecided is returned when a validation condition cannot be decided
// offline (it calls a function we do not have, or reads what only apply
// knows).
var ErrUndecided = errors.New("the condition cannot be decided without Terraform")

// ValidationAllows reports whether variable name accepts v, as Terraform
// decides when a value is passed in: v is converted to the declared type (a
// value that does not convert is refused), then every validation condition
// is evaluated with var.<name> set to it. Graders use it to ask what a
// validation does ("is 0 refused? is 10 accepted?") rather than how its
// condition is spelled.
func (m *Module) ValidationAllows(name string, v cty.Value) (bool, error) {
	found := m.variables[name]
	if found == nil {
		return false, fmt.Errorf("no variable %q", name)
	}
	body := found.block.Body
	if ta, ok := body.Attributes["type"]; ok {
		ty, ds := typeexpr.TypeConstraint(ta.Expr)
		if ds.HasErrors() {
			return false, fmt.Errorf("variable %q: %w", name, ds)
		}
		cv, err := convert.Convert(v, ty)
		if err != nil {
			return false, nil
		}
		v = cv
	}
	base := m.Values().Context()
	vars := map[string]cty.Value{}
	if cur := base.Variables["var"]; cur.Type().IsObjectType() {
		for k, x := range cur.AsValueMap() {
			vars[k] = x
		}
	}
	vars[name] = v
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: base.Functions}
	for k, x := range base.Variables {
		ctx.Variables[k] = x
	}
	ctx.Variables["var"] = cty.ObjectVal(vars)
	for _, vb := range body.Blocks {
		if vb.Type != "validation" {
			continue
		}
		ca, ok := vb.Body.Attributes["condition"]
		if !ok {
			continue
		}
		got, ds := ca.Expr.Value(ctx)
		if ds.HasErrors() {
			return false, fmt.Errorf("variable %q: %w", name, ds)
		}
		got, _ = got.UnmarkDeep()
		if !got.IsWhollyKnown() || got.IsNull() {
			return false, ErrUndecided
		}
		if got, err := convert.Convert(got, cty.Bool); err != nil {
			return false, fmt.Errorf("variable %q: the condition is not a bool: %w", name, err)
		} else if got.False() {
			return false, nil
		}
	}
	return true, nil
}
