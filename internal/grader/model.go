package grader

import (
	"slices"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/grader/k8s"
	"github.com/iactutor/iactutor/internal/grader/terraform"
	"github.com/iactutor/iactutor/internal/source"
	"github.com/iactutor/iactutor/internal/validate"
)

// model is a submission loaded for one track: the validators' findings, the
// variables CEL expectations see, and a way to point at a field.
type model struct {
	diags      diag.Diagnostics
	activation map[string]any
	set        *k8s.Set
	module     *terraform.Module
	// objects are the Kubernetes objects as a cluster would store them
	// (defaulted, quantities as quantities), in file order.
	objects []k8s.Object
}

// loadModel routes the files as lint does; an exercise's track says which
// validator's model its expectations read.
func loadModel(ex *course.Exercise, files []source.File, km kubeModel) *model {
	m := &model{}
	g := validate.Route(files)
	switch ex.Track {
	case course.Kubernetes:
		opt := k8s.Options{Complete: true, Server: km.api}
		set, ds := k8s.Load(g.YAML, opt)
		m.set = set
		m.diags = append(ds, k8s.Check(set, opt)...)
		var values []map[string]any
		for _, o := range set.Objects() {
			// A copy: the validators' own objects stay as written.
			o.Value = km.defaulted(deepCopyMap(o.Value))
			m.objects = append(m.objects, o)
			values = append(values, o.Value)
		}
		resolveNamedPorts(values)
		m.activation = k8sActivation(m.objects)
	case course.Terraform:
		opt := terraform.Options{Production: ex.Production}
		// An exercise is one module, even when its files sit in
		// several folders of the submission.
		mod, ds := terraform.Load(slices.Concat(g.Modules...), opt)
		m.module = mod
		m.diags = append(ds, terraform.Check(mod, opt)...)
		m.activation = terraformActivation(mod, files)
	}
	return m
}

// k8sActivation exposes every object as `objects` (a list, like a
// ValidatingAdmissionPolicy's object) and as `kinds[kind][name]` so an
// expectation can name the object it is about.
func k8sActivation(objs []k8s.Object) map[string]any {
	objects := []any{}
	kinds := map[string]any{}
	{
		for _, o := range objs {
			objects = append(objects, o.Value)
			byName, ok := kinds[o.Kind].(map[string]any)
			if !ok {
				byName = map[string]any{}
				kinds[o.Kind] = byName
			}
			if _, dup := byName[o.Name]; !dup {
				byName[o.Name] = o.Value
			}
		}
	}
	return map[string]any{"objects": objects, "kinds": kinds}
}

// terraformVars are the names an expectation over a module can use.
var terraformVars = []string{"resources", "data", "variables", "outputs", "locals", "providers", "terraform", "backend", "moved"}

func terraformActivation(mod *terraform.Module, files []source.File) map[string]any {
	act := map[string]any{}
	var data map[string]any
	if mod != nil {
		data = mod.Data()
	}
	for _, k := range terraformVars {
		v, ok := data[k]
		if !ok || v == nil {
			if k == "backend" {
				act[k] = nil
				continue
			}
			v = map[string]any{}
		}
		act[k] = v
	}
	act["values"] = evaluatedValues(mod, act, files)
	if mod != nil {
		act["module"] = moduleVal{mod}
	}
	return act
}

// locate builds the diagnostic of a failed expectation at the place the
// author named, falling back to the object, then to the first file.
func (m *model) locate(at *course.Location, files []source.File) diag.Diagnostic {
	d := diag.Diagnostic{Severity: diag.SeverityError}
	if len(files) > 0 {
		d.Subject = diag.Point(files[0].Path, 1, 1)
	}
	if at == nil {
		return d
	}
	if at.File != "" {
		for _, f := range files {
			if f.Path == at.File || hasSuffixPath(f.Path, at.File) {
				d.Subject = diag.Point(f.Path, 1, 1)
			}
		}
	}
	switch {
	case m.set != nil && at.Kind != "":
		for i, o := range m.set.Objects() {
			if o.Kind != at.Kind || (at.Name != "" && o.Name != at.Name) {
				continue
			}
			if r, ok := m.set.Locate(i, at.Path); ok {
				d.Subject = r
			} else if r, ok := m.set.Locate(i, ""); ok {
				d.Subject = r
			}
			return d
		}
	case m.module != nil && at.Path != "":
		if r, ok := m.module.Locate(at.Path); ok {
			d.Subject = r
		}
	}
	return d
}

func hasSuffixPath(p, suffix string) bool {
	return len(p) > len(suffix) && p[len(p)-len(suffix)-1] == '/' && p[len(p)-len(suffix):] == suffix
}
