package k8s

import (
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/msg"
)

// expected names the kind of value a Go type accepts, in words a learner
// knows from YAML.
func expected(t reflect.Type) msg.Text {
	key := "k8s.expected.something-else"
	switch t {
	case quantityType:
		key = "k8s.expected.quantity"
	case intOrStringType:
		key = "k8s.expected.int-or-string"
	case timeType:
		key = "k8s.expected.time"
	case bytesType:
		key = "k8s.expected.base64"
	default:
		switch t.Kind() {
		case reflect.String:
			key = "k8s.expected.string"
		case reflect.Bool:
			key = "k8s.expected.bool"
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			key = "k8s.expected.whole-number"
		case reflect.Float32, reflect.Float64:
			key = "k8s.expected.number"
		case reflect.Struct, reflect.Map:
			key = "k8s.expected.mapping"
		case reflect.Slice:
			key = "k8s.expected.list"
		}
	}
	return msg.New(key, nil)
}

// describe names a generic value's kind.
func describe(g any) msg.Text {
	key := "k8s.value.something-else"
	switch g.(type) {
	case nil:
		key = "k8s.value.empty"
	case bool:
		key = "k8s.value.bool"
	case int64, float64:
		key = "k8s.value.number"
	case string:
		key = "k8s.value.string"
	case []any:
		key = "k8s.value.list"
	case map[string]any:
		key = "k8s.value.mapping"
	}
	return msg.New(key, nil)
}

func describeNode(n *yaml.Node) msg.Text {
	switch n.Kind {
	case yaml.MappingNode:
		return msg.New("k8s.value.mapping", nil)
	case yaml.SequenceNode:
		return msg.New("k8s.value.list", nil)
	}
	return describe(scalarValue(n))
}

// wrongType reports a value whose YAML type does not fit the field.
func (dc *decoder) wrongType(n *yaml.Node, t reflect.Type, _ string) {
	field := dc.field()
	var summary msg.Text
	if n.Kind == yaml.ScalarNode {
		summary = msg.New("k8s.wrong-type", msg.Args{"Field": q(field), "Expected": expected(t), "Value": q(n.Value), "Actual": describeNode(n)})
	} else {
		summary = msg.New("k8s.wrong-type.here", msg.Args{"Field": q(field), "Expected": expected(t), "Actual": describeNode(n)})
	}
	dc.r.add(ruleWrongType, dc.doc.rng(n), summary, wrongTypeHint(n, t, field))
}

func wrongTypeHint(n *yaml.Node, t reflect.Type, field string) msg.Text {
	k := t.Kind()
	isNum := func(k reflect.Kind) bool { return k >= reflect.Int && k <= reflect.Float64 }
	switch n.Kind {
	case yaml.SequenceNode:
		if k == reflect.Struct || k == reflect.Map {
			return msg.New("k8s.wrong-type.remove-dash", msg.Args{"Field": bt(field)})
		}
		return msg.New("k8s.wrong-type.not-a-list", nil)
	case yaml.MappingNode:
		if k == reflect.Slice {
			return msg.New("k8s.wrong-type.add-dash", msg.Args{"Field": bt(field)})
		}
		return msg.New("k8s.wrong-type.not-a-mapping", nil)
	}
	g := scalarValue(n)
	_, isStr := g.(string)
	switch {
	case k == reflect.Slice && t != bytesType:
		return msg.New("k8s.wrong-type.as-list", msg.Args{"Value": clip(n.Value)})
	case k == reflect.String && !isStr:
		return msg.New("k8s.quote-it", msg.Args{"Field": clip(field), "Value": clip(n.Value)})
	case (isNum(k) || t == intOrStringType) && isStr && looksNumeric(n.Value):
		return msg.New("k8s.wrong-type.unquote", msg.Args{"Field": clip(field), "Value": clip(n.Value)})
	case k == reflect.Bool && isStr && (strings.EqualFold(n.Value, "true") || strings.EqualFold(n.Value, "false")):
		return msg.New("k8s.wrong-type.unquote", msg.Args{"Field": clip(field), "Value": strings.ToLower(n.Value)})
	case isNum(k) && !isStr:
		if _, isInt := g.(int64); isInt {
			return msg.New("k8s.wrong-type.out-of-range", nil)
		}
	}
	return msg.New("k8s.wrong-type.change", msg.Args{"Expected": expected(t)})
}

func looksNumeric(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}
