package k8s

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	yaml "sigs.k8s.io/yaml/goyaml.v3"

	"github.com/iactutor/iactutor/internal/suggest"
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
			dc.r.add(ruleYAMLAliases, dc.doc.rng(n), dc.r.l.f("Aliases in this document expand to far more data than the file holds",
				"Los alias de este documento se expanden a muchos más datos de los que contiene el archivo"),
				dc.r.l.f("Write the repeated values out, or use anchors only for small blocks used a few times.",
					"Escribe los valores repetidos completos, o usa anclas solo para bloques pequeños reutilizados pocas veces."))
		}
		return nil
	}
	if depth > maxDepth {
		if !dc.tooDeep {
			dc.tooDeep = true
			dc.r.add(ruleYAMLSyntax, dc.doc.lineRange(dc.doc.pos(n).Line), dc.r.l.f("This document is nested far too deeply", "Este documento está anidado a demasiada profundidad"),
				dc.r.l.f("Kubernetes objects nest a few dozen levels at most; remove the extra nesting.", "Los objetos de Kubernetes anidan unas pocas decenas de niveles como mucho; quita el anidamiento sobrante."))
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

// pair is one entry of a mapping, after "<<" merge keys are expanded.
type pair struct{ k, v *yaml.Node }

// pairs lists a mapping's entries, reporting duplicate keys, and adds the
// entries of merged mappings that are not overridden.
func (dc *decoder) pairs(n *yaml.Node, depth int) []pair {
	return dc.collectPairs(n, depth, true)
}

// smallMapping is the size up to which duplicate keys are found by a linear
// scan; larger mappings use a set so that huge ones stay linear.
const smallMapping = 16

func (dc *decoder) collectPairs(n *yaml.Node, depth int, report bool) []pair {
	ps := make([]pair, 0, len(n.Content)/2)
	var seen map[string]int
	if len(n.Content)/2 > smallMapping {
		seen = make(map[string]int, len(n.Content)/2)
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind == yaml.ScalarNode {
			if prev := lookupPair(ps, seen, k.Value); prev != nil {
				if report {
					dc.r.add(ruleDuplicateKey, dc.doc.rng(k),
						dc.r.l.f("Key %s appears twice in the same mapping (first on line %d)", "La clave %s aparece dos veces en el mismo mapa (la primera en la línea %d)", q(k.Value), dc.doc.pos(prev.k).Line),
						dc.r.l.f("Keep one of the two: YAML parsers disagree on which one wins, and the API server rejects the object.",
							"Deja solo una de las dos: los analizadores YAML no coinciden en cuál gana y el servidor de la API rechaza el objeto."))
				}
				continue
			}
			if seen != nil {
				seen[k.Value] = len(ps)
			}
		}
		ps = append(ps, pair{k, v})
	}
	for _, m := range merges {
		dc.merge(&ps, &seen, m, depth+1)
	}
	return ps
}

// lookupPair finds a key among pairs, through the set when there is one.
func lookupPair(ps []pair, seen map[string]int, key string) *pair {
	if seen != nil {
		if i, ok := seen[key]; ok {
			return &ps[i]
		}
		return nil
	}
	return findPair(ps, key)
}

// merge adds the entries of a "<<" value (a mapping or a list of them) that
// the mapping does not set itself.
func (dc *decoder) merge(ps *[]pair, seen *map[string]int, m *yaml.Node, depth int) {
	m = resolve(m)
	if m == nil || depth > maxDepth {
		return
	}
	dc.budget--
	if dc.budget < 0 {
		return
	}
	switch m.Kind {
	case yaml.SequenceNode:
		for _, it := range m.Content {
			dc.merge(ps, seen, it, depth+1)
		}
	case yaml.MappingNode:
		for _, p := range dc.collectPairs(m, depth, false) {
			dc.budget--
			if dc.budget < 0 {
				return
			}
			if p.k.Kind == yaml.ScalarNode {
				if lookupPair(*ps, *seen, p.k.Value) != nil {
					continue
				}
				if *seen == nil && len(*ps) >= smallMapping {
					*seen = make(map[string]int, 2*len(*ps))
					for i, q := range *ps {
						if q.k.Kind == yaml.ScalarNode {
							(*seen)[q.k.Value] = i
						}
					}
				}
				if *seen != nil {
					(*seen)[p.k.Value] = len(*ps)
				}
			}
			*ps = append(*ps, p)
		}
	}
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
			dc.r.add(ruleWrongType, dc.doc.rng(k), dc.r.l.f("A key must be a plain name, not a list or a mapping", "Una clave debe ser un nombre simple, no una lista ni un mapa"),
				dc.r.l.f("Write the key as text followed by a colon.", "Escribe la clave como texto seguido de dos puntos."))
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

func (dc *decoder) unknownField(k *yaml.Node, name string, si *structInfo) {
	where := dc.pathString()
	var summary string
	if where == "" {
		summary = dc.r.l.f("Unknown field %s", "Campo desconocido %s", q(name))
	} else {
		summary = dc.r.l.f("Unknown field %s in %s", "Campo desconocido %s en %s", q(name), where)
	}
	hint := ""
	if s := suggest.Nearest(name, si.names); s != "" {
		hint = dc.r.l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
	} else if alt := dc.misplaced(name); alt != "" {
		hint = alt
	} else {
		hint = dc.r.l.f("Remove it, or check its indentation: it may belong to the level above or below. Valid fields here: %s.",
			"Quítalo o revisa su sangría: puede que pertenezca al nivel de arriba o de abajo. Campos válidos aquí: %s.", listNames(si.names))
	}
	dc.r.add(ruleUnknownField, dc.doc.rng(k), summary, hint)
}

// misplaced recognises fields learners often put one level off.
func (dc *decoder) misplaced(name string) string {
	switch name {
	case "containers", "volumes", "serviceAccountName", "nodeSelector", "imagePullSecrets", "initContainers":
		return dc.r.l.f("%s belongs in the pod spec (spec.template.spec in a workload); check the indentation.",
			"%s va en la spec del pod (spec.template.spec en una carga de trabajo); revisa la sangría.", bt(name))
	case "labels", "annotations", "namespace":
		return dc.r.l.f("%s belongs under metadata; check the indentation.", "%s va dentro de metadata; revisa la sangría.", bt(name))
	case "requests", "limits":
		return dc.r.l.f("%s belongs under the container's resources; check the indentation.", "%s va dentro de resources del contenedor; revisa la sangría.", bt(name))
	}
	return ""
}

func listNames(names []string) string {
	if len(names) > 12 {
		return strings.Join(names[:12], ", ") + ", …"
	}
	return strings.Join(names, ", ")
}

// checkRequired reports fields the API server requires that are absent,
// null or an empty list.
func (dc *decoder) checkRequired(n *yaml.Node, t reflect.Type, ps []pair, owner *yaml.Node) {
	reqs := required[t]
	for _, rf := range reqs {
		p := findPair(ps, rf.name)
		if p != nil && !isNull(p.v) && !(resolve(p.v).Kind == yaml.SequenceNode && len(resolve(p.v).Content) == 0) {
			continue
		}
		at := dc.doc.rng(n)
		if p != nil {
			at = dc.doc.span(p.k, p.v)
		} else if owner != nil {
			at = dc.doc.rng(owner)
		} else if len(n.Content) > 0 {
			at = dc.doc.rng(n.Content[0])
		}
		where := dc.pathString()
		var summary string
		if rf.rule == ruleContainerMissingImage {
			cname := ""
			if np := findPair(ps, "name"); np != nil && resolve(np.v).Kind == yaml.ScalarNode {
				cname = resolve(np.v).Value
			}
			summary = dc.r.l.f("Container %s has no image", "El contenedor %s no tiene imagen", q(cname))
			dc.r.add(rf.rule, at, summary, dc.r.l.f("Add `image:` with a full reference, e.g. `image: ghcr.io/acme/churn-api:1.4.2`.",
				"Añade `image:` con una referencia completa, p. ej. `image: ghcr.io/acme/churn-api:1.4.2`."))
			continue
		}
		if where == "" {
			summary = dc.r.l.f("Required field %s is missing", "Falta el campo obligatorio %s", q(rf.name))
		} else {
			summary = dc.r.l.f("Required field %s is missing in %s", "Falta el campo obligatorio %s en %s", q(rf.name), where)
		}
		dc.r.add(rf.rule, at, summary, requiredHint(dc.r.l, rf.name))
	}
}

func requiredHint(l lang, field string) string {
	switch field {
	case "selector":
		return l.f("Add `selector: {matchLabels: ...}` with the same labels as the pod template.", "Añade `selector: {matchLabels: ...}` con las mismas etiquetas que la plantilla del pod.")
	case "containers":
		return l.f("Add a `containers:` list with at least one container that has a name and an image.", "Añade una lista `containers:` con al menos un contenedor con nombre e imagen.")
	case "template":
		return l.f("Add a `template:` with metadata.labels and a spec listing the containers.", "Añade un `template:` con metadata.labels y una spec con los contenedores.")
	case "scaleTargetRef":
		return l.f("Add `scaleTargetRef:` with apiVersion apps/v1, kind Deployment and the Deployment's name.", "Añade `scaleTargetRef:` con apiVersion apps/v1, kind Deployment y el nombre del Deployment.")
	case "maxReplicas":
		return l.f("Add `maxReplicas:` with the most pods the autoscaler may run, e.g. 10.", "Añade `maxReplicas:` con el máximo de pods que puede lanzar el autoescalador, p. ej. 10.")
	}
	return l.f("Add %s here.", "Añade %s aquí.", bt(field+":"))
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

// yaml11Bools are the plain words kubectl's YAML 1.1 reader turns into
// booleans although YAML 1.2 reads them as text.
var yaml11Bools = map[string]bool{"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
	"n": false, "N": false, "no": false, "No": false, "NO": false, "off": false, "Off": false, "OFF": false}

// scalarValue reads a scalar as the API server would see it after kubectl
// converts YAML to JSON.
func scalarValue(n *yaml.Node) any {
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
		return n.Value
	case "!!float":
		switch strings.ToLower(strings.TrimLeft(n.Value, "+-")) {
		case ".inf", ".nan":
			return n.Value
		}
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return f
		}
		return n.Value
	case "!!str":
		if n.Style == 0 {
			if b, ok := yaml11Bools[n.Value]; ok {
				return b
			}
		}
	}
	return n.Value
}

func (dc *decoder) scalar(n *yaml.Node, t reflect.Type, v reflect.Value) any {
	g := scalarValue(n)
	if t == nil || g == nil {
		return g
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		dc.wrongType(n, t, "")
		return nil
	case reflect.Slice:
		dc.wrongType(n, t, "")
		return nil
	case reflect.String:
		s, ok := g.(string)
		if !ok {
			if dc.kind == "ConfigMap" && len(dc.path) == 2 && dc.path[0] == "data" {
				dc.r.add(ruleConfigMapNonString, dc.doc.rng(n),
					dc.r.l.f("ConfigMap value %s for %s is %s, not a string", "El valor %s de %s en el ConfigMap es %s, no un texto", q(n.Value), q(dc.path[1]), describe(dc.r.l, g)),
					dc.r.l.f("Quote it: `%s: \"%s\"`.", "Ponlo entre comillas: `%s: \"%s\"`.", clip(dc.path[1]), clip(n.Value)))
				return g
			}
			dc.wrongType(n, t, "")
			return g
		}
		if v.IsValid() {
			v.SetString(s)
		}
	case reflect.Bool:
		b, ok := g.(bool)
		if !ok {
			dc.wrongType(n, t, "")
			return g
		}
		if v.IsValid() {
			v.SetBool(b)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, ok := g.(int64)
		if !ok || (t.Bits() < 64 && (i > 1<<(t.Bits()-1)-1 || i < -(1<<(t.Bits()-1)))) {
			dc.wrongType(n, t, "")
			return g
		}
		if v.IsValid() {
			v.SetInt(i)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		i, ok := g.(int64)
		if !ok || i < 0 || (t.Bits() < 64 && uint64(i) > 1<<t.Bits()-1) {
			dc.wrongType(n, t, "")
			return g
		}
		if v.IsValid() {
			v.SetUint(uint64(i))
		}
	case reflect.Float32, reflect.Float64:
		var f float64
		switch x := g.(type) {
		case int64:
			f = float64(x)
		case float64:
			f = x
		default:
			dc.wrongType(n, t, "")
			return g
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			dc.wrongType(n, t, "")
			return g
		}
		if v.IsValid() {
			v.SetFloat(f)
		}
	}
	return g
}

func (dc *decoder) quantity(n *yaml.Node, v reflect.Value) any {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		dc.wrongType(n, quantityType, "")
		return nil
	}
	g := scalarValue(n)
	if _, isBool := g.(bool); isBool {
		dc.wrongType(n, quantityType, "")
		return g
	}
	qty, err := resource.ParseQuantity(strings.TrimSpace(n.Value))
	if err != nil {
		dc.r.add(ruleQuantityInvalid, dc.doc.rng(n),
			dc.r.l.f("%s is not a valid quantity for %s", "%s no es una cantidad válida para %s", q(n.Value), q(dc.field())),
			quantityHint(dc.r.l, n.Value, dc.field()))
		return g
	}
	if v.IsValid() {
		v.Set(reflect.ValueOf(qty))
	}
	return g
}

func (dc *decoder) intOrString(n *yaml.Node, v reflect.Value) any {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		dc.wrongType(n, intOrStringType, "")
		return nil
	}
	g := scalarValue(n)
	var ios intstr.IntOrString
	switch x := g.(type) {
	case int64:
		if x > math.MaxInt32 || x < math.MinInt32 {
			dc.wrongType(n, intOrStringType, "")
			return g
		}
		ios = intstr.FromInt32(int32(x))
	case string:
		ios = intstr.FromString(x)
	default:
		dc.wrongType(n, intOrStringType, "")
		return g
	}
	if v.IsValid() {
		v.Set(reflect.ValueOf(ios))
	}
	return g
}

func (dc *decoder) time(n *yaml.Node, v reflect.Value) any {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		dc.wrongType(n, timeType, "")
		return nil
	}
	tm, err := time.Parse(time.RFC3339, n.Value)
	if err != nil {
		dc.wrongType(n, timeType, "")
		return n.Value
	}
	if v.IsValid() {
		v.Set(reflect.ValueOf(metav1.Time{Time: tm}))
	}
	return n.Value
}

func (dc *decoder) bytes(n *yaml.Node, v reflect.Value) any {
	if isNull(n) {
		return nil
	}
	g := scalarValue(n)
	s, ok := g.(string)
	if n.Kind != yaml.ScalarNode || !ok {
		dc.wrongType(n, bytesType, "")
		return g
	}
	b, err := base64.StdEncoding.DecodeString(stripNewlines(s))
	if err != nil {
		if dc.kind == "Secret" {
			key := dc.field()
			dc.r.add(ruleSecretBase64, dc.doc.rng(n),
				dc.r.l.f("Secret value for %s is not valid base64", "El valor del Secret para %s no es base64 válido", q(key)),
				dc.r.l.f("Encode it with `echo -n 'value' | base64`, or move the plain value to `stringData:`.",
					"Codifícalo con `echo -n 'valor' | base64`, o mueve el valor en claro a `stringData:`."))
			return s
		}
		dc.wrongType(n, bytesType, "")
		return s
	}
	if v.IsValid() {
		v.SetBytes(b)
	}
	return s
}

func stripNewlines(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", "", "\n", "").Replace(s)
}

// viaJSON decodes a value of a type with its own JSON decoding by handing it
// the JSON form of the YAML node, exactly as the API server would.
func (dc *decoder) viaJSON(n *yaml.Node, t reflect.Type, v reflect.Value, depth int) any {
	keep := dc.values
	dc.values = true
	g := dc.decode(n, nil, reflect.Value{}, nil, depth)
	dc.values = keep
	raw, err := json.Marshal(g)
	if err != nil {
		dc.wrongType(n, t, "")
		return g
	}
	pv := reflect.New(t)
	if err := pv.Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
		dc.wrongType(n, t, "")
		return g
	}
	if v.IsValid() {
		v.Set(pv.Elem())
	}
	return g
}

func findPair(ps []pair, key string) *pair {
	for i := range ps {
		if ps[i].k.Kind == yaml.ScalarNode && ps[i].k.Value == key {
			return &ps[i]
		}
	}
	return nil
}
