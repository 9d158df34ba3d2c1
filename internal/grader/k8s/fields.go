package k8s

import (
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/suggest"
)

func (dc *decoder) unknownField(k *yaml.Node, name string, si *structInfo) {
	if dc.role == kzPatch && strings.HasPrefix(name, "$") {
		return // a strategic-merge directive
	}
	where := dc.pathString()
	summary := msg.New("k8s.unknown-field", msg.Args{"Field": q(name)})
	if where != "" {
		summary = msg.New("k8s.unknown-field.in", msg.Args{"Field": q(name), "Path": where})
	}
	var hint msg.Text
	if s := suggest.Nearest(name, si.names); s != "" {
		hint = didYouMean(s)
	} else if alt := misplaced(name); !alt.IsZero() {
		hint = alt
	} else {
		hint = msg.New("k8s.unknown-field.hint", msg.Args{"Fields": listNames(si.names)})
	}
	dc.r.add(ruleUnknownField, dc.doc.rng(k), summary, hint)
}

// misplaced recognises fields learners often put one level off.
func misplaced(name string) msg.Text {
	switch name {
	case "containers", "volumes", "serviceAccountName", "nodeSelector", "imagePullSecrets", "initContainers":
		return msg.New("k8s.misplaced.pod-spec", msg.Args{"Field": bt(name)})
	case "labels", "annotations", "namespace":
		return msg.New("k8s.misplaced.metadata", msg.Args{"Field": bt(name)})
	case "requests", "limits":
		return msg.New("k8s.misplaced.resources", msg.Args{"Field": bt(name)})
	}
	return msg.Text{}
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
		if p == nil && rf.name == "selector" && dc.role == kzLabeled {
			continue // kustomize writes the selector from its labels
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
		if rf.rule == ruleContainerMissingImage {
			cname := ""
			if np := findPair(ps, "name"); np != nil && resolve(np.v).Kind == yaml.ScalarNode {
				cname = resolve(np.v).Value
			}
			dc.r.add(rf.rule, at, msg.New("k8s.container-missing-image", msg.Args{"Container": q(cname)}), msg.New("k8s.container-missing-image.hint", nil))
			continue
		}
		summary := msg.New("k8s.required-field", msg.Args{"Field": q(rf.name)})
		if where != "" {
			summary = msg.New("k8s.required-field.in", msg.Args{"Field": q(rf.name), "Path": where})
		}
		dc.r.add(rf.rule, at, summary, requiredHint(rf.name))
	}
}

func requiredHint(field string) msg.Text {
	switch field {
	case "selector":
		return msg.New("k8s.required-field.selector", nil)
	case "containers":
		return msg.New("k8s.required-field.containers", nil)
	case "template":
		return msg.New("k8s.required-field.template", nil)
	case "scaleTargetRef":
		return msg.New("k8s.required-field.scale-target-ref", nil)
	case "maxReplicas":
		return msg.New("k8s.required-field.max-replicas", nil)
	}
	return msg.New("k8s.required-field.hint", msg.Args{"Field": bt(field + ":")})
}
