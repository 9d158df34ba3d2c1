package grader

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/grader/terraform"
)

// moduleType is the type of `module`, the submitted module itself: an
// expectation cannot read it, only hand it to the helpers that ask
// Terraform's questions of it.
var moduleType = types.NewOpaqueType("iactutor.module")

// moduleVal carries the loaded module through a CEL activation.
type moduleVal struct{ m *terraform.Module }

func (v moduleVal) ConvertToNative(reflect.Type) (any, error) {
	return nil, errors.New("the module can only be passed to a helper")
}
func (v moduleVal) ConvertToType(t ref.Type) ref.Val {
	if t == types.TypeType {
		return moduleType
	}
	return types.NewErr("the module cannot be converted to %s", t.TypeName())
}
func (v moduleVal) Equal(o ref.Val) ref.Val { return types.Bool(false) }
func (v moduleVal) Type() ref.Type          { return moduleType }
func (v moduleVal) Value() any              { return v.m }

// terraformLibraries are the helpers that need the module itself.
func terraformLibraries() []cel.EnvOption {
	return []cel.EnvOption{
		cel.Variable("module", cel.DynType),
		// validationAllows(module, "desired_count", 0): whether the
		// variable's type and validation blocks accept the value, decided
		// as terraform plan decides it, so `>= 1 && <= 10`, `> 0 && < 11`
		// and `contains(range(1, 11), ...)` all mean the same.
		cel.Function("validationAllows", cel.Overload("validation_allows_dyn_string_dyn",
			[]*cel.Type{cel.DynType, cel.StringType, cel.DynType}, cel.BoolType,
			cel.FunctionBinding(func(args ...ref.Val) ref.Val {
				mv, ok := args[0].(moduleVal)
				if !ok || mv.m == nil {
					return types.NewErr("validationAllows takes the module as its first argument")
				}
				name, _ := args[1].Value().(string)
				v, err := ctyOf(native(args[2]))
				if err != nil {
					return types.NewErr("%s", err.Error())
				}
				ok, err = mv.m.ValidationAllows(name, v)
				if err != nil {
					return types.NewErr("%s", err.Error())
				}
				return types.Bool(ok)
			}))),
	}
}

// ctyOf turns a value written in an expectation into Terraform's value.
func ctyOf(v any) (cty.Value, error) {
	switch x := v.(type) {
	case int64:
		return cty.NumberIntVal(x), nil
	case float64:
		return cty.NumberFloatVal(x), nil
	case string:
		return cty.StringVal(x), nil
	case bool:
		return cty.BoolVal(x), nil
	case []any:
		if len(x) == 0 {
			return cty.EmptyTupleVal, nil
		}
		vals := make([]cty.Value, len(x))
		for i, e := range x {
			c, err := ctyOf(e)
			if err != nil {
				return cty.NilVal, err
			}
			vals[i] = c
		}
		return cty.TupleVal(vals), nil
	case map[string]any:
		if len(x) == 0 {
			return cty.EmptyObjectVal, nil
		}
		vals := map[string]cty.Value{}
		for k, e := range x {
			c, err := ctyOf(e)
			if err != nil {
				return cty.NilVal, err
			}
			vals[k] = c
		}
		return cty.ObjectVal(vals), nil
	case nil:
		return cty.NullVal(cty.DynamicPseudoType), nil
	}
	return cty.NilVal, fmt.Errorf("a %T cannot be given to a Terraform variable", v)
}
