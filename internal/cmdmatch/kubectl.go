package cmdmatch

import (
	"fmt"
	"strings"
)

var kubectlFlags = flagSpec{
	short: map[string]string{
		"n": "namespace", "f": "filename", "o": "output", "l": "selector", "A": "all-namespaces",
		"c": "container", "p": "previous", "w": "watch", "R": "recursive", "i": "stdin", "t": "tty",
		"k": "kustomize",
	},
	takesValue: map[string]bool{
		"namespace": true, "filename": true, "output": true, "selector": true, "container": true,
		"replicas": true, "since": true, "tail": true, "sort-by": true, "from-literal": true,
		"from-file": true, "from-env-file": true, "type": true, "image": true, "port": true,
		"field-selector": true, "timeout": true, "context": true, "kubeconfig": true,
		"to-revision": true, "kustomize": true, "target-port": true, "name": true,
		"min": true, "max": true, "cpu-percent": true, "docker-server": true,
		"docker-username": true, "docker-password": true, "cert": true, "key": true,
		"address": true, "current-replicas": true, "since-time": true, "limits": true, "requests": true,
	},
}

// resourceAliases maps every spelling kubectl accepts to one name.
var resourceAliases = map[string]string{}

func init() {
	for canon, names := range map[string][]string{
		"pods":                     {"po", "pod", "pods"},
		"deployments":              {"deploy", "deployment", "deployments", "deployments.apps"},
		"services":                 {"svc", "service", "services"},
		"horizontalpodautoscalers": {"hpa", "horizontalpodautoscaler", "horizontalpodautoscalers"},
		"configmaps":               {"cm", "configmap", "configmaps"},
		"secrets":                  {"secret", "secrets"},
		"ingresses":                {"ing", "ingress", "ingresses"},
		"namespaces":               {"ns", "namespace", "namespaces"},
		"persistentvolumeclaims":   {"pvc", "persistentvolumeclaim", "persistentvolumeclaims"},
		"persistentvolumes":        {"pv", "persistentvolume", "persistentvolumes"},
		"replicasets":              {"rs", "replicaset", "replicasets"},
		"statefulsets":             {"sts", "statefulset", "statefulsets"},
		"daemonsets":               {"ds", "daemonset", "daemonsets"},
		"nodes":                    {"no", "node", "nodes"},
		"events":                   {"ev", "event", "events"},
		"jobs":                     {"job", "jobs"},
		"cronjobs":                 {"cj", "cronjob", "cronjobs"},
		"serviceaccounts":          {"sa", "serviceaccount", "serviceaccounts"},
		"endpoints":                {"ep", "endpoint", "endpoints"},
		"all":                      {"all"},
	} {
		for _, n := range names {
			resourceAliases[n] = canon
		}
	}
}

// resourceVerbs take "TYPE NAME..." or "TYPE/NAME" arguments.
var resourceVerbs = map[string]bool{
	"get": true, "describe": true, "delete": true, "scale": true, "edit": true, "label": true,
	"annotate": true, "autoscale": true, "expose": true, "patch": true, "top": true,
	"rollout": true, "wait": true, "set": true,
}

// verbsWithSub have a second word that is part of the verb.
var verbsWithSub = map[string]bool{"rollout": true, "config": true, "create": true, "set": true, "top": true, "auth": true}

func parseKubectl(words []string) (Command, error) {
	spec := kubectlFlags
	verbIdx := -1
	for i := 0; i < len(words); i++ {
		w := words[i]
		if strings.HasPrefix(w, "-") {
			name, _, hasVal := strings.Cut(strings.TrimLeft(w, "-"), "=")
			if !hasVal && spec.takesValue[spec.canonical(name)] && (strings.HasPrefix(w, "--") || len(w) == 2) {
				i++
			}
			continue
		}
		verbIdx = i
		break
	}
	if verbIdx < 0 {
		return Command{}, fmt.Errorf("kubectl needs a command such as get or apply")
	}
	verb := words[verbIdx]
	rest := append(append([]string{}, words[:verbIdx]...), words[verbIdx+1:]...)
	if verb == "logs" {
		// For logs, -f means --follow, not --filename.
		spec = flagSpec{short: map[string]string{}, takesValue: spec.takesValue}
		for k, v := range kubectlFlags.short {
			spec.short[k] = v
		}
		spec.short["f"] = "follow"
	}
	pos, flags, err := parseArgs(rest, spec, false)
	if err != nil {
		return Command{}, err
	}
	cmd := Command{Program: "kubectl", Verb: []string{verb}, Flags: flags}
	if verbsWithSub[verb] && len(pos) > 0 {
		sub := pos[0]
		if verb == "create" || verb == "top" {
			// top pod, top pods and top po are one command, as are the
			// create forms.
			sub = canonicalType(sub)
		}
		cmd.Verb = append(cmd.Verb, sub)
		pos = pos[1:]
		if verb == "create" && sub == "secrets" && len(pos) > 0 {
			cmd.Verb = append(cmd.Verb, pos[0])
			pos = pos[1:]
		}
	}
	switch {
	case resourceVerbs[verb]:
		cmd.Args = normalizeResources(pos)
	case verb == "logs" || verb == "port-forward" || verb == "exec" || verb == "attach":
		if len(pos) > 0 {
			pos[0] = normalizeRef(pos[0])
		}
		cmd.Args = pos
	default:
		cmd.Args = pos
	}
	return cmd, nil
}

func canonicalType(t string) string {
	if c, ok := resourceAliases[strings.ToLower(t)]; ok {
		return c
	}
	return strings.ToLower(t)
}

// normalizeRef turns "deploy/churn-api" into "deployments/churn-api"; a bare
// name is left alone (it names a pod).
func normalizeRef(s string) string {
	t, name, ok := strings.Cut(s, "/")
	if !ok {
		return s
	}
	return canonicalType(t) + "/" + name
}

// normalizeResources turns "TYPE NAME NAME", "TYPE/NAME TYPE/NAME" and
// "TYPE1,TYPE2" forms into one list of "type/name" or "type" items.
func normalizeResources(pos []string) []string {
	if len(pos) == 0 {
		return nil
	}
	if strings.Contains(pos[0], "/") {
		out := make([]string, len(pos))
		for i, p := range pos {
			out[i] = normalizeRef(p)
		}
		return out
	}
	types := strings.Split(pos[0], ",")
	for i, t := range types {
		types[i] = canonicalType(t)
	}
	if len(pos) == 1 {
		return []string{strings.Join(types, ",")}
	}
	var out []string
	for _, name := range pos[1:] {
		out = append(out, strings.Join(types, ",")+"/"+name)
	}
	return out
}
