package k8s

import (
	"fmt"
	"slices"
	"strings"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// facts is what the cross-object rules need to know about one object. It is
// small on purpose: Lint keeps only the facts of each object once its own
// rules have run, so a file of thousands of objects lints in little memory.
type facts struct {
	pod      *podFacts
	svc      *svcFacts
	backends []backendFacts
	hpa      *hpaFacts
	// keys are a ConfigMap's or Secret's data keys, sorted.
	keys []string
	// more is what the rules of rules_cross_more.go read.
	more *moreFacts
}

type podFacts struct {
	// prefix is where the pod template sits, e.g. "spec.template.".
	prefix     string
	labels     labelSet
	containers []ctFacts
	refs       []refFacts
	// sidecarPorts are the ports of init containers that keep running
	// (restartPolicy: Always) beside the others, on the pod's one network.
	sidecarPorts []corev1.ContainerPort
}

type ctFacts struct {
	index int
	name  string
	ports []corev1.ContainerPort
	// cpu is true when the container requests CPU (a limit alone counts,
	// as it becomes the request).
	cpu bool
	// resources is true when the container has a resources field.
	resources bool
}

// refFacts is one reference from a pod to another object, with the paths
// of the name and key to point at when it does not resolve.
type refFacts struct {
	kind, name, key   string
	namePath, keyPath string
	// keyOnly marks a key check whose object is also referenced by name,
	// so a missing object is reported once.
	keyOnly bool
}

type svcFacts struct {
	selector labelSet
	ports    []svcPort
}

type svcPort struct {
	port   int32
	target intstr.IntOrString
	name   string
}

type backendFacts struct {
	path       string
	name       string
	portName   string
	portNumber int32
}

type hpaFacts struct {
	kind, name string
	cpu        bool
}

// factsOf extracts the facts of a decoded object.
func factsOf(typed any) facts {
	f := facts{more: moreFactsOf(typed)}
	if pt, ok := templateOf(typed); ok {
		f.pod = podFactsOf(pt)
	}
	switch t := typed.(type) {
	case *corev1.Service:
		s := &svcFacts{selector: labelsOf(t.Spec.Selector)}
		for _, p := range t.Spec.Ports {
			s.ports = append(s.ports, svcPort{port: p.Port, target: p.TargetPort, name: p.Name})
		}
		f.svc = s
	case *networkingv1.Ingress:
		if b := t.Spec.DefaultBackend; b != nil && b.Service != nil {
			f.backends = append(f.backends, backendOf("spec.defaultBackend.service", b.Service))
		}
		for j, r := range t.Spec.Rules {
			if r.HTTP == nil {
				continue
			}
			for k, p := range r.HTTP.Paths {
				if p.Backend.Service != nil {
					f.backends = append(f.backends, backendOf(fmt.Sprintf("spec.rules[%d].http.paths[%d].backend.service", j, k), p.Backend.Service))
				}
			}
		}
	case *autoscalingv2.HorizontalPodAutoscaler:
		f.hpa = &hpaFacts{t.Spec.ScaleTargetRef.Kind, t.Spec.ScaleTargetRef.Name, hpaCPUUtilization(t)}
	case *autoscalingv1.HorizontalPodAutoscaler:
		f.hpa = &hpaFacts{t.Spec.ScaleTargetRef.Kind, t.Spec.ScaleTargetRef.Name, true}
	case *corev1.ConfigMap:
		f.keys = append(sortedKeys(t.Data), sortedKeys(t.BinaryData)...)
		slices.Sort(f.keys)
	case *corev1.Secret:
		f.keys = append(sortedKeys(t.Data), sortedKeys(t.StringData)...)
		slices.Sort(f.keys)
	}
	return f
}

func backendOf(path string, b *networkingv1.IngressServiceBackend) backendFacts {
	return backendFacts{path: path, name: b.Name, portName: b.Port.Name, portNumber: b.Port.Number}
}

// hpaCPUUtilization reports whether an HPA scales on CPU utilization, which
// is also what it does when it lists no metrics.
func hpaCPUUtilization(h *autoscalingv2.HorizontalPodAutoscaler) bool {
	if len(h.Spec.Metrics) == 0 {
		return true
	}
	for _, m := range h.Spec.Metrics {
		if m.Type == autoscalingv2.ResourceMetricSourceType && m.Resource != nil && m.Resource.Name == corev1.ResourceCPU &&
			m.Resource.Target.Type == autoscalingv2.UtilizationMetricType {
			return true
		}
		if m.Type == autoscalingv2.ContainerResourceMetricSourceType && m.ContainerResource != nil && m.ContainerResource.Name == corev1.ResourceCPU &&
			m.ContainerResource.Target.Type == autoscalingv2.UtilizationMetricType {
			return true
		}
	}
	return false
}

func isTrue(b *bool) bool { return b != nil && *b }

func podFactsOf(pt podTemplate) *podFacts {
	spec, prefix := pt.spec, pt.prefix+"spec"
	pf := &podFacts{prefix: pt.prefix, labels: labelsOf(pt.meta.Labels)}
	for j, ct := range spec.Containers {
		_, req := ct.Resources.Requests[corev1.ResourceCPU]
		_, lim := ct.Resources.Limits[corev1.ResourceCPU]
		pf.containers = append(pf.containers, ctFacts{index: j, name: ct.Name, ports: ct.Ports, cpu: req || lim,
			resources: len(ct.Resources.Requests) > 0 || len(ct.Resources.Limits) > 0})
	}
	for _, ct := range spec.InitContainers {
		if ct.RestartPolicy != nil && *ct.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			pf.sidecarPorts = append(pf.sidecarPorts, ct.Ports...)
		}
	}
	add := func(kind, name, key, path, nameField string) {
		if name == "" {
			return
		}
		pf.refs = append(pf.refs, refFacts{kind: kind, name: name, key: key, namePath: path + "." + nameField, keyPath: path + ".key"})
	}
	for _, cl := range containerLists(spec) {
		for j, ct := range cl.list {
			cp := fmt.Sprintf("%s.%s[%d]", prefix, cl.field, j)
			for k, e := range ct.Env {
				if e.ValueFrom == nil {
					continue
				}
				ep := fmt.Sprintf("%s.env[%d].valueFrom", cp, k)
				if r := e.ValueFrom.ConfigMapKeyRef; r != nil && !isTrue(r.Optional) {
					add("ConfigMap", r.Name, r.Key, ep+".configMapKeyRef", "name")
				}
				if r := e.ValueFrom.SecretKeyRef; r != nil && !isTrue(r.Optional) {
					add("Secret", r.Name, r.Key, ep+".secretKeyRef", "name")
				}
			}
			for k, e := range ct.EnvFrom {
				ep := fmt.Sprintf("%s.envFrom[%d]", cp, k)
				if r := e.ConfigMapRef; r != nil && !isTrue(r.Optional) {
					add("ConfigMap", r.Name, "", ep+".configMapRef", "name")
				}
				if r := e.SecretRef; r != nil && !isTrue(r.Optional) {
					add("Secret", r.Name, "", ep+".secretRef", "name")
				}
			}
		}
	}
	for k, v := range spec.Volumes {
		vp := fmt.Sprintf("%s.volumes[%d]", prefix, k)
		if r := v.ConfigMap; r != nil && !isTrue(r.Optional) {
			add("ConfigMap", r.Name, "", vp+".configMap", "name")
			for n, it := range r.Items {
				pf.refs = append(pf.refs, refFacts{kind: "ConfigMap", name: r.Name, key: it.Key, namePath: vp + ".configMap.name", keyPath: fmt.Sprintf("%s.configMap.items[%d].key", vp, n), keyOnly: true})
			}
		}
		if r := v.Secret; r != nil && !isTrue(r.Optional) {
			add("Secret", r.SecretName, "", vp+".secret", "secretName")
			for n, it := range r.Items {
				pf.refs = append(pf.refs, refFacts{kind: "Secret", name: r.SecretName, key: it.Key, namePath: vp + ".secret.secretName", keyPath: fmt.Sprintf("%s.secret.items[%d].key", vp, n), keyOnly: true})
			}
		}
		if r := v.PersistentVolumeClaim; r != nil {
			add("PersistentVolumeClaim", r.ClaimName, "", vp+".persistentVolumeClaim", "claimName")
		}
	}
	if sa := spec.ServiceAccountName; sa != "" && sa != "default" {
		pf.refs = append(pf.refs, refFacts{kind: "ServiceAccount", name: sa, namePath: prefix + ".serviceAccountName"})
	}
	return pf
}

// labelSet is a small map of labels kept as a sorted slice: much lighter than
// a Go map when thousands of workloads are remembered.
type labelSet []labelKV

type labelKV struct{ k, v string }

func labelsOf(m map[string]string) labelSet {
	if len(m) == 0 {
		return nil
	}
	ls := make(labelSet, 0, len(m))
	for _, k := range sortedKeys(m) {
		ls = append(ls, labelKV{k, m[k]})
	}
	return ls
}

// get returns the value of label k.
func (ls labelSet) get(k string) (string, bool) {
	for _, kv := range ls {
		if kv.k == k {
			return kv.v, true
		}
	}
	return "", false
}

// String writes the labels as a selector, e.g. "app=churn-api,tier=web".
func (ls labelSet) String() string {
	var b strings.Builder
	for i, kv := range ls {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(labelString(kv.k, kv.v))
	}
	return b.String()
}
