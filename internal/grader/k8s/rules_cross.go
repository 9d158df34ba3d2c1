package k8s

import (
	"fmt"
	"strconv"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/suggest"
)

// workload is an object with a pod template, as the cross rules see it.
type workload struct {
	i  int
	ns string
	pt podTemplate
}

// index groups the objects by what other objects refer to them by.
type index struct {
	workloads []workload
	// byKind maps kind -> namespace -> name -> object index.
	byKind map[string]map[string]map[string]int
	// byLabel maps "key=value" to the workloads whose pod template has
	// that label, so matching selectors does not compare every pair.
	byLabel map[string][]int
}

func (c *checker) buildIndex() *index {
	ix := &index{byKind: map[string]map[string]map[string]int{}, byLabel: map[string][]int{}}
	for i, o := range c.s.objects {
		if c.s.items[i].typed == nil || o.Name == "" {
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
		if pt, ok := templateOf(c.s.items[i].typed); ok {
			for k, v := range pt.meta.Labels {
				ix.byLabel[k+"="+v] = append(ix.byLabel[k+"="+v], len(ix.workloads))
			}
			ix.workloads = append(ix.workloads, workload{i, ns, pt})
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

func (c *checker) cross() {
	ix := c.buildIndex()
	for i, o := range c.s.objects {
		switch t := c.s.items[i].typed.(type) {
		case *corev1.Service:
			c.service(ix, i, o, t)
		case *networkingv1.Ingress:
			c.ingress(ix, i, o, t)
		case *autoscalingv2.HorizontalPodAutoscaler:
			c.hpa(ix, i, o, t.Spec.ScaleTargetRef.Kind, t.Spec.ScaleTargetRef.Name, hpaCPUUtilization(t))
		case *autoscalingv1.HorizontalPodAutoscaler:
			c.hpa(ix, i, o, t.Spec.ScaleTargetRef.Kind, t.Spec.ScaleTargetRef.Name, true)
		}
	}
	for _, w := range ix.workloads {
		c.podRefs(ix, w)
	}
}

// candidates returns the workloads that have the rarest label of sel.
func (ix *index) candidates(sel map[string]string) []int {
	var best []int
	first := true
	for k, v := range sel {
		l := ix.byLabel[k+"="+v]
		if first || len(l) < len(best) {
			best, first = l, false
		}
	}
	return best
}

func selects(sel, labels map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// namespaceMismatch reports a reference that only resolves in another
// namespace.
func (c *checker) namespaceMismatch(at diag.Range, what, name, ns, other string) {
	c.r.add(ruleNamespaceMismatch, at,
		c.r.l.f("%s %s is in namespace %s, but this object is in %s", "%s %s está en el namespace %s, pero este objeto está en %s", what, q(name), q(other), q(ns)),
		c.r.l.f("Put both in the same namespace (no namespace means %s).", "Pon ambos en el mismo namespace (sin namespace es %s).", q("default")))
}

func (c *checker) service(ix *index, i int, o Object, svc *corev1.Service) {
	sel := svc.Spec.Selector
	if len(sel) == 0 {
		return
	}
	l := c.r.l
	ns := nsOf(o)
	var matched, elsewhere []workload
	for _, wi := range ix.candidates(sel) {
		w := ix.workloads[wi]
		if !selects(sel, w.pt.meta.Labels) {
			continue
		}
		if w.ns == ns {
			matched = append(matched, w)
		} else {
			elsewhere = append(elsewhere, w)
		}
	}
	if len(matched) == 0 {
		if len(elsewhere) > 0 {
			wo := c.s.objects[elsewhere[0].i]
			c.namespaceMismatch(c.rng(i, "spec.selector"), wo.Kind, wo.Name, ns, elsewhere[0].ns)
			return
		}
		c.serviceNoMatch(ix, i, o, sel, ns)
		return
	}
	for j, p := range svc.Spec.Ports {
		tp := p.TargetPort
		path := fmt.Sprintf("spec.ports[%d].targetPort", j)
		if !c.exists(i, path) {
			path = fmt.Sprintf("spec.ports[%d].port", j)
		}
		if tp.IntVal == 0 && tp.StrVal == "" {
			tp.IntVal = p.Port
			tp.Type = 0
		}
		var declared []corev1.ContainerPort
		for _, w := range matched {
			for _, ct := range w.pt.spec.Containers {
				declared = append(declared, ct.Ports...)
			}
		}
		if len(declared) == 0 {
			continue
		}
		if tp.Type == 1 {
			if hasPortName(declared, tp.StrVal) {
				continue
			}
			hint := l.f("Use a port name the pods declare (%s) or the port number.", "Usa un nombre de puerto que declaren los pods (%s) o el número de puerto.", portNames(declared))
			if s := suggest.Nearest(tp.StrVal, portNameList(declared)); s != "" {
				hint = l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
			}
			c.r.add(ruleTargetPortMismatch, c.rng(i, path),
				l.f("Service %s targets port name %s, but the selected pods declare no port with that name", "El Service %s apunta al nombre de puerto %s, pero los pods seleccionados no declaran ningún puerto con ese nombre", q(o.Name), q(tp.StrVal)), hint)
			continue
		}
		if hasPortNumber(declared, tp.IntVal) {
			continue
		}
		c.r.add(ruleTargetPortMismatch, c.rng(i, path),
			l.f("Service %s sends traffic to port %d, but the selected pods listen on %s", "El Service %s envía el tráfico al puerto %d, pero los pods seleccionados escuchan en %s", q(o.Name), tp.IntVal, portNumbers(declared)),
			l.f("Set `targetPort: %d`.", "Pon `targetPort: %d`.", declared[0].ContainerPort))
	}
}

func (c *checker) serviceNoMatch(ix *index, i int, o Object, sel map[string]string, ns string) {
	l := c.r.l
	at := c.rng(i, "spec.selector")
	hint := l.f("Make the selector equal the labels in the pod template of the workload to expose.", "Haz que el selector coincida con las etiquetas de la plantilla del pod de la carga que quieres exponer.")
	// Point at the label that differs when one workload is a near miss.
	for _, k := range sortedKeys(sel) {
		var values []string
		for _, w := range ix.workloads {
			if v, ok := w.pt.meta.Labels[k]; ok && w.ns == ns {
				values = append(values, v)
			}
		}
		if contains(values, sel[k]) {
			continue
		}
		at = c.rng(i, fmt.Sprintf("spec.selector[%q]", k))
		if s := suggest.Nearest(sel[k], values); s != "" {
			hint = l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
		}
		break
	}
	c.r.addSev(ruleServiceSelector, c.refSeverity(), at,
		l.f("Service %s selects %s, but no pod has that label", "El Service %s selecciona %s, pero ningún pod tiene esa etiqueta", q(o.Name), joinLabels(sel)), hint)
}

func (c *checker) ingress(ix *index, i int, o Object, ing *networkingv1.Ingress) {
	ns := nsOf(o)
	if b := ing.Spec.DefaultBackend; b != nil && b.Service != nil {
		c.backend(ix, i, ns, "spec.defaultBackend.service", b.Service)
	}
	for j, r := range ing.Spec.Rules {
		if r.HTTP == nil {
			continue
		}
		for k, p := range r.HTTP.Paths {
			if p.Backend.Service != nil {
				c.backend(ix, i, ns, fmt.Sprintf("spec.rules[%d].http.paths[%d].backend.service", j, k), p.Backend.Service)
			}
		}
	}
}

func (c *checker) backend(ix *index, i int, ns, path string, b *networkingv1.IngressServiceBackend) {
	if b.Name == "" {
		return
	}
	l := c.r.l
	si, found, other := ix.find("Service", ns, b.Name)
	if !found {
		if other != "" {
			c.namespaceMismatch(c.rng(i, path+".name"), "Service", b.Name, ns, other)
			return
		}
		hint := l.f("Create the Service or use the name of an existing one.", "Crea el Service o usa el nombre de uno que exista.")
		if s := suggest.Nearest(b.Name, ix.names("Service", ns)); s != "" {
			hint = l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
		}
		c.r.addSev(ruleIngressBackend, c.refSeverity(), c.rng(i, path+".name"),
			l.f("Ingress backend names Service %s, which is not among these files", "El backend del Ingress nombra el Service %s, que no está en estos archivos", q(b.Name)), hint)
		return
	}
	svc := c.s.items[si].typed.(*corev1.Service)
	var ports []corev1.ContainerPort // reuse the helpers: port number and name
	for _, p := range svc.Spec.Ports {
		ports = append(ports, corev1.ContainerPort{Name: p.Name, ContainerPort: p.Port})
	}
	switch {
	case b.Port.Name != "":
		if hasPortName(ports, b.Port.Name) {
			return
		}
		hint := l.f("Use one of the Service's port names (%s) or a port number.", "Usa uno de los nombres de puerto del Service (%s) o un número de puerto.", portNames(ports))
		if s := suggest.Nearest(b.Port.Name, portNameList(ports)); s != "" {
			hint = l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
		}
		c.r.add(ruleIngressBackend, c.rng(i, path+".port.name"),
			l.f("Service %s has no port named %s", "El Service %s no tiene ningún puerto llamado %s", q(b.Name), q(b.Port.Name)), hint)
	case b.Port.Number != 0:
		if hasPortNumber(ports, b.Port.Number) || len(ports) == 0 {
			return
		}
		c.r.add(ruleIngressBackend, c.rng(i, path+".port.number"),
			l.f("Service %s has no port %d; it exposes %s", "El Service %s no tiene el puerto %d; expone %s", q(b.Name), b.Port.Number, portNumbers(ports)),
			l.f("Use the Service's `port` (not the container's targetPort): %s.", "Usa el `port` del Service (no el targetPort del contenedor): %s.", bt("number: "+strconv.Itoa(int(ports[0].ContainerPort)))))
	}
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

func (c *checker) hpa(ix *index, i int, o Object, kind, name string, cpu bool) {
	if kind == "" || name == "" {
		return
	}
	l := c.r.l
	ns := nsOf(o)
	ti, found, other := ix.find(kind, ns, name)
	if !found {
		if other != "" {
			c.namespaceMismatch(c.rng(i, "spec.scaleTargetRef.name"), kind, name, ns, other)
			return
		}
		hint := l.f("Use the kind and name of the Deployment to scale.", "Usa el kind y el nombre del Deployment que quieres escalar.")
		if s := suggest.Nearest(name, ix.names(kind, ns)); s != "" {
			hint = l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
		} else if _, ok := ix.byKind[kind]; !ok {
			for _, k := range []string{"Deployment", "StatefulSet", "ReplicaSet"} {
				if _, ok := ix.byKind[k][ns][name]; ok {
					hint = l.f("There is a %s with that name: use `kind: %s`.", "Hay un %s con ese nombre: usa `kind: %s`.", k, k)
					break
				}
			}
		}
		c.r.addSev(ruleHPATargetMissing, c.refSeverity(), c.rng(i, "spec.scaleTargetRef.name"),
			l.f("HPA %s scales %s %s, which is not among these files", "El HPA %s escala el %s %s, que no está en estos archivos", q(o.Name), clip(kind), q(name)), hint)
		return
	}
	if !cpu {
		return
	}
	pt, ok := templateOf(c.s.items[ti].typed)
	if !ok {
		return
	}
	for j, ct := range pt.spec.Containers {
		if _, has := ct.Resources.Requests[corev1.ResourceCPU]; has {
			continue
		}
		if _, has := ct.Resources.Limits[corev1.ResourceCPU]; has {
			continue // the limit becomes the request
		}
		cp := fmt.Sprintf("%sspec.containers[%d]", pt.prefix, j)
		at := cp + ".resources"
		if !c.exists(ti, at) {
			at = cp + ".name"
		}
		c.r.add(ruleHPACPURequest, c.keyRng(ti, at),
			l.f("HPA %s scales on CPU utilization, but container %s has no CPU request", "El HPA %s escala por utilización de CPU, pero el contenedor %s no tiene petición de CPU", q(o.Name), q(ct.Name)),
			l.f("Add `resources.requests.cpu`, e.g. `cpu: 250m`, to container %s.", "Añade `resources.requests.cpu`, p. ej. `cpu: 250m`, al contenedor %s.", q(ct.Name)))
	}
}

// podRefs checks that the ConfigMaps, Secrets, keys, volume claims and
// service account a pod needs exist.
func (c *checker) podRefs(ix *index, w workload) {
	spec, prefix := w.pt.spec, w.pt.prefix+"spec"
	for _, cl := range containerLists(spec) {
		for j, ct := range cl.list {
			cp := fmt.Sprintf("%s.%s[%d]", prefix, cl.field, j)
			for k, e := range ct.Env {
				if e.ValueFrom == nil {
					continue
				}
				ep := fmt.Sprintf("%s.env[%d].valueFrom", cp, k)
				if r := e.ValueFrom.ConfigMapKeyRef; r != nil && !isTrue(r.Optional) {
					c.ref(ix, w, "ConfigMap", r.Name, r.Key, ep+".configMapKeyRef")
				}
				if r := e.ValueFrom.SecretKeyRef; r != nil && !isTrue(r.Optional) {
					c.ref(ix, w, "Secret", r.Name, r.Key, ep+".secretKeyRef")
				}
			}
			for k, e := range ct.EnvFrom {
				ep := fmt.Sprintf("%s.envFrom[%d]", cp, k)
				if r := e.ConfigMapRef; r != nil && !isTrue(r.Optional) {
					c.ref(ix, w, "ConfigMap", r.Name, "", ep+".configMapRef")
				}
				if r := e.SecretRef; r != nil && !isTrue(r.Optional) {
					c.ref(ix, w, "Secret", r.Name, "", ep+".secretRef")
				}
			}
		}
	}
	for k, v := range spec.Volumes {
		vp := fmt.Sprintf("%s.volumes[%d]", prefix, k)
		if r := v.ConfigMap; r != nil && !isTrue(r.Optional) {
			c.ref(ix, w, "ConfigMap", r.Name, "", vp+".configMap")
			for n, it := range r.Items {
				c.ref(ix, w, "ConfigMap", r.Name, it.Key, fmt.Sprintf("%s.configMap.items[%d]", vp, n))
			}
		}
		if r := v.Secret; r != nil && !isTrue(r.Optional) {
			c.refNamed(ix, w, "Secret", r.SecretName, "", vp+".secret", "secretName")
			for n, it := range r.Items {
				c.refNamed(ix, w, "Secret", r.SecretName, it.Key, fmt.Sprintf("%s.secret.items[%d]", vp, n), "secretName")
			}
		}
		if r := v.PersistentVolumeClaim; r != nil {
			c.refNamed(ix, w, "PersistentVolumeClaim", r.ClaimName, "", vp+".persistentVolumeClaim", "claimName")
		}
	}
	if sa := spec.ServiceAccountName; sa != "" && sa != "default" {
		c.refAt(ix, w, "ServiceAccount", sa, "", prefix+".serviceAccountName", prefix+".serviceAccountName")
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

func (c *checker) ref(ix *index, w workload, kind, name, key, path string) {
	c.refNamed(ix, w, kind, name, key, path, "name")
}

func (c *checker) refNamed(ix *index, w workload, kind, name, key, path, nameField string) {
	c.refAt(ix, w, kind, name, key, path+"."+nameField, path+".key")
}

// refAt checks one reference; namePath and keyPath locate what to change.
func (c *checker) refAt(ix *index, w workload, kind, name, key, namePath, keyPath string) {
	if name == "" {
		return
	}
	l := c.r.l
	i := w.i
	ti, found, other := ix.find(kind, w.ns, name)
	if !found {
		if other != "" {
			c.namespaceMismatch(c.rng(i, namePath), kind, name, w.ns, other)
			return
		}
		hint := l.f("Create the %s in this namespace, or fix the name.", "Crea el %s en este namespace o corrige el nombre.", kind)
		if s := suggest.Nearest(name, ix.names(kind, w.ns)); s != "" {
			hint = l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
		}
		c.r.addSev(ruleRefMissing, c.refSeverity(), c.rng(i, namePath),
			l.f("%s %s is not among these files", "El %s %s no está en estos archivos", kind, q(name)), hint)
		return
	}
	if key == "" {
		return
	}
	keys := dataKeys(c.s.items[ti].typed)
	if contains(keys, key) {
		return
	}
	hint := l.f("Use one of its keys: %s.", "Usa una de sus claves: %s.", listNames(keys))
	if s := suggest.Nearest(key, keys); s != "" {
		hint = l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
	}
	// The object is here and lacks the key: the pod will not start.
	c.r.addSev(ruleRefMissing, diag.SeverityError, c.rng(i, keyPath),
		l.f("%s %s has no key %s", "El %s %s no tiene la clave %s", kind, q(name), q(key)), hint)
}

func dataKeys(typed any) []string {
	var keys []string
	switch t := typed.(type) {
	case *corev1.ConfigMap:
		keys = append(sortedKeys(t.Data), sortedKeys(t.BinaryData)...)
	case *corev1.Secret:
		keys = append(sortedKeys(t.Data), sortedKeys(t.StringData)...)
	}
	return keys
}
