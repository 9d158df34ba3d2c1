package k8s

import (
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

// The API server validates one object at a time; these rules relate the
// objects given together, which only a reader of the whole set can do.
// Most findings are warnings: what the files lack may already live in the
// cluster, and Options.Complete (an exercise) raises only plain references.

// Rule IDs of the cross-object rules that relate selectors, bindings and
// hosts to the objects they name.
const (
	rulePDBSelector        = "k8s/pdb-selector-no-match"
	rulePDBNoEviction      = "k8s/pdb-blocks-eviction"
	ruleNetpolSelector     = "k8s/netpol-selector-no-match"
	ruleNetpolNamespace    = "k8s/netpol-namespace-no-match"
	ruleSpreadSelector     = "k8s/topology-spread-selector"
	ruleStatefulSetService = "k8s/statefulset-service"
	ruleRBACRefMissing     = "k8s/rbac-ref-missing"
	ruleIngressTLSHost     = "k8s/ingress-tls-host"
)

// moreFacts is what these rules need beyond facts; nil for objects they do
// not read, so Lint keeps no more memory for the common kinds.
type moreFacts struct {
	// replicas is a scalable workload's replica count (1 when unset);
	// scalable is false for kinds whose pod count the files do not fix.
	replicas int32
	scalable bool
	// serviceName is a StatefulSet's governing Service.
	serviceName string
	// spread are a pod template's topology spread selectors.
	spread []selFacts
	// refs are pod references to Secrets and ConfigMaps facts does not
	// hold: image pull secrets and projected volume sources.
	refs []moreRef
	// headless marks a Service with clusterIP: None.
	headless bool
	pdb      *pdbFacts
	netpol   *netpolFacts
	binding  *bindingFacts
	tls      *tlsFacts
	// nsLabels are a Namespace's labels, with the one the API server adds.
	nsLabels labelSet
}

// moreRef is a reference whose severity is fixed: an image pull secret is
// a warning even in an exercise, since registries' credentials are created
// by hand and never committed.
type moreRef struct {
	refFacts
	warnOnly bool
}

// selFacts is a label selector and where it is written.
type selFacts struct {
	path   string
	labels labelSet
	exprs  []exprFacts
}

type exprFacts struct {
	key, op string
	values  []string
}

type pdbFacts struct {
	sel                          selFacts
	minAvailable, maxUnavailable *intstr.IntOrString
}

type netpolFacts struct {
	pod selFacts
	// peers are the podSelectors of from/to entries without a
	// namespaceSelector, which select pods of the policy's namespace.
	peers []selFacts
	// namespaces are the namespaceSelectors of from/to entries.
	namespaces []selFacts
}

type bindingFacts struct {
	roleKind, roleName string
	subjects           []subjectFacts
}

type subjectFacts struct {
	name, namespace, path string
}

type tlsFacts struct {
	ruleHosts []string
	// catchAll is true when some rule has no host and so serves every host.
	catchAll bool
	hosts    []tlsHost
}

type tlsHost struct {
	host, path string
}

func selFactsOf(path string, s *metav1.LabelSelector) selFacts {
	sf := selFacts{path: path}
	if s == nil {
		return sf
	}
	sf.labels = labelsOf(s.MatchLabels)
	for _, e := range s.MatchExpressions {
		sf.exprs = append(sf.exprs, exprFacts{e.Key, string(e.Operator), e.Values})
	}
	return sf
}

// empty reports a selector that selects everything (or, for a null one,
// nothing the rules can compare).
func (s selFacts) empty() bool { return len(s.labels) == 0 && len(s.exprs) == 0 }

// matches reports whether s selects pods with labels made by workload o.
// An expression on a label a controller sets is taken to match: its value
// is only known in the cluster.
func (s selFacts) matches(labels labelSet, o Object) bool {
	if !selects(s.labels, labels, o) {
		return false
	}
	for _, e := range s.exprs {
		if controllerLabel(e.key) {
			continue
		}
		v, has := labels.get(e.key)
		switch e.op {
		case "In":
			if !has || !contains(e.values, v) {
				return false
			}
		case "NotIn":
			if has && contains(e.values, v) {
				return false
			}
		case "Exists":
			if !has {
				return false
			}
		case "DoesNotExist":
			if has {
				return false
			}
		}
	}
	return true
}

// String writes the selector as kubectl's -l flag reads it.
func (s selFacts) String() string {
	parts := []string{}
	if len(s.labels) > 0 {
		parts = append(parts, s.labels.String())
	}
	for _, e := range s.exprs {
		switch e.op {
		case "Exists":
			parts = append(parts, clip(e.key))
		case "DoesNotExist":
			parts = append(parts, "!"+clip(e.key))
		default:
			vals := make([]string, len(e.values))
			for i, v := range e.values {
				vals[i] = clip(v)
			}
			parts = append(parts, fmt.Sprintf("%s %s (%s)", clip(e.key), strings.ToLower(e.op), strings.Join(vals, ",")))
		}
	}
	return strings.Join(parts, ",")
}

// moreFactsOf extracts what the rules of this file read from a decoded
// object.
func moreFactsOf(typed any) *moreFacts {
	var m moreFacts
	used := false
	if pt, ok := templateOf(typed); ok {
		used = podMoreFacts(&m, pt)
	}
	switch t := typed.(type) {
	case *appsv1.Deployment:
		m.replicas, m.scalable, used = replicasOf(t.Spec.Replicas), true, true
	case *appsv1.ReplicaSet:
		m.replicas, m.scalable, used = replicasOf(t.Spec.Replicas), true, true
	case *appsv1.StatefulSet:
		m.replicas, m.scalable, used = replicasOf(t.Spec.Replicas), true, true
		m.serviceName = t.Spec.ServiceName
	case *corev1.ReplicationController:
		m.replicas, m.scalable, used = replicasOf(t.Spec.Replicas), true, true
	case *corev1.Service:
		m.headless, used = t.Spec.ClusterIP == corev1.ClusterIPNone, true
	case *corev1.Namespace:
		labels := map[string]string{"kubernetes.io/metadata.name": t.Name}
		for k, v := range t.Labels {
			labels[k] = v
		}
		m.nsLabels, used = labelsOf(labels), true
	case *policyv1.PodDisruptionBudget:
		m.pdb, used = &pdbFacts{sel: selFactsOf("spec.selector", t.Spec.Selector),
			minAvailable: t.Spec.MinAvailable, maxUnavailable: t.Spec.MaxUnavailable}, true
	case *networkingv1.NetworkPolicy:
		m.netpol, used = netpolFactsOf(t), true
	case *rbacv1.RoleBinding:
		m.binding, used = bindingFactsOf(t.RoleRef, t.Subjects), true
	case *rbacv1.ClusterRoleBinding:
		m.binding, used = bindingFactsOf(t.RoleRef, t.Subjects), true
	case *networkingv1.Ingress:
		if len(t.Spec.TLS) > 0 {
			m.tls, used = tlsFactsOf(t), true
		}
	}
	if !used {
		return nil
	}
	return &m
}

func replicasOf(r *int32) int32 {
	if r == nil {
		return 1
	}
	return *r
}

// podMoreFacts fills the pod template's part of m and reports whether it
// found anything.
func podMoreFacts(m *moreFacts, pt podTemplate) bool {
	spec, prefix := pt.spec, pt.prefix+"spec"
	for j, c := range spec.TopologySpreadConstraints {
		if c.LabelSelector != nil {
			m.spread = append(m.spread, selFactsOf(fmt.Sprintf("%s.topologySpreadConstraints[%d].labelSelector", prefix, j), c.LabelSelector))
		}
	}
	for j, s := range spec.ImagePullSecrets {
		if s.Name != "" {
			m.refs = append(m.refs, moreRef{refFacts{kind: "Secret", name: s.Name, namePath: fmt.Sprintf("%s.imagePullSecrets[%d].name", prefix, j)}, true})
		}
	}
	for k, v := range spec.Volumes {
		if v.Projected == nil {
			continue
		}
		for n, src := range v.Projected.Sources {
			sp := fmt.Sprintf("%s.volumes[%d].projected.sources[%d]", prefix, k, n)
			if r := src.ConfigMap; r != nil && r.Name != "" && !isTrue(r.Optional) {
				m.refs = append(m.refs, moreRef{refFacts: refFacts{kind: "ConfigMap", name: r.Name, namePath: sp + ".configMap.name"}})
			}
			if r := src.Secret; r != nil && r.Name != "" && !isTrue(r.Optional) {
				m.refs = append(m.refs, moreRef{refFacts: refFacts{kind: "Secret", name: r.Name, namePath: sp + ".secret.name"}})
			}
		}
	}
	return len(m.spread) > 0 || len(m.refs) > 0
}

func netpolFactsOf(t *networkingv1.NetworkPolicy) *netpolFacts {
	n := &netpolFacts{pod: selFactsOf("spec.podSelector", &t.Spec.PodSelector)}
	peer := func(path string, p networkingv1.NetworkPolicyPeer) {
		if p.NamespaceSelector != nil {
			n.namespaces = append(n.namespaces, selFactsOf(path+".namespaceSelector", p.NamespaceSelector))
			return
		}
		if p.PodSelector != nil {
			n.peers = append(n.peers, selFactsOf(path+".podSelector", p.PodSelector))
		}
	}
	for j, r := range t.Spec.Ingress {
		for k, p := range r.From {
			peer(fmt.Sprintf("spec.ingress[%d].from[%d]", j, k), p)
		}
	}
	for j, r := range t.Spec.Egress {
		for k, p := range r.To {
			peer(fmt.Sprintf("spec.egress[%d].to[%d]", j, k), p)
		}
	}
	return n
}

func bindingFactsOf(ref rbacv1.RoleRef, subjects []rbacv1.Subject) *bindingFacts {
	b := &bindingFacts{roleKind: ref.Kind, roleName: ref.Name}
	for j, s := range subjects {
		if s.Kind == rbacv1.ServiceAccountKind && s.Name != "" {
			b.subjects = append(b.subjects, subjectFacts{s.Name, s.Namespace, fmt.Sprintf("subjects[%d]", j)})
		}
	}
	return b
}

func tlsFactsOf(t *networkingv1.Ingress) *tlsFacts {
	f := &tlsFacts{catchAll: t.Spec.DefaultBackend != nil && len(t.Spec.Rules) == 0}
	for _, r := range t.Spec.Rules {
		if r.Host == "" {
			f.catchAll = true
			continue
		}
		f.ruleHosts = append(f.ruleHosts, r.Host)
	}
	for j, tl := range t.Spec.TLS {
		for k, h := range tl.Hosts {
			f.hosts = append(f.hosts, tlsHost{h, fmt.Sprintf("spec.tls[%d].hosts[%d]", j, k)})
		}
	}
	return f
}

// customPods are the labels and namespaces of the custom resources of a
// set: an operator often makes pods carrying its resource's labels
// (a Prometheus, a Kafka cluster), so a selector matching them may well
// select pods these files do not show.
type customPods struct {
	done   bool
	labels []labelSet
	ns     []string
}

// selects reports whether sel matches the labels of a custom resource of
// namespace ns, reading the resources' labels the first time it is asked.
func (cp *customPods) selects(c *checker, ns string, sel selFacts) bool {
	if !cp.done {
		cp.done = true
		for i, o := range c.s.objects {
			if c.s.items[i].known || o.Kind == "" || c.s.items[i].role == kzPatch {
				continue
			}
			_, meta := mapGet(c.root(i), "metadata")
			_, lv := mapGet(meta, "labels")
			if lv == nil || lv.Kind != yaml.MappingNode {
				continue
			}
			m := map[string]string{}
			for j := 0; j+1 < len(lv.Content); j += 2 {
				if v, ok := scalarString(lv.Content[j+1]); ok {
					m[lv.Content[j].Value] = v
				}
			}
			cp.labels = append(cp.labels, labelsOf(m))
			cp.ns = append(cp.ns, nsOf(o))
		}
	}
	for j, ls := range cp.labels {
		if cp.ns[j] == ns && sel.matches(ls, Object{}) {
			return true
		}
	}
	return false
}

// crossMore runs the rules of this file over the whole set.
func (c *checker) crossMore(ix *index) {
	custom := &customPods{}
	var namespaces map[string]bool // made when a binding needs it
	scaled := map[string]bool{}    // "kind/namespace/name" of HPA targets
	for i, o := range c.s.objects {
		if h := c.s.items[i].facts.hpa; h != nil {
			scaled[h.kind+"/"+nsOf(o)+"/"+h.name] = true
		}
	}
	for i, o := range c.s.objects {
		if c.s.items[i].role == kzPatch {
			continue
		}
		m := c.s.items[i].facts.more
		if m == nil {
			continue
		}
		ns := nsOf(o)
		for _, s := range m.spread {
			c.spreadSelector(i, s)
		}
		for _, r := range m.refs {
			c.moreRef(ix, i, ns, r)
		}
		if m.serviceName != "" {
			c.statefulSetService(ix, i, o, m.serviceName)
		}
		switch {
		case m.pdb != nil:
			c.pdb(ix, i, o, m.pdb, scaled, custom)
		case m.netpol != nil:
			c.netpol(ix, i, o, m.netpol, custom)
		case m.binding != nil:
			if namespaces == nil {
				namespaces = c.namespaces()
			}
			c.binding(ix, i, o, m.binding, namespaces)
		case m.tls != nil:
			c.tlsHosts(i, o, m.tls)
		}
	}
}

// podsSelected returns the workloads whose pods sel selects, in namespace
// ns and in other namespaces.
func (c *checker) podsSelected(ix *index, ns string, sel selFacts) (here, elsewhere []int) {
	for _, wi := range ix.candidates(sel.labels) {
		if !sel.matches(c.s.items[wi].facts.pod.labels, c.s.objects[wi]) {
			continue
		}
		if nsOf(c.s.objects[wi]) == ns {
			here = append(here, wi)
		} else {
			elsewhere = append(elsewhere, wi)
		}
	}
	return here, elsewhere
}

// noMatch finds where a selector that selects no pod goes wrong: the first
// matchLabels entry no workload of the namespace has, with the nearest
// value some workload has as the hint; otherwise the whole selector and
// hint. Pods of another namespace that would match are named instead.
func (c *checker) noMatch(ix *index, i int, ns string, sel selFacts, elsewhere []int, hint msg.Text) (diag.Range, msg.Text) {
	if len(elsewhere) > 0 {
		wo := c.s.objects[elsewhere[0]]
		return c.rng(i, sel.path), msg.New("k8s.selector.other-namespace", msg.Args{"Kind": wo.Kind, "Name": q(wo.Name), "Namespace": q(nsOf(wo))})
	}
	if key, near, ok := c.firstMiss(ix, ns, sel.labels); ok {
		if !near.IsZero() {
			hint = near
		}
		return c.rng(i, fmt.Sprintf("%s.matchLabels[%q]", sel.path, key)), hint
	}
	return c.rng(i, sel.path), hint
}

func (c *checker) pdb(ix *index, i int, o Object, p *pdbFacts, scaled map[string]bool, custom *customPods) {
	ns := nsOf(o)
	var here []int
	if !p.sel.empty() && len(ix.workloads) > 0 {
		var elsewhere []int
		here, elsewhere = c.podsSelected(ix, ns, p.sel)
		if len(here) == 0 && !custom.selects(c, ns, p.sel) {
			at, hint := c.noMatch(ix, i, ns, p.sel, elsewhere, msg.New("k8s.pdb-selector.hint", nil))
			c.r.add(rulePDBSelector, at, msg.New("k8s.pdb-selector", msg.Args{"Name": q(o.Name), "Selector": p.sel.String()}), hint)
		}
	}
	hint := msg.New("k8s.pdb-eviction.hint", nil)
	if mu := p.maxUnavailable; mu != nil && (mu.String() == "0" || mu.String() == "0%") {
		c.r.add(rulePDBNoEviction, c.rng(i, "spec.maxUnavailable"), msg.New("k8s.pdb-eviction.max-unavailable", msg.Args{"Name": q(o.Name)}), hint)
		return
	}
	ma := p.minAvailable
	switch {
	case ma == nil:
	case ma.Type == intstr.String && ma.StrVal == "100%":
		c.r.add(rulePDBNoEviction, c.rng(i, "spec.minAvailable"), msg.New("k8s.pdb-eviction.percent", msg.Args{"Name": q(o.Name)}), hint)
	case ma.Type == intstr.Int && len(here) == 1:
		wo := c.s.objects[here[0]]
		wm := c.s.items[here[0]].facts.more
		if wm == nil || !wm.scalable || wm.replicas == 0 || scaled[wo.Kind+"/"+ns+"/"+wo.Name] || ma.IntVal < wm.replicas {
			return
		}
		c.r.add(rulePDBNoEviction, c.rng(i, "spec.minAvailable"),
			msg.New("k8s.pdb-eviction.min-available", msg.Args{"Name": q(o.Name), "MinAvailable": ma.IntVal, "Kind": wo.Kind, "Workload": q(wo.Name), "Replicas": wm.replicas}), hint)
	}
}

func (c *checker) netpol(ix *index, i int, o Object, n *netpolFacts, custom *customPods) {
	ns := nsOf(o)
	if len(ix.workloads) > 0 {
		for k, sel := range append([]selFacts{n.pod}, n.peers...) {
			if sel.empty() {
				continue
			}
			here, elsewhere := c.podsSelected(ix, ns, sel)
			if len(here) > 0 || custom.selects(c, ns, sel) {
				continue
			}
			key := "k8s.netpol-selector"
			if k > 0 {
				key = "k8s.netpol-selector.peer"
			}
			at, hint := c.noMatch(ix, i, ns, sel, elsewhere, msg.New("k8s.netpol-selector.hint", nil))
			c.r.add(ruleNetpolSelector, at, msg.New(key, msg.Args{"Name": q(o.Name), "Selector": sel.String()}), hint)
		}
	}
	if len(n.namespaces) == 0 || len(ix.byKind["Namespace"]) == 0 {
		return
	}
	var nsLabels []labelSet
	var names []string
	for _, nsKey := range sortedKeys(ix.byKind["Namespace"]) {
		byName := ix.byKind["Namespace"][nsKey]
		for _, name := range sortedKeys(byName) {
			if m := c.s.items[byName[name]].facts.more; m != nil {
				nsLabels = append(nsLabels, m.nsLabels)
				names = append(names, clip(name))
			}
		}
	}
	// Namespaces every cluster has, with the label the API server adds.
	for _, name := range []string{"default", "kube-system", "kube-public", "kube-node-lease"} {
		nsLabels = append(nsLabels, labelSet{{"kubernetes.io/metadata.name", name}})
	}
	for _, sel := range n.namespaces {
		if sel.empty() {
			continue
		}
		found := false
		for _, ls := range nsLabels {
			if sel.matches(ls, Object{}) {
				found = true
				break
			}
		}
		if found {
			continue
		}
		hint := msg.New("k8s.netpol-namespace.hint", msg.Args{"Namespaces": listNames(names)})
		c.r.add(ruleNetpolNamespace, c.rng(i, sel.path),
			msg.New("k8s.netpol-namespace", msg.Args{"Name": q(o.Name), "Selector": sel.String()}), hint)
	}
}

// spreadSelector checks that a topology spread constraint counts the pods
// of its own template: otherwise it spreads some other pods' placement and
// these pods land wherever the scheduler likes.
func (c *checker) spreadSelector(i int, s selFacts) {
	pf := c.s.items[i].facts.pod
	if pf == nil || s.empty() || s.matches(pf.labels, c.s.objects[i]) {
		return
	}
	at := c.rng(i, s.path)
	for _, kv := range s.labels {
		if v, ok := pf.labels.get(kv.k); !controllerLabel(kv.k) && (!ok || v != kv.v) {
			at = c.rng(i, fmt.Sprintf("%s.matchLabels[%q]", s.path, kv.k))
			break
		}
	}
	labels := pf.labels.String()
	if labels == "" {
		labels = "-"
	}
	c.r.add(ruleSpreadSelector, at, msg.New("k8s.topology-spread", msg.Args{"Selector": s.String()}),
		msg.New("k8s.topology-spread.hint", msg.Args{"Labels": labels}))
}

// moreRef reports a pull secret or projected source that names an object
// not among the files, like podRefs does for the other references.
func (c *checker) moreRef(ix *index, i int, ns string, r moreRef) {
	_, found, other := ix.find(r.kind, ns, r.name)
	if found {
		return
	}
	if other != "" {
		c.namespaceMismatch(c.rng(i, r.namePath), r.kind, r.name, ns, other)
		return
	}
	sev := c.refSeverity()
	hint := msg.New("k8s.ref-missing.hint", msg.Args{"Kind": r.kind})
	if r.warnOnly {
		sev, hint = diag.SeverityWarning, msg.New("k8s.pull-secret.hint", nil)
	}
	if s := suggest.Nearest(r.name, ix.names(r.kind, ns)); s != "" {
		hint = didYouMean(s)
	}
	c.r.addSev(ruleRefMissing, sev, c.rng(i, r.namePath), msg.New("k8s.ref-missing", msg.Args{"Kind": r.kind, "Name": q(r.name)}), hint)
}

func (c *checker) statefulSetService(ix *index, i int, o Object, name string) {
	ns := nsOf(o)
	si, found, other := ix.find("Service", ns, name)
	if !found {
		hint := msg.New("k8s.statefulset-service.missing.hint", nil)
		if other != "" {
			hint = msg.New("k8s.selector.other-namespace", msg.Args{"Kind": "Service", "Name": q(name), "Namespace": q(other)})
		} else if s := suggest.Nearest(name, ix.names("Service", ns)); s != "" {
			hint = didYouMean(s)
		}
		c.r.addSev(ruleStatefulSetService, c.refSeverity(), c.rng(i, "spec.serviceName"),
			msg.New("k8s.statefulset-service.missing", msg.Args{"Name": q(o.Name), "Service": q(name)}), hint)
		return
	}
	if m := c.s.items[si].facts.more; m != nil && !m.headless {
		at := c.keyRng(si, "spec")
		if c.exists(si, "spec.clusterIP") {
			at = c.rng(si, "spec.clusterIP")
		}
		c.r.add(ruleStatefulSetService, at,
			msg.New("k8s.statefulset-service.not-headless", msg.Args{"Name": q(o.Name), "Service": q(name)}),
			msg.New("k8s.statefulset-service.not-headless.hint", nil))
	}
}

// builtinRole reports a ClusterRole every cluster has, or a Role every
// cluster has in kube-system.
func builtinRole(kind, ns, name string) bool {
	if kind == "ClusterRole" {
		switch name {
		case "cluster-admin", "admin", "edit", "view":
			return true
		}
	} else if ns != "kube-system" {
		return false
	}
	return strings.HasPrefix(name, "system:") || name == "extension-apiserver-authentication-reader"
}

// templated reports a name a template engine fills in later.
func templated(s string) bool { return strings.ContainsAny(s, "${}") }

func (c *checker) binding(ix *index, i int, o Object, b *bindingFacts, namespaces map[string]bool) {
	ns := nsOf(o)
	switch {
	case b.roleName == "" || templated(b.roleName) || builtinRole(b.roleKind, ns, b.roleName):
	case b.roleKind == "Role" && o.Kind == "RoleBinding":
		if _, found, other := ix.find("Role", ns, b.roleName); !found {
			if other != "" {
				c.namespaceMismatch(c.rng(i, "roleRef.name"), "Role", b.roleName, ns, other)
				break
			}
			c.roleMissing(ix, i, o, b, ns)
		}
	case b.roleKind == "ClusterRole":
		if len(ix.findAny("ClusterRole", b.roleName)) > 0 {
			break
		}
		c.roleMissing(ix, i, o, b, "")
	}
	for _, s := range b.subjects {
		sns := s.namespace
		if sns == "" {
			sns = ns
		}
		if s.name == "default" || strings.HasPrefix(s.name, "system:") || templated(s.name) || templated(sns) {
			continue
		}
		if _, found, other := ix.find("ServiceAccount", sns, s.name); found {
			continue
		} else if other != "" {
			c.r.addSev(ruleRBACRefMissing, c.refSeverity(), c.rng(i, s.path+".namespace"),
				msg.New("k8s.rbac-subject-missing", msg.Args{"Binding": o.Kind, "Name": q(o.Name), "Account": q(s.name), "Namespace": q(sns)}),
				msg.New("k8s.rbac-subject-missing.elsewhere", msg.Args{"Other": q(other)}))
			continue
		}
		if sns == "kube-system" || !namespaces[sns] {
			// kube-system holds the controllers' own accounts, and a
			// namespace with nothing in these files is some other product's
			continue
		}
		hint := msg.New("k8s.rbac-subject-missing.hint", nil)
		if n := suggest.Nearest(s.name, ix.names("ServiceAccount", sns)); n != "" {
			hint = didYouMean(n)
		}
		c.r.addSev(ruleRBACRefMissing, c.refSeverity(), c.rng(i, s.path+".name"),
			msg.New("k8s.rbac-subject-missing", msg.Args{"Binding": o.Kind, "Name": q(o.Name), "Account": q(s.name), "Namespace": q(sns)}), hint)
	}
}

// namespaces lists the namespaces objects of the set are in, with the
// Namespaces it creates; "default" counts when an object names none.
func (c *checker) namespaces() map[string]bool {
	out := map[string]bool{}
	for i, o := range c.s.objects {
		if !c.s.items[i].known {
			continue
		}
		if o.Kind == "Namespace" {
			out[o.Name] = true
		} else {
			out[nsOf(o)] = true
		}
	}
	return out
}

// roleMissing reports a roleRef to a Role or ClusterRole not among the
// files; ns is where Roles are looked for ("" for ClusterRoles).
func (c *checker) roleMissing(ix *index, i int, o Object, b *bindingFacts, ns string) {
	hint := msg.New("k8s.rbac-role-missing.hint", msg.Args{"Kind": b.roleKind})
	names := ix.names(b.roleKind, ns)
	if ns == "" {
		names = nil
		for _, n := range sortedKeys(ix.byKind[b.roleKind]) {
			names = append(names, sortedKeys(ix.byKind[b.roleKind][n])...)
		}
	}
	if s := suggest.Nearest(b.roleName, names); s != "" {
		hint = didYouMean(s)
	}
	c.r.addSev(ruleRBACRefMissing, c.refSeverity(), c.rng(i, "roleRef.name"),
		msg.New("k8s.rbac-role-missing", msg.Args{"Binding": o.Kind, "Name": q(o.Name), "Kind": b.roleKind, "Role": q(b.roleName)}), hint)
}

// findAny looks up a cluster-scoped object by name, whatever namespace its
// file gave it (the API server ignores it).
func (ix *index) findAny(kind, name string) []int {
	var out []int
	for _, ns := range sortedKeys(ix.byKind[kind]) {
		if i, ok := ix.byKind[kind][ns][name]; ok {
			out = append(out, i)
		}
	}
	return out
}

// hostCovers reports whether a TLS certificate host serves a rule host: the
// same name, or a wildcard covering one label on either side.
func hostCovers(tlsHost, ruleHost string) bool {
	if strings.EqualFold(tlsHost, ruleHost) {
		return true
	}
	wild := func(w, h string) bool {
		suffix, ok := strings.CutPrefix(w, "*")
		if !ok {
			return false
		}
		head, tail, ok := strings.Cut(h, ".")
		return ok && head != "" && strings.EqualFold("."+tail, suffix)
	}
	return wild(tlsHost, ruleHost) || wild(ruleHost, tlsHost)
}

func (c *checker) tlsHosts(i int, o Object, f *tlsFacts) {
	if f.catchAll {
		return
	}
	for _, h := range f.hosts {
		covered := false
		for _, r := range f.ruleHosts {
			if hostCovers(h.host, r) {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		hint := msg.New("k8s.ingress-tls-host.hint", msg.Args{"Host": q(h.host)})
		if s := suggest.Nearest(h.host, f.ruleHosts); s != "" {
			hint = didYouMean(s)
		}
		c.r.add(ruleIngressTLSHost, c.rng(i, h.path),
			msg.New("k8s.ingress-tls-host", msg.Args{"Host": q(h.host), "Name": q(o.Name)}), hint)
	}
}
