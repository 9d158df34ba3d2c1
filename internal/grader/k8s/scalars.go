package k8s

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/iactutor/iactutor/internal/msg"
)

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
					msg.New("k8s.configmap-non-string", msg.Args{"Value": q(n.Value), "Key": q(dc.path[1]), "Actual": describe(g)}),
					msg.New("k8s.quote-it", msg.Args{"Field": clip(dc.path[1]), "Value": clip(n.Value)}))
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
			msg.New("k8s.quantity-invalid", msg.Args{"Value": q(n.Value), "Field": q(dc.field())}),
			quantityHint(n.Value, dc.field()))
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
				msg.New("k8s.secret-base64", msg.Args{"Key": q(key)}), msg.New("k8s.secret-base64.hint", nil))
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
