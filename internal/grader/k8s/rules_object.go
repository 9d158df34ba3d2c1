package k8s

import (
	"fmt"
	"strings"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// object runs the rules that need one object only.
func (c *checker) object(i int) {
	defer c.server(i, len(c.r.ds))
	prev := c.r.partial
	c.r.partial = c.s.items[i].role == kzPatch
	defer func() { c.r.partial = prev }()
	o := c.s.objects[i]
	typed := c.s.items[i].typed
	c.checkName(i, o)
	if typed == nil {
		return
	}
	c.checkLabels(i, "metadata.labels", objectMeta(typed))
	if pt, ok := templateOf(typed); ok {
		if pt.prefix != "" {
			c.checkLabels(i, pt.prefix+"metadata.labels", pt.meta.Labels)
		}
		c.checkSelector(i, typed, pt)
		c.checkPod(i, pt)
	}
	switch t := typed.(type) {
	case *autoscalingv2.HorizontalPodAutoscaler:
		c.hpaMinMax(i, t.Spec.MinReplicas, t.Spec.MaxReplicas)
	case *autoscalingv1.HorizontalPodAutoscaler:
		c.hpaMinMax(i, t.Spec.MinReplicas, t.Spec.MaxReplicas)
	case *networkingv1.Ingress:
		c.ingressPathTypes(i, t)
	case *corev1.ConfigMap:
		c.configMap(i, t)
	case *corev1.Secret:
		n := 0
		for _, k := range sortedKeys(t.Data) {
			c.dataKey(i, "data", k, &n)
		}
		for _, k := range sortedKeys(t.StringData) {
			c.dataKey(i, "stringData", k, &n)
		}
	case *corev1.Service:
		for j, p := range t.Spec.Ports {
			if p.Name != "" {
				c.servicePortName(i, fmt.Sprintf("spec.ports[%d].name", j), p.Name)
			}
		}
	}
}

// checkSelector makes sure a workload's selector matches its own template.
func (c *checker) checkSelector(i int, typed any, pt podTemplate) {
	sel := selectorOf(typed)
	if sel == nil {
		return
	}
	c.checkLabels(i, "spec.selector.matchLabels", sel.MatchLabels)
	tl := pt.meta.Labels
	for _, k := range sortedKeys(sel.MatchLabels) {
		want := sel.MatchLabels[k]
		got, ok := tl[k]
		if ok && got == want {
			continue
		}
		path := fmt.Sprintf("spec.selector.matchLabels[%q]", k)
		if !ok {
			c.r.add(ruleSelectorMismatch, c.rng(i, path),
				msg.New("k8s.selector-mismatch.missing", msg.Args{"Want": labelString(k, want), "Key": q(k)}),
				msg.New("k8s.selector-mismatch.missing.hint", msg.Args{"Key": clip(k), "Value": clip(want), "Prefix": pt.prefix}))
			continue
		}
		c.r.add(ruleSelectorMismatch, c.rng(i, path),
			msg.New("k8s.selector-mismatch.differs", msg.Args{"Want": labelString(k, want), "Got": labelString(k, got)}),
			msg.New("k8s.selector-mismatch.differs.hint", msg.Args{"Prefix": pt.prefix}))
	}
	for j, e := range sel.MatchExpressions {
		if matchExpression(e.Key, string(e.Operator), e.Values, tl) {
			continue
		}
		c.r.add(ruleSelectorMismatch, c.rng(i, fmt.Sprintf("spec.selector.matchExpressions[%d]", j)),
			msg.New("k8s.selector-mismatch.expression", msg.Args{"Key": q(e.Key)}),
			msg.New("k8s.selector-mismatch.expression.hint", msg.Args{"Prefix": pt.prefix}))
	}
}

func matchExpression(key, op string, values []string, labels map[string]string) bool {
	v, has := labels[key]
	switch op {
	case "In":
		return has && contains(values, v)
	case "NotIn":
		return !has || !contains(values, v)
	case "Exists":
		return has
	case "DoesNotExist":
		return !has
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkPod runs the container rules of a pod spec.
func (c *checker) checkPod(i int, pt podTemplate) {
	names := map[string]string{} // port name -> path of first use
	var podPorts []corev1.ContainerPort
	for _, cl := range containerLists(pt.spec) {
		for _, ct := range cl.list {
			podPorts = append(podPorts, ct.Ports...)
		}
	}
	for _, cl := range containerLists(pt.spec) {
		for j, ct := range cl.list {
			cp := fmt.Sprintf("%sspec.%s[%d]", pt.prefix, cl.field, j)
			if ct.Name != "" {
				if errs := validation.IsDNS1123Label(ct.Name); len(errs) > 0 {
					c.r.add(ruleInvalidName, c.rng(i, cp+".name"),
						msg.New("k8s.invalid-container-name", msg.Args{"Name": q(ct.Name)}), tryName(fixName(ct.Name, true)))
				}
			}
			seen := map[string]bool{}
			for k, p := range ct.Ports {
				pp := fmt.Sprintf("%s.ports[%d]", cp, k)
				proto := string(p.Protocol)
				if proto == "" {
					proto = "TCP"
				}
				key := fmt.Sprintf("%d/%s", p.ContainerPort, proto)
				if p.ContainerPort != 0 && seen[key] {
					c.r.add(ruleDuplicatePort, c.rng(i, pp+".containerPort"),
						msg.New("k8s.duplicate-port", msg.Args{"Container": q(ct.Name), "Port": p.ContainerPort}), msg.New("k8s.duplicate-port.hint", nil))
				}
				seen[key] = true
				if p.Name != "" {
					if c.portName(i, pp+".name", p.Name) {
						if _, dup := names[p.Name]; dup {
							// names must be unique in a pod: the API server refuses duplicates
							c.r.addSev(ruleDuplicatePort, diag.SeverityError, c.rng(i, pp+".name"),
								msg.New("k8s.duplicate-port-name", msg.Args{"Name": q(p.Name)}), msg.New("k8s.duplicate-port-name.hint", nil))
						}
						names[p.Name] = pp
					}
				}
			}
			c.checkVolumeMounts(i, cp, ct, pt)
			c.checkResources(i, cp, ct, cl.field == "containers")
			c.checkImage(i, cp, ct)
			c.checkProbes(i, cp, ct, podPorts)
		}
	}
}

// checkVolumeMounts reports mounts that name no volume of the pod, which
// the API server rejects.
func (c *checker) checkVolumeMounts(i int, cp string, ct corev1.Container, pt podTemplate) {
	names := append([]string{}, pt.claims...)
	for _, v := range pt.spec.Volumes {
		names = append(names, v.Name)
	}
	for k, vm := range ct.VolumeMounts {
		if vm.Name == "" || contains(names, vm.Name) {
			continue
		}
		hint := msg.New("k8s.volume-mount-missing.hint", msg.Args{"Volume": q(vm.Name), "Prefix": pt.prefix})
		if s := suggest.Nearest(vm.Name, names); s != "" {
			hint = msg.New("k8s.volume-mount-missing.did-you-mean", msg.Args{"Suggestion": bt(s)})
		}
		c.r.add(ruleVolumeMountMissing, c.rng(i, fmt.Sprintf("%s.volumeMounts[%d].name", cp, k)),
			msg.New("k8s.volume-mount-missing", msg.Args{"Container": q(ct.Name), "Volume": q(vm.Name)}),
			hint)
	}
}

// portName checks an IANA service name and reports whether it is valid.
func (c *checker) portName(i int, path, name string) bool {
	if errs := validation.IsValidPortName(name); len(errs) > 0 {
		c.r.add(ruleInvalidName, c.rng(i, path),
			msg.New("k8s.invalid-port-name", msg.Args{"Name": q(name)}), tryName(fixPortName(name)))
		return false
	}
	return true
}

// servicePortName checks the name of a Service port, which is a DNS label
// (up to 63 characters), unlike a container port's IANA service name (up to
// 15): the Service's name for a port need not fit in the pod's.
func (c *checker) servicePortName(i int, path, name string) {
	if errs := validation.IsDNS1123Label(name); len(errs) > 0 {
		fixed := fixName(name, true)
		if len(fixed) > validation.DNS1123LabelMaxLength {
			fixed = strings.Trim(fixed[:validation.DNS1123LabelMaxLength], "-")
		}
		c.r.add(ruleInvalidName, c.rng(i, path),
			msg.New("k8s.invalid-service-port-name", msg.Args{"Name": q(name)}), tryName(fixed))
	}
}

func fixPortName(s string) string {
	out := fixName(s, true)
	if len(out) > 15 {
		out = strings.Trim(out[:15], "-")
	}
	return out
}

func (c *checker) hpaMinMax(i int, min *int32, max int32) {
	if min == nil || max == 0 || *min <= max {
		return
	}
	c.r.add(ruleHPAMinMax, c.rng(i, "spec.minReplicas"),
		msg.New("k8s.hpa-min-max", msg.Args{"Min": *min, "Max": max}), msg.New("k8s.hpa-min-max.hint", nil))
}

func (c *checker) ingressPathTypes(i int, ing *networkingv1.Ingress) {
	for j, r := range ing.Spec.Rules {
		if r.HTTP == nil {
			continue
		}
		for k, p := range r.HTTP.Paths {
			if p.PathType != nil {
				continue
			}
			path := fmt.Sprintf("spec.rules[%d].http.paths[%d]", j, k)
			at := path + ".path"
			if !c.exists(i, at) {
				at = path
			}
			shown := p.Path
			if shown == "" {
				shown = "/"
			}
			c.r.add(ruleIngressPathType, c.keyRng(i, at),
				msg.New("k8s.ingress-path-type", msg.Args{"Path": q(shown)}), msg.New("k8s.ingress-path-type.hint", nil))
		}
	}
}

// credentialWords mark ConfigMap keys that surely hold a credential.
var credentialWords = []string{"PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"}

func (c *checker) configMap(i int, cm *corev1.ConfigMap) {
	bad, creds := 0, 0
	for _, k := range sortedKeys(cm.Data) {
		c.dataKey(i, "data", k, &bad)
		up := strings.ToUpper(strings.ReplaceAll(k, "-", "_"))
		for _, w := range credentialWords {
			if strings.Contains(up, w) && creds < maxPerList {
				creds++
				c.r.add(ruleConfigMapCredentials, c.keyRng(i, fmt.Sprintf("data[%q]", k)),
					msg.New("k8s.configmap-credentials", msg.Args{"Key": q(k)}), msg.New("k8s.configmap-credentials.hint", nil))
				break
			}
		}
	}
	for _, k := range sortedKeys(cm.BinaryData) {
		c.dataKey(i, "binaryData", k, &bad)
	}
}

// dataKey checks a ConfigMap or Secret key, which becomes a file name or an
// environment variable.
func (c *checker) dataKey(i int, field, k string, found *int) {
	if errs := validation.IsConfigMapKey(k); len(errs) == 0 || *found >= maxPerList {
		return
	}
	*found++
	c.r.add(ruleInvalidName, c.keyRng(i, fmt.Sprintf("%s[%q]", field, k)),
		msg.New("k8s.invalid-data-key", msg.Args{"Key": q(k)}),
		tryName(strings.Map(func(r rune) rune {
			if r == '-' || r == '_' || r == '.' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
				return r
			}
			return '_'
		}, k)))
}
