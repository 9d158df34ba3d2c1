package grader

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"
	version "github.com/hashicorp/go-version"
	apiservercel "k8s.io/apiserver/pkg/cel"
	"k8s.io/apiserver/pkg/cel/library"
)

// The outcome helpers answer what a configuration does rather than how it
// is spelled, so an author rarely needs a regex and a learner's equivalent
// fix passes. Each is a CEL function; their behaviour is pinned by
// outcomes_test.go.

// neverRestarted is what startupSeconds answers for a container no probe
// restarts: it survives any start.
const neverRestarted = math.MaxInt32

// commonLibraries are the functions every expectation can use: those of
// a ValidatingAdmissionPolicy, and the helpers of both tracks.
func commonLibraries() []cel.EnvOption {
	return []cel.EnvOption{
		library.Quantity(), library.Lists(), library.Regex(), library.URLs(),
		cel.Function("string", cel.Overload("string_kubernetes_quantity",
			[]*cel.Type{apiservercel.QuantityType}, cel.StringType,
			cel.UnaryBinding(func(v ref.Val) ref.Val {
				q, ok := v.(apiservercel.Quantity)
				if !ok {
					return types.MaybeNoSuchOverloadErr(v)
				}
				return types.String(q.Quantity.String())
			}))),
		// constraintAllows("~> 5.0", "5.99.0"): whether a version
		// constraint as Terraform writes it admits a version.
		cel.Function("constraintAllows", cel.Overload("constraint_allows_string_string",
			[]*cel.Type{cel.DynType, cel.StringType}, cel.BoolType,
			cel.BinaryBinding(func(c, v ref.Val) ref.Val {
				cs, ok := native(c).(string)
				if !ok {
					return types.Bool(false)
				}
				vs, isStr := v.(types.String)
				if !isStr {
					return types.MaybeNoSuchOverloadErr(v)
				}
				ok, err := constraintAllows(cs, string(vs))
				if err != nil {
					return types.NewErr("%s", err.Error())
				}
				return types.Bool(ok)
			}))),
		// isPinned(image): the reference names a tag other than latest,
		// or a digest, so a restart cannot bring another build.
		cel.Function("isPinned", unary("is_pinned_dyn", cel.BoolType, func(v any) any {
			s, _ := v.(string)
			return isPinned(s)
		})),
		// deliveredPorts(service, objects): service port → the pod port
		// traffic reaches, for ports whose target a selected pod has.
		cel.Function("deliveredPorts", binary("delivered_ports_dyn_dyn", cel.MapType(cel.IntType, cel.IntType), deliveredPorts)),
		// effectiveEnv(container, objects): variable name → where its
		// value comes from ({"value": ...}, {"secretKeyRef": ...}, ...):
		// envFrom in order, then env, which wins.
		cel.Function("effectiveEnv", binary("effective_env_dyn_dyn", cel.MapType(cel.StringType, cel.DynType), effectiveEnv)),
		// startupSeconds(container): how long a slow starter may take
		// before its probes restart it.
		cel.Function("startupSeconds", unary("startup_seconds_dyn", cel.IntType, func(v any) any {
			m, _ := v.(map[string]any)
			return startupSeconds(m)
		})),
		// hpaBehavior(hpa): the scaling behavior in effect, with the
		// defaults of autoscaling/v2 for what is not written.
		cel.Function("hpaBehavior", unary("hpa_behavior_dyn", cel.MapType(cel.StringType, cel.DynType), func(v any) any {
			m, _ := v.(map[string]any)
			return hpaBehavior(m)
		})),
		// reference(value): what a Terraform value refers to, as
		// {"address": "aws_lb_target_group.api", "attribute": "arn"},
		// with attributes a provider defines as equal made one; both
		// empty when the value is no reference.
		cel.Function("reference", unary("reference_dyn", cel.MapType(cel.StringType, cel.StringType), func(v any) any {
			a, at := reference(v)
			return map[string]any{"address": a, "attribute": at}
		})),
		// pointsAt(value, "aws_lb_target_group.api.arn"): whether a
		// Terraform value refers to that attribute or one equal to it.
		cel.Function("pointsAt", cel.Overload("points_at_dyn_string", []*cel.Type{cel.DynType, cel.StringType}, cel.BoolType,
			cel.BinaryBinding(func(v, target ref.Val) ref.Val {
				ts, ok := target.(types.String)
				if !ok {
					return types.MaybeNoSuchOverloadErr(target)
				}
				return types.Bool(pointsAt(native(v), string(ts)))
			}))),
	}
}

func unary(id string, out *cel.Type, f func(any) any) cel.FunctionOpt {
	return cel.Overload(id, []*cel.Type{cel.DynType}, out, cel.UnaryBinding(func(v ref.Val) ref.Val {
		return types.DefaultTypeAdapter.NativeToValue(f(native(v)))
	}))
}

func binary(id string, out *cel.Type, f func(a, b any) any) cel.FunctionOpt {
	return cel.Overload(id, []*cel.Type{cel.DynType, cel.DynType}, out, cel.BinaryBinding(func(a, b ref.Val) ref.Val {
		return types.DefaultTypeAdapter.NativeToValue(f(native(a), native(b)))
	}))
}

// native turns a CEL value back into the model's Go values.
func native(v ref.Val) any {
	switch x := v.Value().(type) {
	case map[string]any, []any, string, int64, float64, bool, nil:
		return x
	}
	if m, ok := v.(traits.Mapper); ok {
		out := map[string]any{}
		it := m.Iterator()
		for it.HasNext() == types.True {
			k := it.Next()
			out[fmt.Sprint(k.Value())] = native(m.Get(k))
		}
		return out
	}
	if l, ok := v.(traits.Lister); ok {
		n, _ := l.Size().(types.Int)
		out := make([]any, 0, int(n))
		for i := range int(n) {
			out = append(out, native(l.Get(types.Int(i))))
		}
		return out
	}
	if q, ok := v.(apiservercel.Quantity); ok {
		return q
	}
	if nv, err := v.ConvertToNative(reflect.TypeFor[any]()); err == nil {
		return nv
	}
	return v.Value()
}

func constraintAllows(constraint, v string) (bool, error) {
	c, err := version.NewConstraint(constraint)
	if err != nil {
		return false, fmt.Errorf("version constraint %q: %w", constraint, err)
	}
	ver, err := version.NewVersion(v)
	if err != nil {
		return false, fmt.Errorf("version %q: %w", v, err)
	}
	return c.Check(ver), nil
}

func isPinned(image string) bool {
	if strings.Contains(image, "@sha256:") {
		return true
	}
	last := image[strings.LastIndex(image, "/")+1:]
	_, tag, ok := strings.Cut(last, ":")
	return ok && tag != "" && tag != "latest"
}

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }
func asList(v any) []any         { l, _ := v.([]any); return l }
func asString(v any) string      { s, _ := v.(string); return s }
func asInt(v any, def int64) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	}
	return def
}

// podTemplates returns the pod labels and spec of each workload.
func podTemplates(objects []any) [](struct{ labels, spec map[string]any }) {
	var out [](struct{ labels, spec map[string]any })
	for _, o := range objects {
		m := asMap(o)
		if m["kind"] == "Pod" {
			out = append(out, struct{ labels, spec map[string]any }{asMap(asMap(m["metadata"])["labels"]), asMap(m["spec"])})
			continue
		}
		t := asMap(asMap(m["spec"])["template"])
		if t == nil {
			continue
		}
		out = append(out, struct{ labels, spec map[string]any }{asMap(asMap(t["metadata"])["labels"]), asMap(t["spec"])})
	}
	return out
}

func deliveredPorts(service, objects any) any {
	spec := asMap(asMap(service)["spec"])
	selector := asMap(spec["selector"])
	out := map[int64]int64{}
	if len(selector) == 0 {
		return out
	}
	var pods []map[string]any
	for _, p := range podTemplates(asList(objects)) {
		if selects(selector, p.labels) {
			pods = append(pods, p.spec)
		}
	}
	for _, sp := range asList(spec["ports"]) {
		port := asMap(sp)
		number := asInt(port["port"], 0)
		target := port["targetPort"]
		if target == nil {
			target = number
		}
		for _, pod := range pods {
			if n, ok := resolvePort(pod, target); ok {
				out[number] = n
				break
			}
		}
	}
	return out
}

// resolvePort turns a port number or a container port's name into the
// number in a pod.
func resolvePort(pod map[string]any, target any) (int64, bool) {
	if n, ok := target.(int64); ok {
		return n, true
	}
	name := asString(target)
	for _, c := range asList(pod["containers"]) {
		for _, p := range asList(asMap(c)["ports"]) {
			if asString(asMap(p)["name"]) == name {
				return asInt(asMap(p)["containerPort"], 0), true
			}
		}
	}
	return 0, false
}

func effectiveEnv(container, objects any) any {
	c := asMap(container)
	out := map[string]any{}
	find := func(kind, name string) map[string]any {
		for _, o := range asList(objects) {
			m := asMap(o)
			if m["kind"] == kind && asString(asMap(m["metadata"])["name"]) == name {
				return m
			}
		}
		return nil
	}
	for _, ef := range asList(c["envFrom"]) {
		e := asMap(ef)
		prefix := asString(e["prefix"])
		for _, src := range []struct{ field, kind, ref string }{{"secretRef", "Secret", "secretKeyRef"}, {"configMapRef", "ConfigMap", "configMapKeyRef"}} {
			r := asMap(e[src.field])
			if r == nil {
				continue
			}
			name := asString(r["name"])
			obj := find(src.kind, name)
			for _, field := range []string{"data", "stringData", "binaryData"} {
				for k := range asMap(obj[field]) {
					out[prefix+k] = map[string]any{src.ref: map[string]any{"name": name, "key": k}}
				}
			}
		}
	}
	for _, ev := range asList(c["env"]) {
		e := asMap(ev)
		name := asString(e["name"])
		if vf := asMap(e["valueFrom"]); vf != nil {
			out[name] = vf
		} else {
			out[name] = map[string]any{"value": asString(e["value"])}
		}
	}
	return out
}

// startupSeconds is how long a container may take to start before a probe
// restarts it: the startup probe guards the start when there is one,
// otherwise the liveness probe does, from its first check to its last
// allowed failure.
func startupSeconds(c map[string]any) int64 {
	probe := asMap(c["startupProbe"])
	if probe == nil {
		probe = asMap(c["livenessProbe"])
	}
	if probe == nil {
		return neverRestarted
	}
	return asInt(probe["initialDelaySeconds"], 0) + asInt(probe["failureThreshold"], 3)*asInt(probe["periodSeconds"], 10)
}

// hpaBehavior fills the behavior an autoscaling/v2 HPA leaves unwritten
// with the defaults the controller uses (Kubernetes documentation,
// "Horizontal Pod Autoscaling", section "Default Behavior"), and says
// whether each direction can scale at all.
func hpaBehavior(hpa map[string]any) map[string]any {
	b := asMap(asMap(hpa["spec"])["behavior"])
	defaults := map[string]map[string]any{
		"scaleUp": {"stabilizationWindowSeconds": int64(0), "selectPolicy": "Max", "policies": []any{
			map[string]any{"type": "Pods", "value": int64(4), "periodSeconds": int64(15)},
			map[string]any{"type": "Percent", "value": int64(100), "periodSeconds": int64(15)},
		}},
		"scaleDown": {"stabilizationWindowSeconds": int64(300), "selectPolicy": "Max", "policies": []any{
			map[string]any{"type": "Percent", "value": int64(100), "periodSeconds": int64(15)},
		}},
	}
	out := map[string]any{}
	for dir, def := range defaults {
		got := asMap(b[dir])
		eff := map[string]any{}
		for k, v := range def {
			if w, ok := got[k]; ok && w != nil {
				v = w
			}
			eff[k] = v
		}
		eff["enabled"] = eff["selectPolicy"] != "Disabled"
		out[dir] = eff
	}
	return out
}
