package k8s

import (
	"reflect"
	"strconv"
	"strings"

	yaml "sigs.k8s.io/yaml/goyaml.v3"
)

// expected names the kind of value a Go type accepts, in words a learner
// knows from YAML.
func expected(l lang, t reflect.Type) string {
	switch t {
	case quantityType:
		return l.f("a quantity such as 250m or 512Mi", "una cantidad como 250m o 512Mi")
	case intOrStringType:
		return l.f("a number or a name", "un número o un nombre")
	case timeType:
		return l.f("a date and time such as 2025-01-31T12:00:00Z", "una fecha y hora como 2025-01-31T12:00:00Z")
	case bytesType:
		return l.f("base64 text", "texto en base64")
	}
	switch t.Kind() {
	case reflect.String:
		return l.f("a string", "un texto")
	case reflect.Bool:
		return l.f("true or false", "true o false")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return l.f("a whole number", "un número entero")
	case reflect.Float32, reflect.Float64:
		return l.f("a number", "un número")
	case reflect.Struct, reflect.Map:
		return l.f("a mapping (key: value lines)", "un mapa (líneas clave: valor)")
	case reflect.Slice:
		return l.f("a list (items starting with -)", "una lista (elementos que empiezan por -)")
	}
	return l.f("another kind of value", "otro tipo de valor")
}

// describe names a generic value's kind.
func describe(l lang, g any) string {
	switch x := g.(type) {
	case nil:
		return l.f("empty", "vacío")
	case bool:
		return l.f("true/false", "un booleano (true/false)")
	case int64, float64:
		return l.f("a number", "un número")
	case string:
		_ = x
		return l.f("a string", "un texto")
	case []any:
		return l.f("a list", "una lista")
	case map[string]any:
		return l.f("a mapping", "un mapa")
	}
	return l.f("something else", "otra cosa")
}

func describeNode(l lang, n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return l.f("a mapping", "un mapa")
	case yaml.SequenceNode:
		return l.f("a list", "una lista")
	}
	return describe(l, scalarValue(n))
}

// wrongType reports a value whose YAML type does not fit the field.
func (dc *decoder) wrongType(n *yaml.Node, t reflect.Type, _ string) {
	l := dc.r.l
	field := dc.field()
	var summary string
	if n.Kind == yaml.ScalarNode {
		summary = l.f("%s must be %s, but %s is %s", "%s debe ser %s, pero %s es %s", q(field), expected(l, t), q(n.Value), describeNode(l, n))
	} else {
		summary = l.f("%s must be %s, but here it is %s", "%s debe ser %s, pero aquí es %s", q(field), expected(l, t), describeNode(l, n))
	}
	dc.r.add(ruleWrongType, dc.doc.rng(n), summary, wrongTypeHint(l, n, t, field))
}

func wrongTypeHint(l lang, n *yaml.Node, t reflect.Type, field string) string {
	k := t.Kind()
	isNum := func(k reflect.Kind) bool { return k >= reflect.Int && k <= reflect.Float64 }
	switch n.Kind {
	case yaml.SequenceNode:
		if k == reflect.Struct || k == reflect.Map {
			return l.f("Remove the `- ` in front of the entries: %s holds key: value lines, not a list.", "Quita el `- ` delante de las entradas: %s lleva líneas clave: valor, no una lista.", bt(field))
		}
		return l.f("Write a single value here, not a list.", "Escribe aquí un único valor, no una lista.")
	case yaml.MappingNode:
		if k == reflect.Slice {
			return l.f("Start each item of %s with `- `.", "Empieza cada elemento de %s con `- `.", bt(field))
		}
		return l.f("Write a single value here; if the value contains \": \", put it in quotes.", "Escribe aquí un único valor; si contiene \": \", ponlo entre comillas.")
	}
	g := scalarValue(n)
	_, isStr := g.(string)
	switch {
	case k == reflect.Slice && t != bytesType:
		return l.f("Write it as a list: put `- %s` on the next line, indented.", "Escríbelo como lista: pon `- %s` en la línea siguiente, con sangría.", clip(n.Value))
	case k == reflect.String && !isStr:
		return l.f("Quote it: `%s: \"%s\"`.", "Ponlo entre comillas: `%s: \"%s\"`.", clip(field), clip(n.Value))
	case (isNum(k) || t == intOrStringType) && isStr && looksNumeric(n.Value):
		return l.f("Remove the quotes: `%s: %s`.", "Quita las comillas: `%s: %s`.", clip(field), clip(n.Value))
	case k == reflect.Bool && isStr && (strings.EqualFold(n.Value, "true") || strings.EqualFold(n.Value, "false")):
		return l.f("Remove the quotes: `%s: %s`.", "Quita las comillas: `%s: %s`.", clip(field), strings.ToLower(n.Value))
	case isNum(k) && !isStr:
		if _, isInt := g.(int64); isInt {
			return l.f("The number is out of range for this field.", "El número está fuera del rango de este campo.")
		}
	}
	return l.f("Change the value to %s.", "Cambia el valor a %s.", expected(l, t))
}

func looksNumeric(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}
