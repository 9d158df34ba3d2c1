package k8s

import (
	"reflect"
	"strings"

	yaml "sigs.k8s.io/yaml/goyaml.v3"

	"github.com/iactutor/iactutor/internal/suggest"
)

func (dc *decoder) unknownField(k *yaml.Node, name string, si *structInfo) {
	where := dc.pathString()
	var summary string
	if where == "" {
		summary = dc.r.l.f("Unknown field %s", "Campo desconocido %s", q(name))
	} else {
		summary = dc.r.l.f("Unknown field %s in %s", "Campo desconocido %s en %s", q(name), where)
	}
	hint := ""
	if s := suggest.Nearest(name, si.names); s != "" {
		hint = dc.r.l.f("Did you mean %s?", "¿Querías decir %s?", bt(s))
	} else if alt := dc.misplaced(name); alt != "" {
		hint = alt
	} else {
		hint = dc.r.l.f("Remove it, or check its indentation: it may belong to the level above or below. Valid fields here: %s.",
			"Quítalo o revisa su sangría: puede que pertenezca al nivel de arriba o de abajo. Campos válidos aquí: %s.", listNames(si.names))
	}
	dc.r.add(ruleUnknownField, dc.doc.rng(k), summary, hint)
}

// misplaced recognises fields learners often put one level off.
func (dc *decoder) misplaced(name string) string {
	switch name {
	case "containers", "volumes", "serviceAccountName", "nodeSelector", "imagePullSecrets", "initContainers":
		return dc.r.l.f("%s belongs in the pod spec (spec.template.spec in a workload); check the indentation.",
			"%s va en la spec del pod (spec.template.spec en una carga de trabajo); revisa la sangría.", bt(name))
	case "labels", "annotations", "namespace":
		return dc.r.l.f("%s belongs under metadata; check the indentation.", "%s va dentro de metadata; revisa la sangría.", bt(name))
	case "requests", "limits":
		return dc.r.l.f("%s belongs under the container's resources; check the indentation.", "%s va dentro de resources del contenedor; revisa la sangría.", bt(name))
	}
	return ""
}

func listNames(names []string) string {
	if len(names) > 12 {
		return strings.Join(names[:12], ", ") + ", …"
	}
	return strings.Join(names, ", ")
}

// checkRequired reports fields the API server requires that are absent,
// null or an empty list.
func (dc *decoder) checkRequired(n *yaml.Node, t reflect.Type, ps []pair, owner *yaml.Node) {
	reqs := required[t]
	for _, rf := range reqs {
		p := findPair(ps, rf.name)
		if p != nil && !isNull(p.v) && !(resolve(p.v).Kind == yaml.SequenceNode && len(resolve(p.v).Content) == 0) {
			continue
		}
		at := dc.doc.rng(n)
		if p != nil {
			at = dc.doc.span(p.k, p.v)
		} else if owner != nil {
			at = dc.doc.rng(owner)
		} else if len(n.Content) > 0 {
			at = dc.doc.rng(n.Content[0])
		}
		where := dc.pathString()
		var summary string
		if rf.rule == ruleContainerMissingImage {
			cname := ""
			if np := findPair(ps, "name"); np != nil && resolve(np.v).Kind == yaml.ScalarNode {
				cname = resolve(np.v).Value
			}
			summary = dc.r.l.f("Container %s has no image", "El contenedor %s no tiene imagen", q(cname))
			dc.r.add(rf.rule, at, summary, dc.r.l.f("Add `image:` with a full reference, e.g. `image: ghcr.io/acme/churn-api:1.4.2`.",
				"Añade `image:` con una referencia completa, p. ej. `image: ghcr.io/acme/churn-api:1.4.2`."))
			continue
		}
		if where == "" {
			summary = dc.r.l.f("Required field %s is missing", "Falta el campo obligatorio %s", q(rf.name))
		} else {
			summary = dc.r.l.f("Required field %s is missing in %s", "Falta el campo obligatorio %s en %s", q(rf.name), where)
		}
		dc.r.add(rf.rule, at, summary, requiredHint(dc.r.l, rf.name))
	}
}

func requiredHint(l lang, field string) string {
	switch field {
	case "selector":
		return l.f("Add `selector: {matchLabels: ...}` with the same labels as the pod template.", "Añade `selector: {matchLabels: ...}` con las mismas etiquetas que la plantilla del pod.")
	case "containers":
		return l.f("Add a `containers:` list with at least one container that has a name and an image.", "Añade una lista `containers:` con al menos un contenedor con nombre e imagen.")
	case "template":
		return l.f("Add a `template:` with metadata.labels and a spec listing the containers.", "Añade un `template:` con metadata.labels y una spec con los contenedores.")
	case "scaleTargetRef":
		return l.f("Add `scaleTargetRef:` with apiVersion apps/v1, kind Deployment and the Deployment's name.", "Añade `scaleTargetRef:` con apiVersion apps/v1, kind Deployment y el nombre del Deployment.")
	case "maxReplicas":
		return l.f("Add `maxReplicas:` with the most pods the autoscaler may run, e.g. 10.", "Añade `maxReplicas:` con el máximo de pods que puede lanzar el autoescalador, p. ej. 10.")
	}
	return l.f("Add %s here.", "Añade %s aquí.", bt(field+":"))
}
