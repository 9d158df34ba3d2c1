package terraform

import (
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// AfterApply marks a value that only exists once a resource has been
// created (an id, an ARN), so a check can say which address it came from.
type AfterApply struct{ Address string }

// softType marks a value that came from the default of a variable with no
// exact type: whoever sets the variable may give another type, so type
// checks leave such values alone.
type softType struct{}

// Values is the module evaluated as `terraform plan` would see it before
// anything exists: variables hold their defaults converted to their type
// (unknown of that type without a default, or in a module another folder
// calls, since the caller sets them), locals are evaluated in dependency
// order, and resource attributes are unknowns of the schema's type, marked
// with AfterApply when only the provider can fill them. A function we do
// not have returns an unknown. The grader's checks read the module through
// it.
type Values struct {
	ctx *hcl.EvalContext
	// blocks caches blockContext by body, since several rule families
	// evaluate the same blocks concurrently.
	blocks sync.Map
}

// Values evaluates the module once; later calls return the same result,
// which is never modified, so checkers may share it.
func (m *Module) Values() *Values {
	m.evalOnce.Do(func() { m.values = m.evaluate() })
	return m.values
}

// Context is the evaluation context: var, local, resource types, data,
// module, path and terraform, with the functions.
func (v *Values) Context() *hcl.EvalContext { return v.ctx }

// Value evaluates e in the module's context; ok is false when evaluation
// failed, so the value says nothing.
func (v *Values) Value(e hcl.Expression) (cty.Value, bool) {
	return evalIn(v.ctx, e)
}

func evalIn(ctx *hcl.EvalContext, e hcl.Expression) (cty.Value, bool) {
	if e == nil || !shallow(e) {
		return cty.NilVal, false
	}
	val, diags := e.Value(ctx)
	if diags.HasErrors() {
		return cty.NilVal, false
	}
	return val, true
}

// AfterApplyAddresses lists, sorted, the resource attributes an unknown
// value is waiting for.
func AfterApplyAddresses(v cty.Value) []string {
	_, marks := v.UnmarkDeep()
	var out []string
	for mk := range marks {
		if a, ok := mk.(AfterApply); ok && !slices.Contains(out, a.Address) {
			out = append(out, a.Address)
		}
	}
	return sortStrings(out)
}

// typed returns v without marks when its type is settled: not from a
// variable whose caller may pick the type, and not dynamic.
func typed(v cty.Value) (cty.Value, bool) {
	plain := v
	if v.ContainsMarked() {
		var marks cty.ValueMarks
		plain, marks = v.UnmarkDeep()
		if _, soft := marks[softType{}]; soft {
			return cty.NilVal, false
		}
	}
	if plain.Type() == cty.DynamicPseudoType || plain.IsNull() {
		return cty.NilVal, false
	}
	return plain, true
}

// known returns v without marks when it is wholly known and not null.
func known(v cty.Value) (cty.Value, bool) {
	plain := v
	if v.ContainsMarked() {
		plain, _ = v.UnmarkDeep()
	}
	if plain.IsNull() || !plain.IsWhollyKnown() {
		return cty.NilVal, false
	}
	return plain, true
}

// stdFunctions are the functions evaluated for real: go-cty's library
// under Terraform's names, plus try and can. Built once, never modified.
var stdFunctions = sync.OnceValue(func() map[string]function.Function {
	return map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc, "pow": stdlib.PowFunc,
		"signum": stdlib.SignumFunc, "parseint": stdlib.ParseIntFunc,
		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc,
		"strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc,
		"trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc,
		"trimspace": stdlib.TrimSpaceFunc, "chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc,
		"coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc,
		"contains": stdlib.ContainsFunc, "distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc,
		"flatten": stdlib.FlattenFunc, "keys": stdlib.KeysFunc, "lookup": stdlib.LookupFunc,
		"merge": stdlib.MergeFunc, "range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setproduct": stdlib.SetProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc,
		"sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"jsonencode": stdlib.JSONEncodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "csvdecode": stdlib.CSVDecodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
	}
})

// unknownFunc stands for every function not in stdFunctions (file, cidrsubnet,
// provider functions…): its result is unknown, so nothing is concluded from it.
var unknownFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowNull: true, AllowDynamicType: true},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.DynamicVal, nil },
})

// functions is the function table for one module: the real ones, and the
// unknown stand-in under every other name the module calls. It also
// records in refs the "type.name" of every reference, so only resources
// something reads get a value built.
func (m *Module) functions(refs map[string]bool) map[string]function.Function {
	std := stdFunctions()
	fns := make(map[string]function.Function, len(std)+8)
	for k, f := range std {
		fns[k] = f
	}
	for _, f := range m.files {
		if f.body == nil {
			continue
		}
		visitBody(f.body, 0, func(e hclsyntax.Expression) {
			switch x := e.(type) {
			case *hclsyntax.FunctionCallExpr:
				if _, have := fns[x.Name]; !have {
					fns[x.Name] = unknownFunc
				}
			case *hclsyntax.ScopeTraversalExpr:
				if name, _, ok := step(x.Traversal, 1); ok {
					refs[x.Traversal.RootName()+"."+name] = true
				}
			}
		})
	}
	return fns
}

// evaluate builds the module's values. Resources with count or for_each
// need those evaluated first, and locals may read resources, so locals are
// evaluated twice: once without resources, to size them, and once with.
func (m *Module) evaluate() *Values {
	refs := map[string]bool{}
	fns := m.functions(refs)
	vars := m.variableValues()
	base := map[string]cty.Value{
		"var":       cty.ObjectVal(vars),
		"path":      cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal("."), "root": cty.StringVal("."), "cwd": cty.UnknownVal(cty.String)}),
		"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.UnknownVal(cty.String), "applying": cty.False}),
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: fns}
	for k, v := range base {
		ctx.Variables[k] = v
	}
	ctx.Variables["local"] = cty.ObjectVal(m.localValues(ctx))
	sizes := &hcl.EvalContext{Variables: ctx.Variables, Functions: fns}
	res := m.resourceValues(sizes, refs)
	full := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: fns}
	for k, v := range base {
		full.Variables[k] = v
	}
	for k, v := range res {
		full.Variables[k] = v
	}
	full.Variables["local"] = cty.ObjectVal(m.localValues(full))
	return &Values{ctx: full}
}

// variableValues gives each variable the value of the automatic variable
// files, else its default, converted to its type; without either, or in a
// called module, an unknown of its type.
func (m *Module) variableValues() map[string]cty.Value {
	out := make(map[string]cty.Value, len(m.variables))
	given := m.varFileValues()
	for name, d := range m.variables {
		ty, defaults, _ := variableType(d.block)
		soft := ty.HasDynamicTypes()
		val := cty.UnknownVal(ty)
		// A variable file's value replaces the default; one that does not
		// fit the type leaves the variable unknown (checkVarFiles says why).
		var set *hclsyntax.Attribute
		if a := given[name]; a != nil {
			set = a
		} else if !m.child {
			set = d.block.Body.Attributes["default"]
		}
		if set != nil {
			if dv, ok := evalIn(nil, set.Expr); ok {
				if defaults != nil {
					dv = defaults.Apply(dv)
				}
				if cv, err := convert.Convert(dv, ty); err == nil {
					val = cv
				}
			}
		}
		if soft {
			val = val.Mark(softType{})
		}
		out[name] = val
	}
	return out
}

// localValues evaluates every local after the locals it reads; a local in
// a cycle or whose expression fails is unknown.
func (m *Module) localValues(ctx *hcl.EvalContext) map[string]cty.Value {
	done := make(map[string]cty.Value, len(m.locals))
	state := map[string]int{} // 1 visiting, 2 done
	current := func() cty.Value {
		all := make(map[string]cty.Value, len(m.locals))
		for n := range m.locals {
			if v, ok := done[n]; ok {
				all[n] = v
			} else {
				all[n] = cty.DynamicVal
			}
		}
		return cty.ObjectVal(all)
	}
	var visit func(name string, depth int)
	visit = func(name string, depth int) {
		l := m.locals[name]
		if l == nil || state[name] != 0 || depth > maxExprDepth {
			return
		}
		state[name] = 1
		for _, t := range l.attr.Expr.Variables() {
			if t.RootName() != "local" {
				continue
			}
			if dep, _, ok := step(t, 1); ok {
				visit(dep, depth+1)
			}
		}
		local := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: ctx.Functions}
		for k, v := range ctx.Variables {
			local.Variables[k] = v
		}
		local.Variables["local"] = current()
		v, ok := evalIn(local, l.attr.Expr)
		if !ok {
			v = cty.DynamicVal
		}
		done[name] = v
		state[name] = 2
	}
	for _, n := range sortStrings(keysOf(m.locals)) {
		visit(n, 0)
	}
	for n := range m.locals {
		if _, ok := done[n]; !ok {
			done[n] = cty.DynamicVal
		}
	}
	return done
}

// resourceValues builds one variable per resource type, plus data and
// module, from the schema: arguments the block sets are unknown (their
// value is known at plan, but it is not needed here), computed ones it
// leaves out are unknown and marked AfterApply, the others null.
func (m *Module) resourceValues(ctx *hcl.EvalContext, refs map[string]bool) map[string]cty.Value {
	ps, _ := awsSchema()
	if ps != nil {
		// Types from a provider version the module does not use could
		// contradict it: its resources are then unknown of any type.
		if cons, _ := m.awsConstraint(); excludes(cons, ps.Version) {
			ps = nil
		}
	}
	out := map[string]cty.Value{}
	for typ, byName := range m.resources {
		var sch *blockSchema
		if ps != nil {
			sch = ps.resource(typ)
		}
		insts := map[string]cty.Value{}
		for name, d := range byName {
			if !refs[typ+"."+name] {
				insts[name] = cty.DynamicVal
				continue
			}
			insts[name] = repeated(ctx, d.block, func() cty.Value { return instanceValue(sch, d.block, typ+"."+name) })
		}
		out[typ] = cty.ObjectVal(insts)
	}
	data := map[string]cty.Value{}
	for typ, byName := range m.data {
		insts := map[string]cty.Value{}
		for name := range byName {
			insts[name] = cty.DynamicVal
		}
		data[typ] = cty.ObjectVal(insts)
	}
	out["data"] = cty.ObjectVal(data)
	mods := map[string]cty.Value{}
	for name := range m.modules {
		mods[name] = cty.DynamicVal
	}
	out["module"] = cty.ObjectVal(mods)
	return out
}

// repeated wraps an instance value the way count and for_each do: a tuple
// of count instances, an object keyed like for_each, or unknown when the
// number of instances is not known.
func repeated(ctx *hcl.EvalContext, b *hclsyntax.Block, inst func() cty.Value) cty.Value {
	if a := b.Body.Attributes["count"]; a != nil {
		v, ok := knownAttr(ctx, a)
		if !ok {
			return cty.DynamicVal
		}
		n, err := convert.Convert(v, cty.Number)
		if err != nil {
			return cty.DynamicVal
		}
		i, acc := n.AsBigFloat().Int64()
		if acc != 0 || i < 0 || i > 1024 {
			return cty.DynamicVal
		}
		if i == 0 {
			return cty.EmptyTupleVal
		}
		vals := make([]cty.Value, i)
		for k := range vals {
			vals[k] = inst()
		}
		return cty.TupleVal(vals)
	}
	if a := b.Body.Attributes["for_each"]; a != nil {
		v, ok := knownAttr(ctx, a)
		if !ok {
			return cty.DynamicVal
		}
		keys := forEachKeys(v)
		if keys == nil {
			return cty.DynamicVal
		}
		vals := make(map[string]cty.Value, len(keys))
		for _, k := range keys {
			vals[k] = inst()
		}
		return cty.ObjectVal(vals)
	}
	return inst()
}

// forEachKeys returns the instance keys of a known for_each value, nil
// when it is not a map, an object or a set of strings.
func forEachKeys(v cty.Value) []string {
	ty := v.Type()
	switch {
	case ty.IsMapType() || ty.IsObjectType():
		keys := []string{}
		for it := v.ElementIterator(); it.Next(); {
			k, _ := it.Element()
			keys = append(keys, k.AsString())
		}
		return keys
	case ty.IsSetType() && ty.ElementType() == cty.String:
		keys := []string{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			keys = append(keys, e.AsString())
		}
		return keys
	}
	return nil
}

// instanceValue is one instance of a resource: see resourceValues.
func instanceValue(sch *blockSchema, b *hclsyntax.Block, addr string) cty.Value {
	if sch == nil {
		return cty.DynamicVal
	}
	attrs := make(map[string]cty.Value, len(sch.Args)+len(sch.Blocks)+1)
	for name, a := range sch.Args {
		_, set := b.Body.Attributes[name]
		switch {
		case set:
			attrs[name] = cty.UnknownVal(a.Type)
		case a.Computed:
			attrs[name] = cty.UnknownVal(a.Type).Mark(AfterApply{Address: addr + "." + name})
		default:
			attrs[name] = cty.NullVal(a.Type)
		}
	}
	for name := range sch.Blocks {
		attrs[name] = cty.DynamicVal
	}
	if _, ok := attrs["id"]; !ok {
		attrs["id"] = cty.UnknownVal(cty.String).Mark(AfterApply{Address: addr + ".id"})
	}
	return cty.ObjectVal(attrs)
}

// blockContext is the context for the body of a resource, data or module
// block: the module's plus count.index and each.key/each.value, typed from
// the evaluated count and for_each when they are known.
func (v *Values) blockContext(b *hclsyntax.Body) *hcl.EvalContext {
	if c, ok := v.blocks.Load(b); ok {
		return c.(*hcl.EvalContext)
	}
	c, _ := v.blocks.LoadOrStore(b, v.newBlockContext(b))
	return c.(*hcl.EvalContext)
}

func (v *Values) newBlockContext(b *hclsyntax.Body) *hcl.EvalContext {
	vars := map[string]cty.Value{
		"self": cty.DynamicVal,
	}
	if _, ok := b.Attributes["count"]; ok {
		vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})
	}
	if a, ok := b.Attributes["for_each"]; ok {
		val := cty.DynamicVal
		if fv, ok := v.Value(a.Expr); ok {
			if plain, ok := typed(fv); ok {
				ty := plain.Type()
				switch {
				case ty.IsMapType() || ty.IsSetType():
					val = cty.UnknownVal(ty.ElementType())
				}
			}
		}
		vars["each"] = cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": val})
	}
	c := v.ctx.NewChild()
	c.Variables = vars
	return c
}

// withIterator adds a dynamic block's iterator, whose key and value are
// unknown.
func withIterator(ctx *hcl.EvalContext, name string) *hcl.EvalContext {
	c := ctx.NewChild()
	c.Variables = map[string]cty.Value{
		name: cty.ObjectVal(map[string]cty.Value{"key": cty.DynamicVal, "value": cty.DynamicVal}),
	}
	return c
}

// typeName is a type in Terraform's own syntax, for messages.
func typeName(t cty.Type) string {
	if t.IsTupleType() {
		return "tuple"
	}
	if t.IsObjectType() {
		return "object"
	}
	return strings.TrimSpace(typeexpr.TypeString(t))
}

// visitExpr calls fn on e and every expression inside it, and returns false
// without finishing when nesting passes maxExprDepth: hcl evaluates and
// walks expressions recursively, so a pathological file must be refused
// before either.
func visitExpr(e hclsyntax.Expression, depth int, fn func(hclsyntax.Expression)) bool {
	if e == nil {
		return true
	}
	if depth > maxExprDepth {
		return false
	}
	fn(e)
	d := depth + 1
	all := func(es ...hclsyntax.Expression) bool {
		for _, x := range es {
			if !visitExpr(x, d, fn) {
				return false
			}
		}
		return true
	}
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr, *hclsyntax.ScopeTraversalExpr, *hclsyntax.AnonSymbolExpr:
		return true
	case *hclsyntax.RelativeTraversalExpr:
		return all(x.Source)
	case *hclsyntax.ForExpr:
		return all(x.CollExpr, x.KeyExpr, x.ValExpr, x.CondExpr)
	case *hclsyntax.TemplateWrapExpr:
		return all(x.Wrapped)
	case *hclsyntax.SplatExpr:
		return all(x.Source, x.Each)
	case *hclsyntax.ObjectConsKeyExpr:
		return all(x.Wrapped)
	case *hclsyntax.FunctionCallExpr:
		return all(x.Args...)
	case *hclsyntax.TemplateExpr:
		return all(x.Parts...)
	case *hclsyntax.TemplateJoinExpr:
		return all(x.Tuple)
	case *hclsyntax.TupleConsExpr:
		return all(x.Exprs...)
	case *hclsyntax.ObjectConsExpr:
		for _, it := range x.Items {
			if !all(it.KeyExpr, it.ValueExpr) {
				return false
			}
		}
		return true
	case *hclsyntax.ConditionalExpr:
		return all(x.Condition, x.TrueResult, x.FalseResult)
	case *hclsyntax.BinaryOpExpr:
		return all(x.LHS, x.RHS)
	case *hclsyntax.UnaryOpExpr:
		return all(x.Val)
	case *hclsyntax.IndexExpr:
		return all(x.Collection, x.Key)
	case *hclsyntax.ParenthesesExpr:
		return all(x.Expression)
	}
	// An expression type this walk does not know may hide any depth.
	return false
}

// visitBody calls fn on every expression of a body and its nested blocks.
func visitBody(body *hclsyntax.Body, depth int, fn func(hclsyntax.Expression)) {
	if body == nil || depth > maxExprDepth {
		return
	}
	for _, a := range sortedAttrs(body) {
		visitExpr(a.Expr, 0, fn)
	}
	for _, nb := range body.Blocks {
		visitBody(nb.Body, depth+1, fn)
	}
}

// shallow reports whether e is within the nesting cap, so it may be
// evaluated.
func shallow(e hcl.Expression) bool {
	x, ok := e.(hclsyntax.Expression)
	if !ok {
		return false
	}
	return visitExpr(x, 0, func(hclsyntax.Expression) {})
}

// stringFunctions always return a string, whatever their arguments, so an
// argument of type string set from one of them needs no evaluation.
var stringFunctions = map[string]bool{
	"jsonencode": true, "format": true, "join": true, "lower": true, "upper": true, "replace": true,
	"trimspace": true, "trim": true, "trimprefix": true, "trimsuffix": true, "substr": true, "title": true,
	"base64encode": true, "file": true, "templatefile": true, "md5": true, "sha256": true, "tostring": true,
	"yamlencode": true, "timestamp": true, "uuid": true, "chomp": true, "indent": true, "cidrsubnet": true,
	"cidrhost": true, "filebase64": true, "base64gzip": true, "formatdate": true,
}

// needsEval reports whether an argument's value must be evaluated to know
// its type: a string argument set from a template or a string function
// cannot be of the wrong type.
func needsEval(e hclsyntax.Expression, want cty.Type) bool {
	if want == cty.DynamicPseudoType {
		return false
	}
	if want != cty.String {
		return true
	}
	switch x := e.(type) {
	case *hclsyntax.TemplateExpr:
		return false
	case *hclsyntax.FunctionCallExpr:
		return !stringFunctions[x.Name]
	}
	return true
}
