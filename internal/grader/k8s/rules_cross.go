package k8s

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// index groups the objects by what other objects refer to them by.
type index struct {
	// workloads are the indexes of objects with a pod template.
	workloads []int
	// byKind maps kind -> namespace -> name -> object index.
	byKind map[string]map[string]map[string]int
	// byLabel maps "key=value" to the workloads whose pod template has
	// that label, so matching selectors does not compare every pair.
	byLabel map[string][]int
}

func (c *checker) buildIndex() *index {
	ix := &index{byKind: map[string]map[string]map[string]int{}, byLabel: map[string][]int{}}
	for i, o := range c.s.objects {
		if !c.s.items[i].known || o.Name == "" || c.s.items[i].role == kzPatch {
			continue
		}
		ns := nsOf(o)
		if ix.byKind[o.Kind] == nil {
			ix.byKind[o.Kind] = map[string]map[string]int{}
		}
		if ix.byKind[o.Kind][ns] == nil {
			ix.byKind[o.Kind][ns] = map[string]int{}
		}
		if _, dup := ix.byKind[o.Kind][ns][o.Name]; !dup {
			ix.byKind[o.Kind][ns][o.Name] = i
		}
		if pf := c.s.items[i].facts.pod; pf != nil {
			for _, kv := range pf.labels {
				ix.byLabel[kv.k+"="+kv.v] = append(ix.byLabel[kv.k+"="+kv.v], i)
			}
			ix.workloads = append(ix.workloads, i)
		}
	}
	return ix
}

// find looks an object up by kind, namespace and name. When it is absent
// from the namespace but present in another, other names that namespace.
func (ix *index) find(kind, ns, name string) (i int, found bool, other string) {
	if i, ok := ix.byKind[kind][ns][name]; ok {
		return i, true, ""
	}
	for _, n := range sortedKeys(ix.byKind[kind]) {
		if _, ok := ix.byKind[kind][n][name]; ok {
			return -1, false, n
		}
	}
	return -1, false, ""
}

// names lists the names of a kind in a namespace, for suggestions.
func (ix *index) names(kind, ns string) []string {
	return sortedKeys(ix.byKind[kind][ns])
}

// candidates returns the workloads that have the rarest label of sel.
func (ix *index) candidates(sel labelSet) []int {
	best := ix.workloads
	first := true
	for _, kv := range sel {
		if controllerLabel(kv.k) {
			continue // not written in the template, so not in byLabel
		}
		l := ix.byLabel[kv.k+"="+kv.v]
		if first || len(l) < len(best) {
			best, first = l, false
		}
	}
	return best
}

func selects(sel, labels labelSet, o Object) bool {
	for _, kv := range sel {
		if controllerLabel(kv.k) {
			if !controllerSets(o, kv.k, kv.v) {
				return false
			}
			continue
		}
		if v, ok := labels.get(kv.k); !ok || v != kv.v {
			return false
		}
	}
	return true
}

// controllerLabel reports a pod label that a controller adds to the pods it
// creates rather than one written in the template; Services (a headless
// Service for a Job's pods, one per StatefulSet pod) select on them.
func controllerLabel(k string) bool {
	switch k {
	case "job-name", "batch.kubernetes.io/job-name", "controller-uid", "batch.kubernetes.io/controller-uid",
		"pod-template-hash", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index":
		return true
	}
	return false
}

// controllerSets reports whether the controller of workload o can give its
// pods label k=v: a Job names its pods' job-name after itself, a
// StatefulSet its pods after itself and their ordinal; uids and hashes are
// only known in the cluster, so any value may match.
func controllerSets(o Object, k, v string) bool {
	switch k {
	case "job-name", "batch.kubernetes.io/job-name":
		return (o.Kind == "Job" && v == o.Name) || (o.Kind == "CronJob" && strings.HasPrefix(v, o.Name+"-"))
	case "controller-uid", "batch.kubernetes.io/controller-uid":
		return o.Kind == "Job" || o.Kind == "CronJob"
	case "pod-template-hash":
		return o.Kind == "Deployment"
	case "statefulset.kubernetes.io/pod-name":
		ord, ok := strings.CutPrefix(v, o.Name+"-")
		return o.Kind == "StatefulSet" && ok && isOrdinal(ord)
	case "apps.kubernetes.io/pod-index":
		return o.Kind == "StatefulSet" && isOrdinal(v)
	}
	return false
}

func isOrdinal(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// cross runs the rules that relate objects given together.
func (c *checker) cross() {
	ix := c.buildIndex()
	for i, o := range c.s.objects {
		if c.s.items[i].role == kzPatch {
			continue // a patch is checked with its base, which kustomize builds
		}
		f := &c.s.items[i].facts
		switch {
		case f.svc != nil:
			c.service(ix, i, o, f.svc)
		case f.backends != nil:
			for _, b := range f.backends {
				c.backend(ix, i, nsOf(o), b)
			}
		case f.hpa != nil:
			c.hpa(ix, i, o, f.hpa)
		}
		if f.pod != nil {
			c.podRefs(ix, i, f.pod)
		}
	}
	c.crossMore(ix)
	c.r.ds = c.s.renders.remap(c.r.ds)
}

// namespaceMismatch reports a reference that only resolves in another
// namespace.
func (c *checker) namespaceMismatch(at diag.Range, what, name, ns, other string) {
	c.r.add(ruleNamespaceMismatch, at,
		msg.New("k8s.namespace-mismatch", msg.Args{"Kind": what, "Name": q(name), "Namespace": q(other), "Here": q(ns)}),
		msg.New("k8s.namespace-mismatch.hint", nil))
}

func (c *checker) service(ix *index, i int, o Object, svc *svcFacts) {
	sel := svc.selector
	if len(sel) == 0 {
		return
	}
	ns := nsOf(o)
	var matched, elsewhere []int
	for _, wi := range ix.candidates(sel) {
		if !selects(sel, c.s.items[wi].facts.pod.labels, c.s.objects[wi]) {
			continue
		}
		if nsOf(c.s.objects[wi]) == ns {
			matched = append(matched, wi)
		} else {
			elsewhere = append(elsewhere, wi)
		}
	}
	if len(matched) == 0 {
		if len(elsewhere) > 0 {
			wo := c.s.objects[elsewhere[0]]
			c.namespaceMismatch(c.rng(i, "spec.selector"), wo.Kind, wo.Name, ns, nsOf(wo))
			return
		}
		c.serviceNoMatch(ix, i, o, sel, ns)
		return
	}
	var declared []corev1.ContainerPort
	for _, wi := range matched {
		for _, ct := range c.s.items[wi].facts.pod.containers {
			declared = append(declared, ct.ports...)
		}
		declared = append(declared, c.s.items[wi].facts.pod.sidecarPorts...)
	}
	if len(declared) == 0 {
		return
	}
	for j, p := range svc.ports {
		tp := p.target
		path := fmt.Sprintf("spec.ports[%d].targetPort", j)
		if tp.IntVal == 0 && tp.StrVal == "" {
			path = fmt.Sprintf("spec.ports[%d].port", j)
			tp.IntVal, tp.Type = p.port, 0
		}
		if tp.Type == 1 {
			if hasPortName(declared, tp.StrVal) {
				continue
			}
			hint := msg.New("k8s.target-port.name.hint", msg.Args{"Names": portNames(declared)})
			if s := suggest.Nearest(tp.StrVal, portNameList(declared)); s != "" {
				hint = didYouMean(s)
			}
			c.r.add(ruleTargetPortMismatch, c.rng(i, path),
				msg.New("k8s.target-port.name", msg.Args{"Service": q(o.Name), "PortName": q(tp.StrVal)}), hint)
			continue
		}
		if hasPortNumber(declared, tp.IntVal) {
			continue
		}
		if !c.opt.Complete {
			// a pod's ports list is not exhaustive: outside an exercise the
			// application may well listen on a port it does not declare
			c.r.addSev(ruleTargetPortMismatch, diag.SeverityWarning, c.rng(i, path),
				msg.New("k8s.target-port.number-undeclared", msg.Args{"Service": q(o.Name), "Port": tp.IntVal, "Ports": portNumbers(declared)}),
				msg.New("k8s.port-undeclared.hint", msg.Args{"Port": tp.IntVal, "Declared": declared[0].ContainerPort}))
			continue
		}
		c.r.add(ruleTargetPortMismatch, c.rng(i, path),
			msg.New("k8s.target-port.number", msg.Args{"Service": q(o.Name), "Port": tp.IntVal, "Ports": portNumbers(declared)}),
			msg.New("k8s.target-port.number.hint", msg.Args{"Port": declared[0].ContainerPort}))
	}
}

// firstMiss finds the first label of sel (controller labels aside) that no
// workload of namespace ns carries with that value, with a "did you mean"
// when one of their values is near it.
func (c *checker) firstMiss(ix *index, ns string, sel labelSet) (key string, near msg.Text, found bool) {
	for _, kv := range sel {
		if controllerLabel(kv.k) {
			continue
		}
		var values []string
		for _, wi := range ix.workloads {
			if v, ok := c.s.items[wi].facts.pod.labels.get(kv.k); ok && nsOf(c.s.objects[wi]) == ns {
				values = append(values, v)
			}
		}
		if contains(values, kv.v) {
			continue
		}
		if s := suggest.Nearest(kv.v, values); s != "" {
			near = didYouMean(s)
		}
		return kv.k, near, true
	}
	return "", msg.Text{}, false
}

func (c *checker) serviceNoMatch(ix *index, i int, o Object, sel labelSet, ns string) {
	at := c.rng(i, "spec.selector")
	hint := msg.New("k8s.service-selector.hint", nil)
	// Point at the label that differs when one workload is a near miss.
	if key, near, ok := c.firstMiss(ix, ns, sel); ok {
		at = c.rng(i, fmt.Sprintf("spec.selector[%q]", key))
		if !near.IsZero() {
			hint = near
		}
	}
	c.r.addSev(ruleServiceSelector, c.refSeverity(), at,
		msg.New("k8s.service-selector", msg.Args{"Service": q(o.Name), "Selector": sel.String()}), hint)
}

func (c *checker) backend(ix *index, i int, ns string, b backendFacts) {
	if b.name == "" {
		return
	}
	si, found, other := ix.find("Service", ns, b.name)
	if !found {
		if other != "" {
			c.namespaceMismatch(c.rng(i, b.path+".name"), "Service", b.name, ns, other)
			return
		}
		hint := msg.New("k8s.ingress-backend.service.hint", nil)
		if s := suggest.Nearest(b.name, ix.names("Service", ns)); s != "" {
			hint = didYouMean(s)
		}
		c.r.addSev(ruleIngressBackend, c.refSeverity(), c.rng(i, b.path+".name"),
			msg.New("k8s.ingress-backend.service", msg.Args{"Service": q(b.name)}), hint)
		return
	}
	svc := c.s.items[si].facts.svc
	if svc == nil {
		return
	}
	var ports []corev1.ContainerPort // reuse the helpers: port number and name
	for _, p := range svc.ports {
		ports = append(ports, corev1.ContainerPort{Name: p.name, ContainerPort: p.port})
	}
	switch {
	case b.portName != "":
		if hasPortName(ports, b.portName) {
			return
		}
		hint := msg.New("k8s.ingress-backend.port-name.hint", msg.Args{"Names": portNames(ports)})
		if s := suggest.Nearest(b.portName, portNameList(ports)); s != "" {
			hint = didYouMean(s)
		}
		c.r.add(ruleIngressBackend, c.rng(i, b.path+".port.name"),
			msg.New("k8s.ingress-backend.port-name", msg.Args{"Service": q(b.name), "PortName": q(b.portName)}), hint)
	case b.portNumber != 0:
		if hasPortNumber(ports, b.portNumber) || len(ports) == 0 {
			return
		}
		c.r.add(ruleIngressBackend, c.rng(i, b.path+".port.number"),
			msg.New("k8s.ingress-backend.port-number", msg.Args{"Service": q(b.name), "Port": b.portNumber, "Ports": portNumbers(ports)}),
			msg.New("k8s.ingress-backend.port-number.hint", msg.Args{"Port": ports[0].ContainerPort}))
	}
}

func (c *checker) hpa(ix *index, i int, o Object, h *hpaFacts) {
	if h.kind == "" || h.name == "" {
		return
	}
	ns := nsOf(o)
	ti, found, other := ix.find(h.kind, ns, h.name)
	if !found {
		if other != "" {
			c.namespaceMismatch(c.rng(i, "spec.scaleTargetRef.name"), h.kind, h.name, ns, other)
			return
		}
		hint := msg.New("k8s.hpa-target.hint", nil)
		if s := suggest.Nearest(h.name, ix.names(h.kind, ns)); s != "" {
			hint = didYouMean(s)
		} else {
			for _, k := range []string{"Deployment", "StatefulSet", "ReplicaSet"} {
				if _, ok := ix.byKind[k][ns][h.name]; ok && k != h.kind {
					hint = msg.New("k8s.hpa-target.kind", msg.Args{"Kind": k})
					break
				}
			}
		}
		c.r.addSev(ruleHPATargetMissing, c.refSeverity(), c.rng(i, "spec.scaleTargetRef.name"),
			msg.New("k8s.hpa-target", msg.Args{"HPA": q(o.Name), "Kind": clip(h.kind), "Name": q(h.name)}), hint)
		return
	}
	pf := c.s.items[ti].facts.pod
	if !h.cpu || pf == nil {
		return
	}
	for _, ct := range pf.containers {
		if ct.cpu {
			continue
		}
		cp := fmt.Sprintf("%sspec.containers[%d]", pf.prefix, ct.index)
		at := cp + ".name"
		if ct.resources {
			at = cp + ".resources"
		}
		c.r.add(ruleHPACPURequest, c.keyRng(ti, at),
			msg.New("k8s.hpa-cpu-request", msg.Args{"HPA": q(o.Name), "Container": q(ct.name)}),
			msg.New("k8s.hpa-cpu-request.hint", msg.Args{"Container": q(ct.name)}))
	}
}

// podRefs checks that the ConfigMaps, Secrets, keys, volume claims and
// service account a pod needs exist.
func (c *checker) podRefs(ix *index, i int, pf *podFacts) {
	ns := nsOf(c.s.objects[i])
	for _, r := range pf.refs {
		ti, found, other := ix.find(r.kind, ns, r.name)
		if !found {
			if r.keyOnly {
				continue
			}
			if other != "" {
				c.namespaceMismatch(c.rng(i, r.namePath), r.kind, r.name, ns, other)
				continue
			}
			hint := msg.New("k8s.ref-missing.hint", msg.Args{"Kind": r.kind})
			if s := suggest.Nearest(r.name, ix.names(r.kind, ns)); s != "" {
				hint = didYouMean(s)
			}
			c.r.addSev(ruleRefMissing, c.refSeverity(), c.rng(i, r.namePath),
				msg.New("k8s.ref-missing", msg.Args{"Kind": r.kind, "Name": q(r.name)}), hint)
			continue
		}
		if r.key == "" {
			continue
		}
		keys := c.s.items[ti].facts.keys
		if contains(keys, r.key) {
			continue
		}
		hint := msg.New("k8s.ref-missing-key.hint", msg.Args{"Keys": listNames(keys)})
		if s := suggest.Nearest(r.key, keys); s != "" {
			hint = didYouMean(s)
		}
		// The object is here and lacks the key: the pod will not start.
		c.r.addSev(ruleRefMissing, diag.SeverityError, c.rng(i, r.keyPath),
			msg.New("k8s.ref-missing-key", msg.Args{"Kind": r.kind, "Name": q(r.name), "Key": q(r.key)}), hint)
	}
}
