package k8s

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/iactutor/iactutor/internal/msg"
)

// checkName applies the API server's naming rules to metadata.name.
func (c *checker) checkName(i int, o Object) {
	if o.Name == "" {
		return
	}
	var errs []string
	label := false
	switch o.Kind {
	case "Service", "Namespace":
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
	allowed := "k8s.name-rule.subdomain"
	if label {
		allowed = "k8s.name-rule.label"
	}
	c.r.add(ruleInvalidName, c.rng(i, "metadata.name"),
		msg.New("k8s.invalid-name", msg.Args{"Kind": clip(o.Kind), "Name": q(o.Name), "Allowed": msg.New(allowed, nil)}),
		tryName(fixName(o.Name, label)))
}

// tryName is the hint that proposes a valid name.
func tryName(s string) msg.Text {
	return msg.New("k8s.try-name", msg.Args{"Name": bt(s)})
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
				msg.New("k8s.invalid-label-key", msg.Args{"Key": q(k)}), msg.New("k8s.invalid-label-key.hint", nil))
		}
		if errs := validation.IsValidLabelValue(v); len(errs) > 0 {
			found++
			c.r.add(ruleInvalidLabel, c.rng(i, kp),
				msg.New("k8s.invalid-label-value", msg.Args{"Value": q(v), "Key": q(k)}),
				msg.New("k8s.invalid-label-value.hint", msg.Args{"Example": bt(fixName(v, true))}))
		}
	}
}
