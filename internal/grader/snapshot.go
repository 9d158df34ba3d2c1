package grader

import (
	"bytes"
	"fmt"
	"github.com/iactutor/iactutor/internal/grader/terraform"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	apiservercel "k8s.io/apiserver/pkg/cel"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/source"
)

// snapshot is what grading compares between trees: which objects a
// submission holds, how many each file holds, and every value by path.
// It reads the model, so formatting, comments and key order never count.
type snapshot struct {
	// ids are the objects by identity ("Deployment/api", "aws_lb.api").
	ids map[string]bool
	// perFile counts objects or top-level blocks by exercise file name.
	perFile map[string]int
	// held names what each exercise file declares (objects, blocks by
	// address) and all is their union, so an emptied file whose contents
	// moved to another file is told from one whose contents are gone.
	held map[string][]string
	all  map[string]bool
	// leaves are the model's scalar values by path, rendered.
	leaves map[string]string
}

// snapshotOf builds the snapshot of a loaded model; names maps file paths
// to exercise file names.
func snapshotOf(track course.Track, m *model, files []source.File, names map[string]string) *snapshot {
	s := &snapshot{ids: map[string]bool{}, perFile: map[string]int{}, leaves: map[string]string{},
		held: map[string][]string{}, all: map[string]bool{}}
	hold := func(file, id string) {
		s.held[file] = append(s.held[file], id)
		s.all[id] = true
	}
	name := func(p string) string {
		if n, ok := names[p]; ok {
			return n
		}
		return p
	}
	switch track {
	case course.Kubernetes:
		for _, o := range m.objects {
			id := o.Kind + "/" + o.Name
			s.ids[id] = true
			s.perFile[name(o.File)]++
			hold(name(o.File), id)
			flatten(s.leaves, id+" ", o.Value, true)
		}
	case course.Terraform:
		data, _ := m.activation["values"].(map[string]any)
		for _, root := range terraformVars {
			prefix := terraformPrefix[root]
			v := data[root]
			if root == "resources" || root == "data" {
				byType, _ := v.(map[string]any)
				for t, byName := range byType {
					ns, _ := byName.(map[string]any)
					for n := range ns {
						if root == "data" {
							s.ids["data."+t+"."+n] = true
						} else {
							s.ids[t+"."+n] = true
						}
					}
				}
			}
			if root == "variables" || root == "outputs" {
				ns, _ := v.(map[string]any)
				for n := range ns {
					s.ids[prefix+"."+n] = true
				}
			}
			if v != nil {
				flatten(s.leaves, prefix, v, false)
			}
		}
		for _, f := range files {
			s.perFile[name(f.Path)] = countBlocks(m.module, f)
			if body, ok := m.module.Body(f.Path); ok {
				for _, id := range blockAddresses(body) {
					hold(name(f.Path), id)
				}
			}
		}
	}
	return s
}

// terraformPrefix names each variable of the expectations as Terraform
// addresses start, so a path in a message reads as the learner wrote it.
var terraformPrefix = map[string]string{
	"resources": "resource", "data": "data", "variables": "variable", "outputs": "output",
	"locals": "local", "providers": "provider", "terraform": "terraform", "backend": "backend", "moved": "moved",
}

// countBlocks counts a .tf file's top-level blocks; a file that does not
// parse counts as holding something, since its syntax error speaks first.
// The module already parsed the file; only a file it does not hold (not a
// .tf file) is parsed here.
func countBlocks(mod *terraform.Module, f source.File) int {
	body, ok := mod.Body(f.Path)
	if !ok {
		file, ds := hclsyntax.ParseConfig(f.Data, f.Path, hcl.InitialPos)
		if ds.HasErrors() {
			return 1
		}
		if body, ok = file.Body.(*hclsyntax.Body); !ok {
			return 1
		}
	}
	return len(body.Blocks) + len(body.Attributes)
}

// blockAddresses names a file's top-level blocks as Terraform addresses
// them ("aws_lb.api", "variable.region", "local.port"); blocks without an
// address (terraform, provider) are named by their type and labels.
func blockAddresses(body *hclsyntax.Body) []string {
	var out []string
	for _, b := range body.Blocks {
		switch {
		case b.Type == "resource" && len(b.Labels) == 2:
			out = append(out, b.Labels[0]+"."+b.Labels[1])
		case b.Type == "locals":
			for n := range b.Body.Attributes {
				out = append(out, "local."+n)
			}
		default:
			out = append(out, strings.Join(append([]string{b.Type}, b.Labels...), "."))
		}
	}
	for n := range body.Attributes {
		out = append(out, "attribute."+n)
	}
	return out
}

// flatten records every scalar under prefix. A list of maps that all have
// a name is keyed by name ([name=api]), so reordering containers or
// variables does not read as a change.
func flatten(out map[string]string, prefix string, v any, k8s bool) {
	join := func(k string) string {
		if strings.HasSuffix(prefix, " ") || prefix == "" {
			return prefix + k
		}
		return prefix + "." + k
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			out[prefix] = "{}"
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			flatten(out, join(k), x[k], k8s)
		}
	case []any:
		if len(x) == 0 {
			out[prefix] = "[]"
		}
		named := len(x) > 0
		for _, e := range x {
			m, ok := e.(map[string]any)
			if n, isStr := m["name"].(string); !ok || !isStr || n == "" {
				named = false
			}
		}
		for i, e := range x {
			key := fmt.Sprintf("[%d]", i)
			if named {
				key = fmt.Sprintf("[name=%s]", e.(map[string]any)["name"])
			}
			flatten(out, strings.TrimSuffix(prefix, " ")+key, e, k8s)
		}
	default:
		out[strings.TrimSuffix(prefix, " ")] = render(v)
	}
}

// render writes a model value as a learner would recognise it.
func render(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", x)
	case apiservercel.Quantity:
		return x.Quantity.String()
	}
	return fmt.Sprint(v)
}

// normalized removes what does not change a file's meaning: a BOM, CRLF
// line endings, trailing spaces and trailing blank lines.
func normalized(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	lines := bytes.Split(b, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimRight(l, " \t\r")
	}
	return bytes.TrimRight(bytes.Join(lines, []byte("\n")), "\n")
}

// change is a value the task keeps that the submission changed.
type change struct {
	path, old, new string
	gone           bool
}

// keptChanges compares the values start and solution share with the
// submission's. Paths under free are the learner's to change, and values
// of an object that is gone are left to the existence rule.
func keptChanges(start, solution, sub *snapshot, free []string) []change {
	var out []change
	for _, p := range slices.Sorted(maps.Keys(start.leaves)) {
		old := start.leaves[p]
		if solution.leaves[p] != old || isFree(p, free) {
			continue
		}
		now, ok := sub.leaves[p]
		if ok && now == old {
			continue
		}
		if !ok && (!objectPresent(p, sub) || hasUnder(p, sub)) {
			continue
		}
		out = append(out, change{path: p, old: old, new: now, gone: !ok})
	}
	return out
}

// hasUnder reports whether the submission holds values under p: an empty
// map or list that was filled is not a removal.
func hasUnder(p string, sub *snapshot) bool {
	for k := range sub.leaves {
		if strings.HasPrefix(k, p+".") || strings.HasPrefix(k, p+"[") {
			return true
		}
	}
	return false
}

func isFree(p string, free []string) bool {
	for _, f := range free {
		if p == f || strings.HasPrefix(p, f+".") || strings.HasPrefix(p, f+"[") || strings.HasPrefix(p, f+" ") {
			return true
		}
	}
	return false
}

// objectPresent reports whether the object a path belongs to is in the
// submission (paths of other roots, such as locals, always count).
func objectPresent(p string, sub *snapshot) bool {
	if id, _, ok := strings.Cut(p, " "); ok {
		return sub.ids[id]
	}
	parts := strings.SplitN(p, ".", 4)
	switch {
	case parts[0] == "resource" && len(parts) >= 3:
		return sub.ids[parts[1]+"."+strings.SplitN(parts[2], "[", 2)[0]]
	case parts[0] == "data" && len(parts) >= 3:
		return sub.ids["data."+parts[1]+"."+strings.SplitN(parts[2], "[", 2)[0]]
	case (parts[0] == "variable" || parts[0] == "output") && len(parts) >= 2:
		return sub.ids[parts[0]+"."+strings.SplitN(parts[1], "[", 2)[0]]
	}
	return true
}
