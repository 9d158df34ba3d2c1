package k8s

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
	"github.com/iactutor/iactutor/internal/suggest"
)

// Object is one Kubernetes object found in the files, in the shape exercise
// checks (CEL expressions) read it.
type Object struct {
	// File is the path of the file that holds the object.
	File string
	// APIVersion and Kind are as written; either may be empty when missing.
	APIVersion string
	Kind       string
	// Name and Namespace come from metadata; Namespace is empty when the
	// object does not set one (the cluster then uses "default").
	Name      string
	Namespace string
	// Index is the object's position in Set.Objects, for Set.Locate.
	Index int
	// Value is the whole object as generic JSON-like data (maps, lists,
	// strings, int64, float64, bool), as the API server and CEL see it.
	Value map[string]any
}

// item keeps what the rules need about an object besides Object: its YAML
// tree for positions and its decoded Go value.
type item struct {
	doc  doc
	root *yaml.Node
	// chunk, docIdx and listIdx say where the object came from, so its tree
	// can be parsed again after Lint dropped it; line is its first line.
	chunk   []byte
	docIdx  int32
	listIdx int32
	line    int32
	// typed is a pointer to the k8s.io/api struct (e.g. *appsv1.Deployment),
	// nil for custom resources and objects whose apiVersion is wrong.
	typed any
	// known is true for built-in kinds decoded into typed.
	known bool
	// facts is what the cross-object rules read; Lint keeps only this.
	facts facts
	// role is how kustomize uses the object's file.
	role kustomizeRole
	// decodeErr is set when decoding reported an error: the server would
	// refuse the body before validating it, and the typed object lacks
	// what could not be decoded.
	decodeErr bool
}

// Set is the loaded model: every object of the files given together, with
// source positions. Check runs the rules on it; exercise checks read its
// Objects.
type Set struct {
	objects []Object
	items   []item
	// renders moves findings in objects kustomize built to their files.
	renders *renders
}

// Objects returns the objects in file order.
func (s *Set) Objects() []Object {
	if s == nil {
		return nil
	}
	return s.objects
}

// Load parses and decodes files. Syntax and schema problems come back as
// diagnostics; documents after a broken one are still loaded, so a learner
// sees every problem at once.
func Load(files []source.File, opt Options) (*Set, diag.Diagnostics) {
	files, rs, rds := renderKustomize(files)
	ld := &loader{r: &reporter{ds: rds}, set: &Set{renders: rs}, types: typeCache{}, values: true, skipForeign: !opt.Complete}
	ld.run(files)
	rs.fixFiles(ld.set)
	return ld.set, rs.remap(ld.r.ds)
}

// Lint loads and checks files in one call and returns every diagnostic in
// the stable order presenters rely on. It gives the same diagnostics as Load
// followed by Check, but runs the single-object rules while each document's
// tree is at hand and then lets it go, and builds no generic values, so a
// file of thousands of documents is linted in little memory.
func Lint(files []source.File, opt Options) diag.Diagnostics {
	files, rs, rds := renderKustomize(files)
	r := &reporter{ds: rds}
	s := &Set{renders: rs}
	c := newChecker(s, r, opt)
	ld := &loader{r: r, set: s, types: typeCache{}, skipForeign: !opt.Complete, onObject: func(i int) {
		c.object(i)
		s.items[i].root, s.items[i].typed = nil, nil
	}}
	ld.run(files)
	c.cross()
	r.ds.Sort()
	return r.ds
}

type loader struct {
	r     *reporter
	set   *Set
	types typeCache
	// values builds Object.Value; Lint has no use for it.
	values bool
	// onObject runs after each object is added.
	onObject func(i int)
	// skipForeign passes over documents that are plainly not Kubernetes
	// objects (a docker-compose.yml in the linted folder) with a note; in
	// an exercise every file is meant to be a manifest, so they stay errors.
	skipForeign bool
	// roles says how kustomize uses each file, by cleaned path; role is
	// the current file's.
	roles map[string]kustomizeRole
	role  kustomizeRole
}

func (ld *loader) run(files []source.File) {
	ld.roles = kustomizeRoles(files)
	defer func() { ld.r.partial = false }()
	for _, f := range files {
		ld.role = ld.roles[filepath.Clean(f.Path)]
		ld.r.partial = ld.role == kzPatch
		t := newText(f.Path, f.Data)
		if ld.skipForeign {
			if ln := templateLine(f.Data); ln > 0 {
				ld.r.add(ruleNotKubernetes, lineRange(t, ln), msg.New("k8s.template", nil), msg.New("k8s.template.hint", nil))
				continue
			}
			if ln, name := placeholderLine(f.Data); ln > 0 {
				ld.r.add(rulePlaceholders, lineRange(t, ln), msg.New("k8s.placeholders", msg.Args{"Name": bt(name)}), msg.New("k8s.placeholders.hint", nil))
			}
		}
		chunks := splitDocs(f.Data)
		ld.set.objects = slices.Grow(ld.set.objects, len(chunks))
		ld.set.items = slices.Grow(ld.set.items, len(chunks))
		for _, c := range chunks {
			nodes, err := parseChunk(c.data)
			if err != nil {
				syntaxError(ld.r, t, c, err)
			}
			for k, n := range nodes {
				ld.document(doc{t: t, lineOff: c.line - 1}, n, c.data, k)
			}
		}
	}
}

// reparse rebuilds the object's tree from its document's bytes.
func (it *item) reparse() *yaml.Node {
	docs, _ := parseChunk(it.chunk)
	if int(it.docIdx) >= len(docs) {
		return nil
	}
	root := docs[it.docIdx]
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil
		}
		root = root.Content[0]
	}
	root = resolve(root)
	if it.listIdx >= 0 {
		_, items := mapGet(root, "items")
		if items == nil || items.Kind != yaml.SequenceNode || int(it.listIdx) >= len(items.Content) {
			return nil
		}
		root = resolve(items.Content[it.listIdx])
	}
	return root
}

// origin says where an object's document came from.
type origin struct {
	chunk   []byte
	docIdx  int
	listIdx int
}

func (ld *loader) document(d doc, n *yaml.Node, chunk []byte, docIdx int) {
	size := len(chunk)
	root := n
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return
		}
		root = n.Content[0]
	}
	root = resolve(root)
	if root == nil || root.Kind == 0 || isNull(root) {
		return
	}
	if root.Kind == yaml.SequenceNode && ld.role == kzPatch {
		return // a JSON 6902 patch: a list of operations, not an object
	}
	if root.Kind != yaml.MappingNode {
		ld.r.add(ruleNotObject, d.rng(root), msg.New("k8s.not-object.document", msg.Args{"What": describeNode(root)}),
			msg.New("k8s.not-object.document.hint", nil))
		return
	}
	ld.object(d, root, budgetFor(size), 0, origin{chunk, docIdx, -1})
}

// objectKeys are top-level keys only Kubernetes objects have among the
// YAML files found next to manifests; one of them makes a document a
// manifest with a missing apiVersion or kind rather than some other file.
var objectKeys = []string{"metadata", "spec", "data", "stringData", "binaryData", "template", "rules", "subjects", "roleRef", "webhooks", "items", "immutable"}

// foreign reports whether a top-level document is plainly some other tool's
// file: no kind and no key of a Kubernetes object, and either no apiVersion
// or the name and version a Helm Chart.yaml has beside its apiVersion.
func foreign(root, apiV, kindV *yaml.Node) bool {
	if kindV != nil || hasObjectKey(root) {
		return false
	}
	if apiV == nil {
		return true
	}
	_, name := mapGet(root, "name")
	_, version := mapGet(root, "version")
	return name != nil && version != nil
}

func hasObjectKey(root *yaml.Node) bool {
	for _, k := range objectKeys {
		if _, v := mapGet(root, k); v != nil {
			return true
		}
	}
	return false
}

// deeperThan reports whether a tree nests more than limit levels, without
// recursion, so a hostile document is still reported as one rather than
// skipped as someone else's file.
func deeperThan(root *yaml.Node, limit int) bool {
	type item struct {
		n     *yaml.Node
		depth int
	}
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth > limit {
			return true
		}
		for _, c := range it.n.Content {
			if c != nil && len(c.Content) > 0 {
				stack = append(stack, item{c, it.depth + 1})
			}
		}
	}
	return false
}

func scalarString(n *yaml.Node) (string, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", false
	}
	return n.Value, true
}

func (ld *loader) object(d doc, root *yaml.Node, budget, depth int, from origin) {
	_, apiV := mapGet(root, "apiVersion")
	_, kindV := mapGet(root, "kind")
	apiVersion, _ := scalarString(apiV)
	kind, _ := scalarString(kindV)
	first := d.lineRange(d.pos(root).Line)

	if kind == "List" || (strings.HasSuffix(kind, "List") && depth == 0) {
		if _, items := mapGet(root, "items"); items != nil && items.Kind == yaml.SequenceNode && depth == 0 {
			for k, it := range items.Content {
				it = resolve(it)
				if it == nil || isNull(it) {
					continue
				}
				if it.Kind != yaml.MappingNode {
					ld.r.add(ruleNotObject, d.rng(it), msg.New("k8s.not-object.list-item", msg.Args{"What": describeNode(it)}), msg.Text{})
					continue
				}
				ld.object(d, it, budget, depth+1, origin{from.chunk, from.docIdx, k})
			}
			return
		}
	}

	if depth == 0 && (isKustomizeAPI(apiVersion) || isKustomizationFile(d.t.path)) {
		ld.r.add(ruleNotKubernetes, first, msg.New("k8s.kustomization", nil), msg.New("k8s.kustomization.hint", nil))
		return
	}
	if ld.skipForeign && depth == 0 && foreign(root, apiV, kindV) && !deeperThan(root, maxDepth) {
		ld.r.add(ruleNotKubernetes, first, msg.New("k8s.not-kubernetes", nil), msg.New("k8s.not-kubernetes.hint", nil))
		return
	}
	if apiV == nil || isNull(apiV) {
		ld.r.add(ruleMissingField, first, msg.New("k8s.object.no-api-version", nil), apiVersionHint(kind))
	}
	if kindV == nil || isNull(kindV) {
		ld.r.add(ruleMissingField, first, msg.New("k8s.object.no-kind", nil), msg.New("k8s.object.no-kind.hint", nil))
	}

	var typ reflect.Type
	switch {
	case kind == "" || apiVersion == "":
	case kinds[apiVersion+" "+kind] != nil:
		typ = kinds[apiVersion+" "+kind]
	default:
		if rm, ok := removedAPI(apiVersion, kind); ok {
			hint := msg.New("k8s.removed-api.no-replacement", msg.Args{"Release": rm.release})
			if rm.replacement != "" {
				hint = msg.New("k8s.removed-api.replacement", msg.Args{"APIVersion": rm.replacement})
			}
			ld.r.add(ruleRemovedAPI, d.rng(apiV), msg.New("k8s.removed-api", msg.Args{"APIVersion": clip(apiVersion), "Kind": clip(kind), "Release": rm.release}), hint)
			break
		}
		if pref := preferredAPI(kind); pref != "" && !customGroup(apiVersion) {
			ld.r.add(ruleKindNotInAPI, d.rng(apiV), msg.New("k8s.kind-not-in-api", msg.Args{"Kind": clip(kind), "APIVersion": clip(apiVersion)}),
				msg.New("k8s.kind-not-in-api.hint", msg.Args{"APIVersion": pref, "Kind": clip(kind)}))
			typ = kinds[pref+" "+kind]
			break
		}
		if builtinGroup(apiVersion) {
			hint := msg.New("k8s.no-such-kind.hint", nil)
			if s := suggest.Nearest(kind, kindNames); s != "" {
				hint = didYouMean(s)
			}
			ld.r.add(ruleKindNotInAPI, d.rng(kindV), msg.New("k8s.no-such-kind", msg.Args{"APIVersion": clip(apiVersion), "Kind": q(kind)}), hint)
			break
		}
		hint := msg.New("k8s.unknown-kind.hint", nil)
		if s := suggest.Nearest(kind, kindNames); s != "" {
			hint = msg.New("k8s.unknown-kind.builtin", msg.Args{"Kind": s, "APIVersion": preferredAPI(s)})
		}
		ld.r.add(ruleUnknownKind, d.rng(kindV), msg.New("k8s.unknown-kind", msg.Args{"APIVersion": clip(apiVersion), "Kind": clip(kind)}), hint)
	}

	dc := &decoder{r: ld.r, doc: d, kind: kind, types: ld.types, budget: budget, values: ld.values, role: ld.role}
	var typed any
	var g any
	before := len(ld.r.ds)
	if typ != nil {
		pv := reflect.New(typ)
		g = dc.decode(root, typ, pv.Elem(), nil, 0)
		typed = pv.Interface()
	} else {
		g = dc.decode(root, nil, reflect.Value{}, nil, 0)
	}
	value, _ := g.(map[string]any)
	if value == nil && ld.values {
		value = map[string]any{}
	}

	metaK, meta := mapGet(root, "metadata")
	_, nameV := mapGet(meta, "name")
	_, genV := mapGet(meta, "generateName")
	name, _ := scalarString(nameV)
	ns, _ := scalarString(func() *yaml.Node { _, v := mapGet(meta, "namespace"); return v }())
	if kind != "" && (nameV == nil || isNull(nameV)) && (genV == nil || isNull(genV)) {
		at := first
		if metaK != nil {
			at = d.rng(metaK)
		}
		ld.r.add(ruleMissingField, at, msg.New("k8s.metadata.no-name", msg.Args{"Kind": clip(kind)}), msg.New("k8s.metadata.no-name.hint", nil))
	}

	idx := len(ld.set.objects)
	ld.set.objects = append(ld.set.objects, Object{
		File: d.t.path, APIVersion: apiVersion, Kind: kind, Name: name, Namespace: ns, Index: idx, Value: value,
	})
	var f facts
	if typed != nil {
		f = factsOf(typed)
	}
	decodeErr := false
	for _, dd := range ld.r.ds[before:] {
		decodeErr = decodeErr || dd.Severity == diag.SeverityError
	}
	ld.set.items = append(ld.set.items, item{doc: d, root: root, typed: typed, known: typed != nil, facts: f, role: ld.role, decodeErr: decodeErr,
		chunk: from.chunk, docIdx: int32(from.docIdx), listIdx: int32(from.listIdx), line: int32(d.pos(root).Line)})
	if ld.onObject != nil {
		ld.onObject(idx)
	}
}

func apiVersionHint(kind string) msg.Text {
	if p := preferredAPI(kind); p != "" {
		return msg.New("k8s.object.no-api-version.for-kind", msg.Args{"APIVersion": p, "Kind": clip(kind)})
	}
	return msg.New("k8s.object.no-api-version.hint", nil)
}
