package k8s

import (
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/kubeapi"
)

// Check runs the single-object and cross-object rules on a loaded set. It
// never reports what Load already reported, and it does not modify the set,
// so several checks may read one set at the same time.
func Check(s *Set, opt Options) diag.Diagnostics {
	if s == nil {
		return nil
	}
	c := newChecker(s, &reporter{}, opt)
	for i := range s.items {
		c.object(i)
	}
	c.cross()
	c.r.ds.Sort()
	return c.r.ds
}

type checker struct {
	r   *reporter
	s   *Set
	opt Options
	// reparsed holds trees rebuilt for objects whose tree Lint dropped.
	reparsed map[int]*yaml.Node
	// api replays the API server's create of each built-in object.
	api *kubeapi.Validator
}

func newChecker(s *Set, r *reporter, opt Options) *checker {
	api := opt.Server
	if api == nil {
		api = kubeapi.New()
	}
	return &checker{r: r, s: s, opt: opt, reparsed: map[int]*yaml.Node{}, api: api}
}

// root returns object i's YAML tree. Lint drops trees after the
// single-object rules to keep memory flat on big files; a cross-object
// diagnostic then parses that one document again.
func (c *checker) root(i int) *yaml.Node {
	it := &c.s.items[i]
	if it.root != nil {
		return it.root
	}
	if n, ok := c.reparsed[i]; ok {
		return n
	}
	n := it.reparse()
	c.reparsed[i] = n
	return n
}

// rng returns the range of the value at path in object i, or of the
// nearest enclosing field that exists, so a diagnostic always has a place.
func (c *checker) rng(i int, path string) diag.Range {
	it, root := &c.s.items[i], c.root(i)
	if root == nil {
		return it.doc.lineRange(int(it.line))
	}
	segs, ok := parsePath(path)
	for ok && len(segs) > 0 {
		if _, v := walkPath(root, segs); v != nil {
			return it.doc.rng(v)
		}
		segs = segs[:len(segs)-1]
	}
	return it.doc.lineRange(it.doc.pos(root).Line)
}

// keyRng returns the range of the key naming the field at path, falling
// back to rng when the path ends in a list item.
func (c *checker) keyRng(i int, path string) diag.Range {
	it := &c.s.items[i]
	if segs, ok := parsePath(path); ok {
		if k, v := walkPath(c.root(i), segs); k != nil {
			return it.doc.rng(k)
		} else if v != nil {
			return it.doc.rng(v)
		}
	}
	return c.rng(i, path)
}

// exists reports whether path is written in object i.
func (c *checker) exists(i int, path string) bool {
	segs, ok := parsePath(path)
	if !ok {
		return false
	}
	_, v := walkPath(c.root(i), segs)
	return v != nil
}

// refSeverity is the severity of a reference to an object that is not in
// the files: in an exercise the files are everything, elsewhere the object
// may already live in the cluster.
func (c *checker) refSeverity() diag.Severity {
	if c.opt.Complete {
		return diag.SeverityError
	}
	return diag.SeverityWarning
}

// podTemplate is the pod part of a workload and where it sits in the YAML.
type podTemplate struct {
	meta   *metav1.ObjectMeta
	spec   *corev1.PodSpec
	prefix string // path of the template, "" for a bare Pod, e.g. "spec.template."
	// claims are the names a StatefulSet's volumeClaimTemplates add as volumes.
	claims []string
}

func templateOf(typed any) (podTemplate, bool) {
	switch o := typed.(type) {
	case *corev1.Pod:
		return podTemplate{&o.ObjectMeta, &o.Spec, "", nil}, true
	case *appsv1.Deployment:
		return podTemplate{&o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, "spec.template.", nil}, true
	case *appsv1.StatefulSet:
		var claims []string
		for _, vc := range o.Spec.VolumeClaimTemplates {
			claims = append(claims, vc.Name)
		}
		return podTemplate{&o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, "spec.template.", claims}, true
	case *appsv1.DaemonSet:
		return podTemplate{&o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, "spec.template.", nil}, true
	case *appsv1.ReplicaSet:
		return podTemplate{&o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, "spec.template.", nil}, true
	case *batchv1.Job:
		return podTemplate{&o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, "spec.template.", nil}, true
	case *batchv1.CronJob:
		t := &o.Spec.JobTemplate.Spec.Template
		return podTemplate{&t.ObjectMeta, &t.Spec, "spec.jobTemplate.spec.template.", nil}, true
	case *corev1.ReplicationController:
		if o.Spec.Template != nil {
			return podTemplate{&o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, "spec.template.", nil}, true
		}
	}
	return podTemplate{}, false
}

// selectorOf returns a workload's label selector.
func selectorOf(typed any) *metav1.LabelSelector {
	switch o := typed.(type) {
	case *appsv1.Deployment:
		return o.Spec.Selector
	case *appsv1.StatefulSet:
		return o.Spec.Selector
	case *appsv1.DaemonSet:
		return o.Spec.Selector
	case *appsv1.ReplicaSet:
		return o.Spec.Selector
	}
	return nil
}

// containerList names one list of containers in a pod spec.
type containerList struct {
	field string
	list  []corev1.Container
}

func containerLists(spec *corev1.PodSpec) []containerList {
	return []containerList{{"initContainers", spec.InitContainers}, {"containers", spec.Containers}}
}

// nsOf is the namespace an object lives in; an unset namespace is "default".
func nsOf(o Object) string {
	if o.Namespace == "" {
		return "default"
	}
	return o.Namespace
}

func labelString(k, v string) string { return clip(k) + "=" + clip(v) }
