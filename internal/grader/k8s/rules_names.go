package k8s

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
)

// checkName applies the API server's naming rules to metadata.name.
func (c *checker) checkName(i int, o Object) {
	if o.Name == "" {
		return
	}
	l := c.r.l
	var errs []string
	label := false
	switch o.Kind {
	case "Service":
		errs, label = validation.IsDNS1035Label(o.Name), true
	case "Namespace":
		errs, label = validation.IsDNS1123Label(o.Name), true
	case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding":
		return // path segment names: almost anything goes
	default:
		if c.s.items[i].typed == nil {
			return // custom resources choose their own rules
		}
		errs = validation.IsDNS1123Subdomain(o.Name)
	}
	if len(errs) == 0 {
		return
	}
	rule := "lowercase letters, digits, '-' and '.'"
	ruleEs := "minúsculas, dígitos, '-' y '.'"
	if label {
		rule, ruleEs = "lowercase letters, digits and '-', at most 63 characters", "minúsculas, dígitos y '-', como mucho 63 caracteres"
		if o.Kind == "Service" {
			rule, ruleEs = rule+", starting with a letter", ruleEs+", empezando por una letra"
		}
	}
	c.r.add(ruleInvalidName, c.rng(i, "metadata.name"),
		l.f("%s name %s is not valid: use %s", "El nombre de %s %s no es válido: usa %s", clip(o.Kind), q(o.Name), l.pick(rule, ruleEs)),
		l.f("Try %s.", "Prueba con %s.", bt(fixName(o.Name, label))))
}

// fixName proposes a valid name close to the one written.
func fixName(s string, label bool) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' && !label:
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-.")
	for strings.Contains(out, "--") {
		out = strings.ReplaceAll(out, "--", "-")
	}
	if len(out) > 63 {
		out = strings.Trim(out[:63], "-.")
	}
	if out == "" {
		out = "my-app"
	}
	return out
}

func objectMeta(typed any) map[string]string {
	type metaGetter interface{ GetLabels() map[string]string }
	if m, ok := typed.(metaGetter); ok {
		return m.GetLabels()
	}
	return nil
}

// maxPerList caps the findings reported for one map of labels or keys: a
// learner needs the first few, and a hostile file with thousands would
// otherwise cost a search each.
const maxPerList = 20

// checkLabels validates label keys and values at path.
func (c *checker) checkLabels(i int, path string, labels map[string]string) {
	l := c.r.l
	found := 0
	for _, k := range sortedKeys(labels) {
		if found >= maxPerList {
			return
		}
		v := labels[k]
		kp := fmt.Sprintf("%s[%q]", path, k)
		if errs := validation.IsQualifiedName(k); len(errs) > 0 {
			found++
			c.r.add(ruleInvalidLabel, c.keyRng(i, kp),
				l.f("Label key %s is not valid", "La clave de etiqueta %s no es válida", q(k)),
				l.f("Use letters, digits, '-', '_' and '.', at most 63 characters, with an optional prefix such as `app.kubernetes.io/`.",
					"Usa letras, dígitos, '-', '_' y '.', como mucho 63 caracteres, con un prefijo opcional como `app.kubernetes.io/`."))
		}
		if errs := validation.IsValidLabelValue(v); len(errs) > 0 {
			found++
			c.r.add(ruleInvalidLabel, c.rng(i, kp),
				l.f("Label value %s for %s is not valid", "El valor de etiqueta %s para %s no es válido", q(v), q(k)),
				l.f("Use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, e.g. %s.",
					"Usa como mucho 63 letras, dígitos, '-', '_' o '.', empezando y terminando por letra o dígito, p. ej. %s.", bt(fixName(v, true))))
		}
	}
}
