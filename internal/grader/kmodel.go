package grader

import (
	"reflect"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	apiservercel "k8s.io/apiserver/pkg/cel"
	"k8s.io/kubernetes/pkg/api/legacyscheme"

	"github.com/iactutor/iactutor/internal/kubeapi"
)

// kubeModel turns an object as written into the object a cluster would
// store: the API server's defaulting applied, so a field the server fills
// is not "missing", and every resource.Quantity a CEL quantity, so 0.5Gi
// equals 512Mi. Objects the server does not know stay as written.
type kubeModel struct{ api *kubeapi.Validator }

func (k kubeModel) defaulted(value map[string]any) map[string]any {
	apiVersion, _ := value["apiVersion"].(string)
	kind, _ := value["kind"].(string)
	if k.api == nil || !k.api.Knows(apiVersion, kind) {
		return value
	}
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return value
	}
	obj, err := legacyscheme.Scheme.New(gv.WithKind(kind))
	if err != nil {
		return value
	}
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(value, obj); err != nil {
		// What could not be decoded is the validators' to report; the
		// expectations then read the object as written, with the
		// quantities that do parse (512, "0.5Gi") as quantities, so a
		// check about one field is not lost to a typo in another.
		if q, ok := quantify(value, reflect.TypeOf(obj)).(map[string]any); ok {
			return q
		}
		return value
	}
	obj = k.api.Defaulted(obj)
	out, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		return value
	}
	q, _ := quantify(out, reflect.TypeOf(obj)).(map[string]any)
	if q == nil {
		return value
	}
	return q
}

var quantityType = reflect.TypeFor[resource.Quantity]()

// quantify walks v alongside the Go type it was converted from and turns
// the strings that are quantities into CEL quantities.
func quantify(v any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == quantityType {
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case int64:
			s = strconv.FormatInt(x, 10)
		case int:
			s = strconv.Itoa(x)
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
		default:
			return v
		}
		if q, err := resource.ParseQuantity(s); err == nil {
			return apiservercel.Quantity{Quantity: &q}
		}
		return v
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous && name == "" {
				quantify(m, f.Type)
				continue
			}
			if fv, ok := m[name]; ok && name != "" && name != "-" {
				m[name] = quantify(fv, f.Type)
			}
		}
		return m
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		for k, e := range m {
			m[k] = quantify(e, t.Elem())
		}
		return m
	case reflect.Slice:
		l, ok := v.([]any)
		if !ok {
			return v
		}
		for i, e := range l {
			l[i] = quantify(e, t.Elem())
		}
		return l
	}
	return v
}

// resolveNamedPorts writes a port a probe or a Service names as the number
// it stands for, as the kubelet and the endpoints controller do, so a
// check asks about the port and not its spelling. A name nothing declares
// stays a name.
func resolveNamedPorts(objects []map[string]any) {
	var pods []any
	for _, o := range objects {
		pods = append(pods, o)
	}
	for _, p := range podTemplates(pods) {
		for _, c := range asList(p.spec["containers"]) {
			for _, probe := range []string{"livenessProbe", "readinessProbe", "startupProbe"} {
				pr := asMap(asMap(c)[probe])
				for _, handler := range []string{"httpGet", "tcpSocket", "grpc"} {
					h := asMap(pr[handler])
					if name, ok := h["port"].(string); ok {
						if n, ok := resolvePort(p.spec, name); ok {
							h["port"] = n
						}
					}
				}
			}
		}
	}
	for _, o := range objects {
		if o["kind"] != "Service" {
			continue
		}
		selector := asMap(asMap(o["spec"])["selector"])
		if len(selector) == 0 {
			continue
		}
		for _, sp := range asList(asMap(o["spec"])["ports"]) {
			port := asMap(sp)
			name, ok := port["targetPort"].(string)
			if !ok {
				continue
			}
			for _, p := range podTemplates(pods) {
				if !selects(selector, p.labels) {
					continue
				}
				if n, ok := resolvePort(p.spec, name); ok {
					port["targetPort"] = n
					break
				}
			}
		}
	}
}

func selects(selector, labels map[string]any) bool {
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}
