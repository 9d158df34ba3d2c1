package k8s

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/iactutor/iactutor/internal/msg"
)

var (
	quantityType    = reflect.TypeOf(resource.Quantity{})
	intOrStringType = reflect.TypeOf(intstr.IntOrString{})
	timeType        = reflect.TypeOf(metav1.Time{})
	bytesType       = reflect.TypeOf([]byte(nil))
	unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
)

// structInfo is the JSON view of a Go struct: the names the API server
// accepts and where each one is stored.
type structInfo struct {
	byName map[string]fieldInfo
	names  []string
}

type fieldInfo struct {
	index []int
	typ   reflect.Type
}

// typeCache remembers structInfo per type for the duration of one Load, so
// the package keeps no mutable state between calls.
type typeCache map[reflect.Type]*structInfo

func (c typeCache) info(t reflect.Type) *structInfo {
	if si, ok := c[t]; ok {
		return si
	}
	si := &structInfo{byName: map[string]fieldInfo{}}
	addFields(si, t, nil)
	slices.Sort(si.names)
	c[t] = si
	return si
}

func addFields(si *structInfo, t reflect.Type, prefix []int) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		index := append(slices.Clone(prefix), i)
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			addFields(si, f.Type, index)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := si.byName[name]; dup {
			continue
		}
		si.byName[name] = fieldInfo{index: index, typ: f.Type}
		si.names = append(si.names, name)
	}
}

// decoder walks one object's YAML tree against the Go type the API server
// would decode it into. It reports what strict decoding would reject, at the
// node to change, and builds the generic value exercise checks read.
type decoder struct {
	r      *reporter
	doc    doc
	kind   string
	types  typeCache
	budget int
	// path is the field path of the node being decoded, for messages.
	path    []string
	spent   bool
	tooDeep bool
	// values asks for the generic value; without it only the typed value
	// and the diagnostics are produced.
	values bool
	// role is how kustomize uses the file: a patch may use the
	// strategic-merge directives ($patch, $retainKeys…), and a resource
	// whose labels kustomize adds gets its selector from kustomize.
	role kustomizeRole
}

// budgetFor bounds how many nodes one document may expand to, aliases
// included: generous for real manifests, tiny next to a "billion laughs".
func budgetFor(size int) int { return 8*size + 10000 }

func (dc *decoder) pathString() string {
	var b strings.Builder
	for _, p := range dc.path {
		if b.Len() > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// field is the name of the innermost key on the path, for short messages.
func (dc *decoder) field() string {
	for i := len(dc.path) - 1; i >= 0; i-- {
		if !strings.HasPrefix(dc.path[i], "[") {
			return dc.path[i]
		}
	}
	return ""
}

// decode checks n against t (nil for "any"), stores the result in v when v
// is valid, and returns the generic JSON-like value.
func (dc *decoder) decode(n *yaml.Node, t reflect.Type, v reflect.Value, key *yaml.Node, depth int) any {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil
		}
		n = n.Alias
	}
	dc.budget--
	if dc.budget < 0 {
		if !dc.spent {
			dc.spent = true
			dc.r.add(ruleYAMLAliases, dc.doc.rng(n), msg.New("k8s.yaml-aliases", nil), msg.New("k8s.yaml-aliases.hint", nil))
		}
		return nil
	}
	if depth > maxDepth {
		if !dc.tooDeep {
			dc.tooDeep = true
			dc.r.add(ruleYAMLSyntax, dc.doc.lineRange(dc.doc.pos(n).Line), msg.New("k8s.too-deep", nil), msg.New("k8s.too-deep.hint", nil))
		}
		return nil
	}
	if t != nil && t.Kind() == reflect.Pointer {
		if isNull(n) {
			return nil
		}
		var pv reflect.Value
		if v.IsValid() {
			pv = reflect.New(t.Elem())
		}
		g := dc.decode(n, t.Elem(), elem(pv), key, depth)
		if v.IsValid() {
			v.Set(pv)
		}
		return g
	}
	if t != nil {
		switch t {
		case quantityType:
			return dc.quantity(n, v)
		case intOrStringType:
			return dc.intOrString(n, v)
		case timeType:
			return dc.time(n, v)
		case bytesType:
			return dc.bytes(n, v)
		}
		if t.Kind() == reflect.Interface {
			t = nil
		} else if t.Kind() != reflect.Struct && t.Kind() != reflect.Map && t.Kind() != reflect.Slice && reflect.PointerTo(t).Implements(unmarshalerType) {
			return dc.viaJSON(n, t, v, depth)
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		if t != nil && t.Kind() != reflect.Struct && t.Kind() != reflect.Map {
			dc.wrongType(n, t, "")
			return nil
		}
		return dc.mapping(n, t, v, key, depth)
	case yaml.SequenceNode:
		if t != nil && t.Kind() != reflect.Slice {
			dc.wrongType(n, t, "")
			return nil
		}
		return dc.sequence(n, t, v, depth)
	case yaml.ScalarNode:
		return dc.scalar(n, t, v)
	}
	return nil
}

func elem(pv reflect.Value) reflect.Value {
	if !pv.IsValid() {
		return pv
	}
	return pv.Elem()
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

func (dc *decoder) mapping(n *yaml.Node, t reflect.Type, v reflect.Value, owner *yaml.Node, depth int) any {
	ps := dc.pairs(n, depth)
	var out map[string]any
	if dc.values {
		out = make(map[string]any, len(ps))
	}
	var si *structInfo
	if t != nil && t.Kind() == reflect.Struct {
		si = dc.types.info(t)
	}
	if t != nil && t.Kind() == reflect.Map && v.IsValid() && v.IsNil() {
		v.Set(reflect.MakeMapWithSize(t, len(ps)))
	}
	for _, p := range ps {
		k, val := p.k, p.v
		if k.Kind != yaml.ScalarNode {
			dc.r.add(ruleWrongType, dc.doc.rng(k), msg.New("k8s.key-not-scalar", nil), msg.New("k8s.key-not-scalar.hint", nil))
			continue
		}
		name := k.Value
		var ct reflect.Type
		var cv reflect.Value
		switch {
		case si != nil:
			fi, ok := si.byName[name]
			if !ok {
				dc.unknownField(k, name, si)
				continue
			}
			ct = fi.typ
			if v.IsValid() {
				cv = v.FieldByIndex(fi.index)
			}
		case t != nil:
			ct = t.Elem()
			if v.IsValid() {
				cv = reflect.New(ct).Elem()
			}
		}
		dc.path = append(dc.path, name)
		g := dc.decode(val, ct, cv, k, depth+1)
		dc.path = dc.path[:len(dc.path)-1]
		if t != nil && t.Kind() == reflect.Map && v.IsValid() {
			v.SetMapIndex(reflect.ValueOf(name).Convert(t.Key()), cv)
		}
		if out != nil && !isNull(val) {
			out[name] = g
		}
	}
	if si != nil {
		dc.checkRequired(n, t, ps, owner)
	}
	if out == nil {
		return nil
	}
	return out
}

func (dc *decoder) sequence(n *yaml.Node, t reflect.Type, v reflect.Value, depth int) any {
	var out []any
	if dc.values {
		out = make([]any, 0, len(n.Content))
	}
	var sv reflect.Value
	if t != nil && v.IsValid() {
		sv = reflect.MakeSlice(t, len(n.Content), len(n.Content))
	}
	var et reflect.Type
	if t != nil {
		et = t.Elem()
	}
	for i, it := range n.Content {
		var ev reflect.Value
		if sv.IsValid() {
			ev = sv.Index(i)
		}
		dc.path = append(dc.path, "["+strconv.Itoa(i)+"]")
		g := dc.decode(it, et, ev, nil, depth+1)
		if out != nil {
			out = append(out, g)
		}
		dc.path = dc.path[:len(dc.path)-1]
	}
	if sv.IsValid() {
		v.Set(sv)
	}
	if out == nil {
		return nil
	}
	return out
}
