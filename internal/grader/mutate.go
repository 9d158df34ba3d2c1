package grader

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/msg"
)

// mutation is a small wrong edit of the solution. A fair exercise rejects
// every one whose path it does not free: each is a way a learner can stop
// one step short or one step beside the fix.
type mutation struct {
	// path is the model path the edit touches, as free: lists them.
	path string
	// what says the edit for the author.
	what msg.Text
	// files is the whole edited tree by file name.
	files map[string][]byte
}

// mutations derives the edits from the start and solution trees: delete
// each object or block; put back each value the solution changed, one at
// a time (removing what the start did not have); and move each changed
// scalar to a neighbour (another unit, off by one, another port, a
// mutable tag, the other boolean).
func mutations(ex *course.Exercise) []mutation {
	var out []mutation
	for _, name := range slices.Sorted(maps.Keys(ex.SolutionFiles)) {
		switch ex.Track {
		case course.Kubernetes:
			out = append(out, yamlMutations(ex, name)...)
		case course.Terraform:
			out = append(out, hclMutations(ex, name)...)
		}
	}
	return out
}

func withFile(tree map[string][]byte, name string, data []byte) map[string][]byte {
	out := maps.Clone(tree)
	out[name] = data
	return out
}

// --- Kubernetes: the YAML documents of each file.

// ystep is one step down a YAML tree: a mapping key, or a list item by
// its position in the solution.
type ystep struct {
	key  string
	item int
}

// ynode is a node of the solution with where to find it again and its
// path as the model and free: spell it.
type ynode struct {
	doc   int
	steps []ystep
	path  string
	node  *yaml.Node
	key   string
}

func parseDocs(b []byte) []*yaml.Node {
	var docs []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			return docs
		}
		docs = append(docs, &n)
	}
}

func encodeDocs(docs []*yaml.Node) []byte {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return nil
		}
	}
	if err := enc.Close(); err != nil {
		return nil
	}
	return buf.Bytes()
}

func mapValue(m *yaml.Node, key string) (*yaml.Node, int) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, -1
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1], i
		}
	}
	return nil, -1
}

func docRoot(d *yaml.Node) *yaml.Node {
	if d.Kind == yaml.DocumentNode && len(d.Content) == 1 {
		return d.Content[0]
	}
	return d
}

// objectID is "Kind/name", as the model names objects.
func objectID(d *yaml.Node) string {
	r := docRoot(d)
	kind, _ := mapValue(r, "kind")
	meta, _ := mapValue(r, "metadata")
	name, _ := mapValue(meta, "name")
	if kind == nil || name == nil {
		return ""
	}
	return kind.Value + "/" + name.Value
}

// walkYAML lists every node under n with its path.
func walkYAML(doc int, n *yaml.Node, steps []ystep, p, key string, visit func(ynode)) {
	visit(ynode{doc: doc, steps: steps, path: p, node: n, key: key})
	join := func(k string) string {
		if strings.HasSuffix(p, " ") {
			return p + k
		}
		return p + "." + k
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			walkYAML(doc, n.Content[i+1], append(slices.Clip(steps), ystep{key: k}), join(k), k, visit)
		}
	case yaml.SequenceNode:
		named := len(n.Content) > 0
		for _, it := range n.Content {
			if v, _ := mapValue(it, "name"); v == nil || v.Kind != yaml.ScalarNode || v.Value == "" {
				named = false
			}
		}
		for i, it := range n.Content {
			k := fmt.Sprintf("[%d]", i)
			if named {
				v, _ := mapValue(it, "name")
				k = "[name=" + v.Value + "]"
			}
			walkYAML(doc, it, append(slices.Clip(steps), ystep{key: "", item: i}), strings.TrimSuffix(p, " ")+k, key, visit)
		}
	}
}

// find follows steps from a document; parent and index say where the node
// sits, to remove it.
func find(d *yaml.Node, steps []ystep) (node, parent *yaml.Node, index int) {
	node, index = docRoot(d), -1
	for _, s := range steps {
		parent = node
		if s.key != "" {
			var i int
			node, i = mapValue(node, s.key)
			index = i
		} else if node.Kind == yaml.SequenceNode && s.item < len(node.Content) {
			node, index = node.Content[s.item], s.item
		} else {
			node = nil
		}
		if node == nil {
			return nil, nil, -1
		}
	}
	return node, parent, index
}

func yamlMutations(ex *course.Exercise, name string) []mutation {
	sol := ex.SolutionFiles[name]
	docs := parseDocs(sol)
	start := map[string]*yaml.Node{}
	for _, sname := range slices.Sorted(maps.Keys(ex.StartFiles)) {
		for i, d := range parseDocs(ex.StartFiles[sname]) {
			if id := objectID(d); id != "" {
				walkYAML(i, docRoot(d), nil, id+" ", "", func(n ynode) { start[n.path] = n.node })
			}
		}
	}
	var out []mutation
	edit := func(path string, what msg.Text, f func(docs []*yaml.Node) bool) {
		fresh := parseDocs(sol)
		if !f(fresh) {
			return
		}
		b := encodeDocs(fresh)
		if b == nil {
			return
		}
		out = append(out, mutation{path: path, what: what, files: withFile(ex.SolutionFiles, name, b)})
	}
	for di, d := range docs {
		id := objectID(d)
		if id == "" {
			continue
		}
		rest := parseDocs(sol)
		out = append(out, mutation{path: id, what: msg.New("grader.mutation.delete", msg.Args{"Object": id}),
			files: withFile(ex.SolutionFiles, name, encodeDocs(slices.Delete(rest, di, di+1)))})
		if !startHas(start, id+" ") {
			continue // a new object: deleting it is the test
		}
		removed := map[string]bool{}
		walkYAML(di, docRoot(d), nil, id+" ", "", func(n ynode) {
			if len(n.steps) == 0 {
				return
			}
			for r := range removed {
				if strings.HasPrefix(n.path, r) {
					return
				}
			}
			old, had := start[n.path]
			if !had {
				removed[n.path] = true
				edit(n.path, msg.New("grader.mutation.remove", msg.Args{"Path": n.path}), func(fresh []*yaml.Node) bool {
					_, parent, i := find(fresh[n.doc], n.steps)
					if parent == nil {
						return false
					}
					if parent.Kind == yaml.MappingNode {
						parent.Content = slices.Delete(parent.Content, i, i+2)
					} else {
						parent.Content = slices.Delete(parent.Content, i, i+1)
					}
					return true
				})
				walkYAML(n.doc, n.node, n.steps, n.path, n.key, func(m ynode) {
					if m.node.Kind == yaml.ScalarNode {
						yamlNeighbour(m, edit)
					}
				})
				return
			}
			if n.node.Kind != yaml.ScalarNode || old.Kind != yaml.ScalarNode || old.Value == n.node.Value {
				return
			}
			edit(n.path, msg.New("grader.mutation.revert", msg.Args{"Path": n.path, "Value": old.Value}), func(fresh []*yaml.Node) bool {
				m, _, _ := find(fresh[n.doc], n.steps)
				if m == nil {
					return false
				}
				m.Value, m.Tag, m.Style = old.Value, old.Tag, old.Style
				return true
			})
			yamlNeighbour(n, edit)
		})
	}
	return out
}

func startHas(start map[string]*yaml.Node, prefix string) bool {
	for k := range start {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

func yamlNeighbour(n ynode, edit func(string, msg.Text, func([]*yaml.Node) bool)) {
	for _, v := range neighbours(n.key, n.node.Value, n.node.Tag) {
		edit(n.path, msg.New("grader.mutation.neighbour", msg.Args{"Path": n.path, "Value": v.text}), func(fresh []*yaml.Node) bool {
			m, _, _ := find(fresh[n.doc], n.steps)
			if m == nil {
				return false
			}
			m.Value, m.Tag, m.Style = v.text, v.tag, 0
			if v.tag == "!!str" {
				m.Style = yaml.DoubleQuotedStyle
			}
			return true
		})
	}
}

// neighbour is a value next to the right one.
type neighbour struct{ text, tag string }

var quantityRE = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(m|Ki|Mi|Gi|Ti|k|M|G)?$`)

// otherUnit is the unit a learner confuses with each.
var otherUnit = map[string]string{"Mi": "Gi", "Gi": "Mi", "Ki": "Mi", "Ti": "Gi", "M": "Mi", "G": "Gi", "k": "Ki", "m": "", "": "m"}

// neighbours lists the wrong values beside v: for a number, one off (a
// port one up); for a quantity, the same number in another unit; for an
// image, the mutable latest tag; for a boolean, the other one.
func neighbours(key, v, tag string) []neighbour {
	isPort := strings.Contains(strings.ToLower(key), "port")
	switch tag {
	case "!!int":
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil
		}
		switch {
		case isPort, n == 0:
			n++
		default:
			n--
		}
		return []neighbour{{strconv.Itoa(n), "!!int"}}
	case "!!bool":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil
		}
		return []neighbour{{strconv.FormatBool(!b), "!!bool"}}
	case "!!str":
		if key == "image" {
			repo := v
			if i := strings.Index(repo, "@"); i >= 0 {
				repo = repo[:i]
			}
			if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
				repo = repo[:i]
			}
			if repo+":latest" != v {
				return []neighbour{{repo + ":latest", "!!str"}}
			}
			return nil
		}
		if m := quantityRE.FindStringSubmatch(v); m != nil && m[2] != "" || (m != nil && strings.Contains(m[1], ".")) {
			return []neighbour{{m[1] + otherUnit[m[2]], "!!str"}}
		}
		if n, err := strconv.Atoi(v); err == nil && (isPort || strings.Contains(key, "cpu") || strings.Contains(key, "memory")) {
			if isPort {
				return []neighbour{{strconv.Itoa(n + 1), "!!str"}}
			}
			return []neighbour{{v + "m", "!!str"}}
		}
	}
	return nil
}

// --- Terraform: the blocks and attributes of each file.

// hstep is one block down an HCL body, by type, labels and which of the
// blocks so named it is.
type hstep struct {
	typ    string
	labels []string
	nth    int
}

// hclPath spells a block as free: and the model do:
// resource.aws_lb.api, variable.region, local, terraform.backend.
func hclPath(steps []hstep) string {
	var parts []string
	for i, s := range steps {
		switch {
		case i == 0 && s.typ == "locals":
			parts = append(parts, "local")
		case i == 0:
			parts = append(parts, s.typ)
			parts = append(parts, s.labels...)
		default:
			parts = append(parts, s.typ)
		}
	}
	return strings.Join(parts, ".")
}

func stepKey(steps []hstep) string {
	var b strings.Builder
	for _, s := range steps {
		fmt.Fprintf(&b, "%s%q#%d/", s.typ, s.labels, s.nth)
	}
	return b.String()
}

func hclChildren(body *hclwrite.Body, steps []hstep, visit func(steps []hstep, b *hclwrite.Block)) {
	seen := map[string]int{}
	for _, b := range body.Blocks() {
		k := b.Type() + fmt.Sprint(b.Labels())
		s := append(slices.Clip(steps), hstep{typ: b.Type(), labels: b.Labels(), nth: seen[k]})
		seen[k]++
		visit(s, b)
		hclChildren(b.Body(), s, visit)
	}
}

func findBlock(body *hclwrite.Body, steps []hstep) (*hclwrite.Body, *hclwrite.Block) {
	var parent *hclwrite.Body
	var block *hclwrite.Block
	for _, s := range steps {
		parent, block = body, nil
		nth := 0
		for _, b := range body.Blocks() {
			if b.Type() == s.typ && slices.Equal(b.Labels(), s.labels) {
				if nth == s.nth {
					block = b
					break
				}
				nth++
			}
		}
		if block == nil {
			return nil, nil
		}
		body = block.Body()
	}
	return parent, block
}

func attrSource(a *hclwrite.Attribute) string {
	return strings.TrimSpace(string(a.Expr().BuildTokens(nil).Bytes()))
}

func hclMutations(ex *course.Exercise, name string) []mutation {
	sol := ex.SolutionFiles[name]
	f, ds := hclwrite.ParseConfig(sol, name, hcl.InitialPos)
	if ds.HasErrors() {
		return nil
	}
	startBlocks := map[string]map[string]string{}
	for _, sname := range slices.Sorted(maps.Keys(ex.StartFiles)) {
		sf, sds := hclwrite.ParseConfig(ex.StartFiles[sname], sname, hcl.InitialPos)
		if sds.HasErrors() {
			continue
		}
		hclChildren(sf.Body(), nil, func(steps []hstep, b *hclwrite.Block) {
			attrs := map[string]string{}
			for n, a := range b.Body().Attributes() {
				attrs[n] = attrSource(a)
			}
			startBlocks[stepKey(steps)] = attrs
		})
	}
	var out []mutation
	edit := func(path string, what msg.Text, change func(body *hclwrite.Body) bool) {
		fresh, fds := hclwrite.ParseConfig(sol, name, hcl.InitialPos)
		if fds.HasErrors() || !change(fresh.Body()) {
			return
		}
		out = append(out, mutation{path: path, what: what, files: withFile(ex.SolutionFiles, name, fresh.Bytes())})
	}
	hclChildren(f.Body(), nil, func(steps []hstep, b *hclwrite.Block) {
		p := hclPath(steps)
		edit(p, msg.New("grader.mutation.delete", msg.Args{"Object": p}), func(body *hclwrite.Body) bool {
			parent, blk := findBlock(body, steps)
			return blk != nil && parent.RemoveBlock(blk)
		})
		old, had := startBlocks[stepKey(steps)]
		if !had {
			return
		}
		for _, an := range slices.Sorted(maps.Keys(b.Body().Attributes())) {
			a := b.Body().Attributes()[an]
			ap := p + "." + an
			now := attrSource(a)
			was, ok := old[an]
			if ok && was == now {
				continue
			}
			if !ok {
				edit(ap, msg.New("grader.mutation.remove", msg.Args{"Path": ap}), func(body *hclwrite.Body) bool {
					_, blk := findBlock(body, steps)
					return blk != nil && blk.Body().RemoveAttribute(an) != nil
				})
			} else {
				edit(ap, msg.New("grader.mutation.revert", msg.Args{"Path": ap, "Value": was}), func(body *hclwrite.Body) bool {
					_, blk := findBlock(body, steps)
					if blk == nil {
						return false
					}
					blk.Body().SetAttributeRaw(an, rawTokens(was))
					return true
				})
			}
			for _, v := range hclNeighbours(an, now) {
				edit(ap, msg.New("grader.mutation.neighbour", msg.Args{"Path": ap, "Value": v}), func(body *hclwrite.Body) bool {
					_, blk := findBlock(body, steps)
					if blk == nil {
						return false
					}
					blk.Body().SetAttributeRaw(an, rawTokens(v))
					return true
				})
			}
		}
	})
	return out
}

// rawTokens turns expression source back into tokens for hclwrite.
func rawTokens(src string) hclwrite.Tokens {
	f, ds := hclwrite.ParseConfig([]byte("x = "+src+"\n"), "", hcl.InitialPos)
	if ds.HasErrors() {
		return hclwrite.Tokens{{Bytes: []byte(src)}}
	}
	return f.Body().GetAttribute("x").Expr().BuildTokens(nil)
}

// hclNeighbours is neighbours for an expression written as a literal.
func hclNeighbours(key, src string) []string {
	switch {
	case src == "true" || src == "false":
		return []string{strconv.FormatBool(src != "true")}
	case strings.HasPrefix(src, `"`) && strings.HasSuffix(src, `"`) && len(src) >= 2 && !strings.Contains(src, "${"):
		inner := src[1 : len(src)-1]
		tag := "!!str"
		var out []string
		for _, n := range neighbours(key, inner, tag) {
			out = append(out, strconv.Quote(n.text))
		}
		return out
	}
	if _, err := strconv.Atoi(src); err == nil {
		var out []string
		for _, n := range neighbours(key, src, "!!int") {
			out = append(out, n.text)
		}
		return out
	}
	return nil
}
