package k8s

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"sigs.k8s.io/kustomize/api/builtins"
	"sigs.k8s.io/kustomize/api/filters/nameref"
	"sigs.k8s.io/kustomize/api/ifc"
	"sigs.k8s.io/kustomize/api/provider"
	"sigs.k8s.io/kustomize/api/resmap"
	"sigs.k8s.io/kustomize/api/resource"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/kustomize/kyaml/resid"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

// A kustomize folder is only complete once built: a base lacks the labels
// and namespace an overlay adds, a patch lacks everything it does not
// change. So a folder holding a kustomization is built with the kustomize
// library, the objects it builds are checked, and every finding is moved
// back to the file a learner edits. Building reads nothing but the files
// given, from memory: a base outside them, a remote base or a Helm chart
// leaves the folder to be checked file by file, as before.

// ruleKustomizeBuild is a kustomization kustomize cannot build.
const ruleKustomizeBuild = "k8s/kustomize-build"

// kzConfig is the part of a kustomization that names files and folders.
// Fields of another shape are ignored: the file is kustomize's to validate.
type kzConfig struct {
	Kind                  string `yaml:"kind"`
	Resources             []any  `yaml:"resources"`
	Components            []any  `yaml:"components"`
	Bases                 []any  `yaml:"bases"`
	PatchesStrategicMerge []any  `yaml:"patchesStrategicMerge"`
	Patches               []any  `yaml:"patches"`
	PatchesJSON6902       []any  `yaml:"patchesJson6902"`
	Replacements          []any  `yaml:"replacements"`
	ConfigMapGenerator    []any  `yaml:"configMapGenerator"`
	SecretGenerator       []any  `yaml:"secretGenerator"`
	Generators            []any  `yaml:"generators"`
	Transformers          []any  `yaml:"transformers"`
	Validators            []any  `yaml:"validators"`
	Configurations        []any  `yaml:"configurations"`
	Crds                  []any  `yaml:"crds"`
	HelmCharts            []any  `yaml:"helmCharts"`
	HelmChartInflation    []any  `yaml:"helmChartInflationGenerator"`
}

func decodeKzConfig(data []byte) (k kzConfig, ok bool) {
	defer func() {
		if recover() != nil {
			k, ok = kzConfig{}, false
		}
	}()
	return k, yaml.Unmarshal(data, &k) == nil
}

// kzDir is one folder with a kustomization among the files.
type kzDir struct {
	path string // the kustomization file
	dir  string
	cfg  kzConfig
	ok   bool // it parsed
}

// entries lists the resources, components and bases a kustomization names.
func (k *kzDir) entries() []string {
	var out []string
	for _, list := range [][]any{k.cfg.Resources, k.cfg.Components, k.cfg.Bases} {
		for _, e := range list {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// readFiles are the files other than resources the kustomization reads:
// patches, generator inputs and kustomize configuration. None of them is
// an object to check.
func (k *kzDir) readFiles() []string {
	var out []string
	add := func(v any) {
		if s, ok := v.(string); ok && s != "" && !strings.ContainsAny(s, "\n") {
			if i := strings.IndexByte(s, '='); i >= 0 && !strings.Contains(s[:i], "/") {
				s = s[i+1:] // "key=path" in a generator's files
			}
			out = append(out, filepath.Clean(filepath.Join(k.dir, filepath.FromSlash(s))))
		}
	}
	for _, list := range [][]any{k.cfg.PatchesStrategicMerge, k.cfg.Generators, k.cfg.Transformers, k.cfg.Validators, k.cfg.Configurations, k.cfg.Crds} {
		for _, e := range list {
			add(e)
		}
	}
	for _, list := range [][]any{k.cfg.Patches, k.cfg.PatchesJSON6902, k.cfg.Replacements} {
		for _, e := range list {
			if m, ok := e.(map[string]any); ok {
				add(m["path"])
			}
		}
	}
	for _, list := range [][]any{k.cfg.ConfigMapGenerator, k.cfg.SecretGenerator} {
		for _, e := range list {
			m, ok := e.(map[string]any)
			if !ok {
				continue
			}
			add(m["env"])
			for _, field := range []string{"files", "envs"} {
				if l, ok := m[field].([]any); ok {
					for _, f := range l {
						add(f)
					}
				}
			}
		}
	}
	return out
}

// remote reports a resource kustomize would fetch over the network.
func remote(entry string) bool {
	return strings.Contains(entry, "://") || strings.HasPrefix(entry, "git@") || strings.Contains(entry, "?ref=") ||
		strings.HasPrefix(entry, "github.com/") || strings.HasPrefix(entry, "gitlab.com/") || strings.HasPrefix(entry, "bitbucket.org/")
}

// renders is every kustomize build of one set of files, to move findings
// back to the files they come from.
type renders struct {
	byVirtual map[string]*rendered
	// built are the kustomization files that were built, by cleaned path.
	built map[string]bool
	// sources are the files given, by cleaned path, parsed on demand.
	sources map[string][]byte
	parsed  map[string][]srcDoc
}

// rendered is one build: the objects kustomize made, written as one
// virtual file, and where each came from.
type rendered struct {
	kust    string // the kustomization file built
	virtual string
	data    []byte
	text    *text // of data, made on demand
	docs    []renderedDoc
	// patches are the patch files of the kustomizations built, which a
	// finding is looked for in before the resource they patch.
	patches []string
}

type renderedDoc struct {
	line       int // first line in the virtual file
	kind, name string
	// file is where kustomize says the object comes from: its resource
	// file, or the kustomization whose generator made it (generated).
	file      string
	generated bool
	root      *yaml.Node // parsed on demand
}

// srcDoc is one document of a source file with its tree.
type srcDoc struct {
	d    doc
	root *yaml.Node
}

// commonDir is the deepest folder holding every file.
func commonDir(files []source.File) string {
	root := ""
	for i, f := range files {
		d := filepath.Dir(filepath.Clean(f.Path))
		if i == 0 {
			root = d
			continue
		}
		for root != d && !strings.HasPrefix(d, root+string(filepath.Separator)) && root != string(filepath.Separator) {
			if root == "." {
				if filepath.IsAbs(d) || strings.HasPrefix(d, "..") {
					return ""
				}
				break
			}
			parent := filepath.Dir(root)
			if parent == root {
				break
			}
			root = parent
		}
	}
	return root
}

// within reports whether path is root or below it.
func within(root, path string) bool {
	if root == "" {
		return false
	}
	if root == "." {
		return !filepath.IsAbs(path) && path != ".." && !strings.HasPrefix(path, ".."+string(filepath.Separator))
	}
	return path == root || strings.HasPrefix(path, root+string(filepath.Separator)) || root == string(filepath.Separator)
}

// renderKustomize builds every kustomization among files that no other one
// includes and returns the files to check: the built objects as virtual
// files, in place of the resources and patches the builds used.
func renderKustomize(files []source.File) ([]source.File, *renders, diag.Diagnostics) {
	dirs := map[string]*kzDir{}
	for _, f := range files {
		if !isKustomizationFile(f.Path) {
			continue
		}
		p := filepath.Clean(f.Path)
		cfg, ok := decodeKzConfig(f.Data)
		if _, dup := dirs[filepath.Dir(p)]; !dup {
			dirs[filepath.Dir(p)] = &kzDir{path: p, dir: filepath.Dir(p), cfg: cfg, ok: ok}
		}
	}
	if len(dirs) == 0 {
		return files, nil, nil
	}
	root := commonDir(files)
	included := map[string]bool{}
	for _, k := range dirs {
		for _, e := range k.entries() {
			included[filepath.Clean(filepath.Join(k.dir, filepath.FromSlash(e)))] = true
		}
	}
	rs := &renders{byVirtual: map[string]*rendered{}, built: map[string]bool{}, sources: map[string][]byte{}, parsed: map[string][]srcDoc{}}
	for _, f := range files {
		rs.sources[filepath.Clean(f.Path)] = f.Data
	}
	var ds diag.Diagnostics
	consumed := map[string]bool{}
	var virtual []source.File
	var mfs *memFS
	for _, top := range sortedKeys(dirs) {
		k := dirs[top]
		if included[top] || !k.ok || k.cfg.Kind == "Component" {
			continue // a Component is built only as part of a kustomization
		}
		if mfs == nil {
			var err error
			if mfs, err = newMemFS(files, root); err != nil {
				ds = append(ds, buildFailure(k, rs.sources[k.path], root, err))
				continue
			}
		}
		chain, ok := buildable(dirs, k, mfs)
		if !ok {
			continue
		}
		r, err := build(mfs, k, chain, rs.sources)
		if errors.Is(err, errVars) || errors.Is(err, errUnsupported) {
			continue
		}
		if err != nil {
			ds = append(ds, buildFailure(k, rs.sources[k.path], root, err))
			continue
		}
		for _, c := range chain {
			for _, p := range c.readFiles() {
				consumed[p] = true
				if isPatchOf(c, p) {
					r.patches = append(r.patches, p)
				}
			}
		}
		for _, d := range r.docs {
			if d.file != "" && !d.generated {
				consumed[d.file] = true
			}
		}
		rs.byVirtual[r.virtual] = r
		rs.built[k.path] = true
		virtual = append(virtual, source.File{Path: r.virtual, Data: r.data})
	}
	if len(rs.byVirtual) == 0 {
		return files, nil, ds
	}
	out := make([]source.File, 0, len(files)+len(virtual))
	for _, f := range files {
		if !consumed[filepath.Clean(f.Path)] {
			out = append(out, f)
		}
	}
	return append(out, virtual...), rs, ds
}

// isPatchOf reports whether p is a patch file of kustomization c.
func isPatchOf(c *kzDir, p string) bool {
	for _, list := range [][]any{c.cfg.PatchesStrategicMerge, c.cfg.Patches, c.cfg.PatchesJSON6902} {
		for _, e := range list {
			s, _ := e.(string)
			if m, ok := e.(map[string]any); ok {
				s, _ = m["path"].(string)
			}
			if s != "" && filepath.Clean(filepath.Join(c.dir, filepath.FromSlash(s))) == p {
				return true
			}
		}
	}
	return false
}

// buildable follows the folders a kustomization includes and returns them
// all, or false when one is remote, outside root, or needs Helm, none of
// which can be built from the files given alone.
func buildable(dirs map[string]*kzDir, top *kzDir, mfs *memFS) ([]*kzDir, bool) {
	var chain []*kzDir
	seen := map[string]bool{}
	stack := []*kzDir{top}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[k.dir] {
			continue
		}
		seen[k.dir] = true
		if !k.ok || len(k.cfg.HelmCharts) > 0 || len(k.cfg.HelmChartInflation) > 0 {
			return nil, false
		}
		chain = append(chain, k)
		if !mfs.legal(k.path) {
			return nil, false
		}
		for _, p := range k.readFiles() {
			if !within(mfs.root, p) || !mfs.legal(p) || !mfs.has(p) && !yamlName(p) {
				// a generator's .env or .properties input is not among
				// the files a lint collects: it may well exist
				return nil, false
			}
		}
		for _, e := range k.entries() {
			if remote(e) {
				return nil, false
			}
			p := filepath.Clean(filepath.Join(k.dir, filepath.FromSlash(e)))
			if !within(mfs.root, p) || !mfs.legal(p) {
				return nil, false
			}
			if sub, ok := dirs[p]; ok {
				stack = append(stack, sub)
			} else if !mfs.has(p) && filepath.Ext(p) != "" && !yamlName(p) {
				return nil, false // a .json resource, say, that a lint does not collect
			}
		}
	}
	return chain, true
}

// memRoot is where relative paths sit in the in-memory file system, which
// knows only absolute ones; messages drop it again.
const memRoot = "/in-memory"

// memFS is an in-memory file system holding exactly the files given, below
// memRoot as they are below root, so a build cannot read anything else.
type memFS struct {
	fsys  filesys.FileSystem
	root  string
	given map[string]bool
}

// path is where a file below root sits in the file system.
func (m *memFS) path(p string) string {
	rel, err := filepath.Rel(m.root, filepath.Clean(p))
	if err != nil {
		return memRoot
	}
	return filepath.Join(memRoot, rel)
}

// legalName matches the file names the in-memory file system accepts.
var legalName = regexp.MustCompile(`^[a-zA-Z0-9_.:-]+$`)

// legal reports whether the in-memory file system can hold path p.
func (m *memFS) legal(p string) bool {
	rel, err := filepath.Rel(m.root, filepath.Clean(p))
	if err != nil {
		return false
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if part != "." && (!legalName.MatchString(part) || strings.Contains(part, "..")) {
			return false
		}
	}
	return true
}

// has reports whether file p was given.
func (m *memFS) has(p string) bool { return m.given[filepath.Clean(p)] }

func yamlName(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}

func newMemFS(files []source.File, root string) (*memFS, error) {
	m := &memFS{fsys: filesys.MakeFsInMemory(), root: root, given: map[string]bool{}}
	for _, f := range files {
		m.given[filepath.Clean(f.Path)] = true
		if !m.legal(f.Path) {
			continue // a kustomization naming it is not built
		}
		if err := m.fsys.WriteFile(m.path(f.Path), f.Data); err != nil {
			return nil, fmt.Errorf("copying %s for kustomize: %w", f.Path, err)
		}
	}
	return m, nil
}

// errVars marks a kustomization with vars, which kustomize has deprecated
// and the build here does not follow; such folders are not built.
var errVars = errors.New("kustomization uses vars")

// modernize rewrites a kustomization the way `kustomize edit fix` does, so
// the build follows one spelling of each field: every patch is in patches,
// every label in labels.
func modernize(data []byte) ([]byte, error) {
	var k types.Kustomization
	if err := k.Unmarshal(data); err != nil {
		return nil, err
	}
	if k.Vars != nil {
		return nil, errVars
	}
	k.FixKustomization()
	k.Patches = append(k.Patches, k.PatchesJson6902...)
	k.PatchesJson6902 = nil
	for _, p := range k.PatchesStrategicMerge {
		if s := string(p); strings.Contains(s, "\n") {
			k.Patches = append(k.Patches, types.Patch{Patch: s})
		} else {
			k.Patches = append(k.Patches, types.Patch{Path: s})
		}
	}
	k.PatchesStrategicMerge = nil
	if len(k.CommonLabels) > 0 {
		k.Labels = append(k.Labels, types.Label{Pairs: k.CommonLabels, IncludeSelectors: true})
		k.CommonLabels = nil
	}
	// JSON is YAML, and the field names are kustomize's own.
	return json.Marshal(&k)
}

// build runs kustomize on one folder and writes the objects it makes.
func build(mfs *memFS, k *kzDir, chain []*kzDir, sources map[string][]byte) (*rendered, error) {
	for _, c := range chain {
		data, err := modernize(sources[c.path])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.path, err)
		}
		if err := mfs.fsys.WriteFile(mfs.path(c.path), data); err != nil {
			return nil, fmt.Errorf("copying %s for kustomize: %w", c.path, err)
		}
	}
	m, err := runKustomize(mfs.fsys, mfs.path(k.dir))
	if err != nil {
		return nil, err
	}
	r := &rendered{kust: k.path, virtual: filepath.Join(k.dir, "kustomize build.yaml")}
	var out strings.Builder
	line := 1
	for _, res := range m.Resources() {
		d := renderedDoc{kind: res.GetKind(), name: res.GetName()}
		if o, err := res.GetOrigin(); err == nil && o != nil && o.Repo == "" {
			switch {
			case o.ConfiguredIn != "":
				d.file, d.generated = filepath.Clean(filepath.Join(k.dir, filepath.FromSlash(o.ConfiguredIn))), true
			case o.Path != "":
				d.file = filepath.Clean(filepath.Join(k.dir, filepath.FromSlash(o.Path)))
			}
		}
		if err := res.SetOrigin(nil); err != nil {
			return nil, fmt.Errorf("kustomize origin of %s %s: %w", d.kind, d.name, err)
		}
		y, err := res.AsYAML()
		if err != nil {
			return nil, fmt.Errorf("kustomize output of %s %s: %w", d.kind, d.name, err)
		}
		if out.Len() > 0 {
			out.WriteString("---\n")
			line++
		}
		d.line = line
		out.Write(y)
		line += strings.Count(string(y), "\n")
		r.docs = append(r.docs, d)
	}
	r.data = []byte(out.String())
	return r, nil
}

func buildFailure(k *kzDir, data []byte, root string, err error) diag.Diagnostic {
	r := &reporter{}
	t := newText(k.path, data)
	prefix := ""
	if root != "." {
		prefix = root + string(filepath.Separator)
	}
	text := strings.ReplaceAll(diag.Sanitize(err.Error()), memRoot+"/", prefix)
	r.add(ruleKustomizeBuild, lineRange(t, firstLine(t)), msg.New("k8s.kustomize-build", msg.Args{"Error": msg.Plain(text)}),
		msg.New("k8s.kustomize-build.hint", nil))
	return r.ds[0]
}

// firstLine is the first line of t that holds something.
func firstLine(t *text) int {
	for n := 1; n <= t.lines(); n++ {
		l := strings.TrimSpace(string(t.line(n)))
		if l != "" && !strings.HasPrefix(l, "#") && l != "---" {
			return n
		}
	}
	return 1
}

// remap moves findings in built objects to the files they come from, says
// when a finding could only be placed near its field, and drops the
// copies a base built by two overlays gives.
func (rs *renders) remap(ds diag.Diagnostics) diag.Diagnostics {
	if rs == nil || len(ds) == 0 {
		return ds
	}
	out := make(diag.Diagnostics, 0, len(ds))
	seen := map[string]bool{}
	for _, d := range ds {
		if r := rs.byVirtual[d.Subject.Filename]; r != nil {
			d = rs.move(r, d)
		} else if d.Summary.Key == "k8s.kustomization" && rs.built[filepath.Clean(d.Subject.Filename)] {
			d.Hint = msg.New("k8s.kustomization.built.hint", nil)
		}
		key := fmt.Sprintf("%v", d)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, d)
	}
	return out
}

// remapRange moves a range the way remap moves a finding's.
func (rs *renders) remapRange(at diag.Range) diag.Range {
	if rs == nil {
		return at
	}
	if r := rs.byVirtual[at.Filename]; r != nil {
		return rs.move(r, diag.Diagnostic{Subject: at}).Subject
	}
	return at
}

// fixFiles names the file each built object comes from as its File, so
// exercise checks see the files a learner wrote.
func (rs *renders) fixFiles(s *Set) {
	if rs == nil {
		return
	}
	for i := range s.objects {
		r := rs.byVirtual[s.objects[i].File]
		if r == nil {
			continue
		}
		if k := r.docAt(int(s.items[i].line)); k >= 0 && r.docs[k].file != "" {
			s.objects[i].File = r.docs[k].file
		} else {
			s.objects[i].File = r.kust
		}
	}
}

func (r *rendered) docAt(line int) int {
	k, _ := slices.BinarySearchFunc(r.docs, line, func(d renderedDoc, l int) int { return d.line - l })
	if k < len(r.docs) && r.docs[k].line == line {
		return k
	}
	return k - 1
}

// tree returns the tree of built object k and its place in the virtual file.
func (r *rendered) tree(k int) (doc, *yaml.Node) {
	if r.text == nil {
		r.text = newText(r.virtual, r.data)
	}
	d := doc{t: r.text, lineOff: r.docs[k].line - 1}
	if r.docs[k].root == nil {
		end := len(r.data)
		if k+1 < len(r.docs) {
			end = lineOffset(r.data, r.docs[k+1].line-1) // its "---" line
		}
		nodes, _ := parseChunk(r.data[lineOffset(r.data, r.docs[k].line):end])
		if len(nodes) > 0 && nodes[0].Kind == yaml.DocumentNode && len(nodes[0].Content) > 0 {
			r.docs[k].root = nodes[0].Content[0]
		}
	}
	return d, r.docs[k].root
}

// lineOffset is the byte offset of the start of line n (1-based) of data.
func lineOffset(data []byte, n int) int {
	off := 0
	for l := 1; l < n; l++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return off
}

// move places one finding of build r.
func (rs *renders) move(r *rendered, d diag.Diagnostic) diag.Diagnostic {
	k := r.docAt(d.Subject.Start.Line)
	if k < 0 {
		return rs.atKustomization(r, d, "", "")
	}
	rd := &r.docs[k]
	vd, root := r.tree(k)
	segs, isKey, wholeLine := findNode(vd, root, d.Subject)
	if rd.file == "" || rd.generated {
		return rs.atGenerator(r, rd, d)
	}
	for _, p := range append(slices.Clone(r.patches), rd.file) {
		sd, ok := rs.sourceDoc(p, rd.kind, rd.name, p == rd.file)
		if !ok {
			continue
		}
		at, exact := place(sd, segs, isKey)
		if !exact && p != rd.file {
			continue
		}
		if wholeLine {
			at = lineRange(sd.d.t, at.Start.Line)
		}
		d.Subject = at
		if !exact {
			d.Summary = note(d.Summary, rd)
		}
		return d
	}
	return rs.atKustomization(r, d, rd.kind, rd.name)
}

func note(s msg.Text, rd *renderedDoc) msg.Text {
	return msg.New("k8s.kustomize.built", msg.Args{"Summary": s, "Kind": clip(rd.kind), "Name": q(rd.name)})
}

// atKustomization places a finding on the kustomization built, said so.
func (rs *renders) atKustomization(r *rendered, d diag.Diagnostic, kind, name string) diag.Diagnostic {
	t := newText(r.kust, rs.sources[r.kust])
	d.Subject = lineRange(t, firstLine(t))
	d.Summary = note(d.Summary, &renderedDoc{kind: kind, name: name})
	return d
}

// atGenerator places a finding on a generated object at the generator
// entry of its name in the kustomization that configures it.
func (rs *renders) atGenerator(r *rendered, rd *renderedDoc, d diag.Diagnostic) diag.Diagnostic {
	if rd.file == "" {
		return rs.atKustomization(r, d, rd.kind, rd.name)
	}
	docs := rs.docs(rd.file)
	if len(docs) == 0 {
		return rs.atKustomization(r, d, rd.kind, rd.name)
	}
	sd := docs[0]
	for _, field := range []string{"configMapGenerator", "secretGenerator"} {
		_, list := mapGet(sd.root, field)
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		for _, it := range list.Content {
			_, n := mapGet(resolve(it), "name")
			if n != nil && n.Value != "" && strings.Contains(rd.name, n.Value) {
				d.Subject = sd.d.rng(n)
				d.Summary = note(d.Summary, rd)
				return d
			}
		}
	}
	d.Subject = lineRange(sd.d.t, firstLine(sd.d.t))
	d.Summary = note(d.Summary, rd)
	return d
}

// docs parses a source file into its documents, once.
func (rs *renders) docs(path string) []srcDoc {
	if out, ok := rs.parsed[path]; ok {
		return out
	}
	var out []srcDoc
	data, ok := rs.sources[path]
	if ok {
		t := newText(path, data)
		for _, c := range splitDocs(data) {
			nodes, _ := parseChunk(c.data)
			for _, n := range nodes {
				if n.Kind == yaml.DocumentNode && len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode {
					out = append(out, srcDoc{d: doc{t: t, lineOff: c.line - 1}, root: n.Content[0]})
				}
			}
		}
	}
	rs.parsed[path] = out
	return out
}

// sourceDoc finds the document of kind and name in a file; kustomize may
// have added a prefix or suffix to the name. With loose, a file's only
// document of that kind also counts, and then its first document.
func (rs *renders) sourceDoc(path, kind, name string, loose bool) (srcDoc, bool) {
	docs := rs.docs(path)
	var sameKind []srcDoc
	for _, sd := range docs {
		_, kv := mapGet(sd.root, "kind")
		if kv == nil || kv.Value != kind {
			continue
		}
		sameKind = append(sameKind, sd)
		_, meta := mapGet(sd.root, "metadata")
		_, nv := mapGet(meta, "name")
		if nv != nil && nv.Value != "" && strings.Contains(name, nv.Value) {
			return sd, true
		}
	}
	switch {
	case !loose:
		return srcDoc{}, false
	case len(sameKind) == 1:
		return sameKind[0], true
	case len(docs) > 0:
		return docs[0], true
	}
	return srcDoc{}, false
}

// findNode returns the path of the node a finding points at in a built
// object: the node whose range is the finding's, or else the deepest key
// (or value) starting where it starts. wholeLine says the finding covers
// its line rather than a node.
func findNode(d doc, root *yaml.Node, at diag.Range) (segs []pathSeg, isKey, wholeLine bool) {
	if root == nil {
		return nil, false, false
	}
	wholeLine = at == lineRange(d.t, at.Start.Line)
	type cand struct {
		segs  []pathSeg
		isKey bool
	}
	var exact, key, val *cand
	var walk func(n *yaml.Node, segs []pathSeg, depth int)
	consider := func(n *yaml.Node, segs []pathSeg, isKey bool) {
		if d.pos(n) != at.Start {
			return
		}
		c := &cand{slices.Clone(segs), isKey}
		if d.rng(n) == at && exact == nil {
			exact = c
		}
		if isKey {
			key = c
		} else {
			val = c
		}
	}
	walk = func(n *yaml.Node, segs []pathSeg, depth int) {
		n = resolve(n)
		if n == nil || depth > maxDepth || d.pos(n).Line > at.Start.Line {
			return
		}
		consider(n, segs, false)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				s := append(segs, pathSeg{key: n.Content[i].Value, index: -1})
				consider(n.Content[i], s, true)
				walk(n.Content[i+1], s, depth+1)
			}
		case yaml.SequenceNode:
			for i, it := range n.Content {
				walk(it, append(segs, pathSeg{index: i}), depth+1)
			}
		}
	}
	walk(root, nil, 0)
	switch {
	case exact != nil:
		return exact.segs, exact.isKey, false
	case key != nil:
		return key.segs, true, wholeLine
	case val != nil:
		return val.segs, false, wholeLine
	}
	return nil, false, wholeLine
}

// place finds a path in a source document: the range of the key or value
// when the path is written there (exact), else of the nearest enclosing
// field that is.
func place(sd srcDoc, segs []pathSeg, isKey bool) (diag.Range, bool) {
	for n := len(segs); n > 0; n-- {
		k, v := walkPath(sd.root, segs[:n])
		if v == nil {
			continue
		}
		if k != nil && (isKey || n < len(segs)) {
			return sd.d.rng(k), n == len(segs)
		}
		return sd.d.rng(v), n == len(segs)
	}
	_, kv := mapGet(sd.root, "kind")
	if kv != nil {
		return lineRange(sd.d.t, sd.d.pos(kv).Line), len(segs) == 0
	}
	return lineRange(sd.d.t, sd.d.pos(sd.root).Line), len(segs) == 0
}

// Why kustomize's own builder (krusty) is not used: it links Go's plugin
// package, which makes the linker export every symbol of the program,
// costing start-up time and memory on every run. The folders are built
// here instead, in kustomize's order, and every step that changes objects
// is one of the library's builtin plugins.
//
// A kustomization using a feature this build does not follow is left to
// be checked file by file, as a folder with a remote base is
// (errUnsupported): vars, plugin generators, transformers and validators,
// CRD schemas, Helm charts and OpenAPI schemas. The default field specs
// kustomize keeps internal are written here (defaultFieldSpecs) for the
// kinds a course uses; a kustomization's configurations add to them.

// errUnsupported marks a kustomization using a feature the build here
// does not follow.
var errUnsupported = errors.New("kustomization feature not followed")

// kzFileNames are the names kustomize looks for in a folder, in its order.
func kzFileNames() []string {
	return []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}
}

// runKustomize builds the kustomization in dir and turns a panic inside
// the library into an error: a learner's folder must never stop the lint.
func runKustomize(fsys filesys.FileSystem, dir string) (m resmap.ResMap, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, err = nil, fmt.Errorf("%v", p)
		}
	}()
	dp := provider.NewDefaultDepProvider()
	b := &kzBuilder{fsys: fsys, rf: resmap.NewFactory(dp.GetResourceFactory()), v: dp.GetFieldValidator(), top: dir}
	fs := defaultFieldSpecs()
	m, err = b.accumulate(resmap.New(), dir, false, &fs)
	if err != nil {
		return nil, err
	}
	hash := builtins.NewHashTransformerPlugin()
	if err := b.configure(hash, dir, nil); err != nil {
		return nil, err
	}
	if err := hash.Transform(m); err != nil {
		return nil, err
	}
	if err := fixNameRefs(m, fs.NameRefs); err != nil {
		return nil, err
	}
	for _, r := range m.Resources() {
		if r.GetAnnotations()[localConfig] == "true" {
			if err := m.Remove(r.CurId()); err != nil {
				return nil, err
			}
		}
	}
	m.RemoveBuildAnnotations()
	return m, nil
}

// localConfig marks an object kustomize reads but does not output.
const localConfig = "config.kubernetes.io/local-config"

// kzBuilder builds kustomizations from an in-memory file system.
type kzBuilder struct {
	fsys filesys.FileSystem
	rf   *resmap.Factory
	v    ifc.Validator
	top  string // the folder of the kustomization built
}

// origin is where an object from path below dir comes from, relative to
// the folder built, as kustomize's origin annotation says it.
func (b *kzBuilder) origin(dir, path string) string {
	p := path
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	rel, err := filepath.Rel(b.top, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(rel)
}

// readKustomization reads and checks the kustomization in dir.
func (b *kzBuilder) readKustomization(dir string) (*types.Kustomization, string, error) {
	for _, name := range kzFileNames() {
		p := filepath.Join(dir, name)
		if !b.fsys.Exists(p) {
			continue
		}
		data, err := b.fsys.ReadFile(p)
		if err != nil {
			return nil, "", fmt.Errorf("reading %s: %w", p, err)
		}
		var k types.Kustomization
		if err := k.Unmarshal(data); err != nil {
			return nil, "", fmt.Errorf("%s: %w", p, err)
		}
		k.FixKustomization()
		if k.Vars != nil {
			return nil, "", errVars
		}
		if len(k.Generators)+len(k.Transformers)+len(k.Validators)+len(k.Crds)+len(k.HelmCharts)+len(k.HelmChartInflationGenerator) > 0 ||
			k.HelmGlobals != nil || len(k.OpenAPI) > 0 || len(k.PatchesStrategicMerge)+len(k.PatchesJson6902) > 0 {
			return nil, "", errUnsupported
		}
		return &k, name, nil
	}
	return nil, "", fmt.Errorf("unable to find one of %q in directory '%s'", kzFileNames(), dir)
}

// accumulate adds the objects kustomization dir makes to m: its resources
// (folders built on their own), its generators, its components, and then
// its transformers over all of them, as kustomize does.
//
// fs gathers the field specs of the folders built, defaults included: a
// base's configurations apply in the overlays over it, as in kustomize.
func (b *kzBuilder) accumulate(m resmap.ResMap, dir string, component bool, fs *kzFieldSpecs) (resmap.ResMap, error) {
	k, name, err := b.readKustomization(dir)
	if err != nil {
		return nil, err
	}
	for _, c := range k.Configurations {
		data, err := b.fsys.ReadFile(filepath.Join(dir, c))
		if err != nil {
			return nil, fmt.Errorf("loading configuration %s: %w", c, err)
		}
		var own kzFieldSpecs
		if err := yaml.Unmarshal(data, &own); err != nil {
			return nil, fmt.Errorf("loading configuration %s: %w", c, err)
		}
		if len(own.VarReference) > 0 {
			return nil, errUnsupported
		}
		if err := fs.merge(&own); err != nil {
			return nil, err
		}
	}
	switch {
	case component && k.Kind != types.ComponentKind:
		return nil, fmt.Errorf("expected kind '%s' for path '%s' but got '%s'", types.ComponentKind, dir, k.Kind)
	case !component && k.Kind == types.ComponentKind:
		return nil, fmt.Errorf("expected kind != '%s' for path '%s'", types.ComponentKind, dir)
	}
	for _, entry := range k.Resources {
		p := filepath.Join(dir, entry)
		if b.fsys.IsDir(p) {
			subFS := defaultFieldSpecs()
			sub, err := b.accumulate(resmap.New(), p, false, &subFS)
			if err != nil {
				return nil, fmt.Errorf("accumulating resources: recursed accumulation of path '%s': %w", p, err)
			}
			if err := fs.merge(&subFS); err != nil {
				return nil, err
			}
			if err := m.AppendAll(sub); err != nil {
				return nil, fmt.Errorf("accumulating resources: recursed merging from path '%s': %w", p, err)
			}
			continue
		}
		data, err := b.fsys.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("accumulating resources from '%s': %w", entry, err)
		}
		rm, err := b.rf.NewResMapFromBytes(data)
		if err != nil {
			return nil, fmt.Errorf("accumulating resources from '%s': %w", entry, err)
		}
		if err := setOrigin(rm, &resource.Origin{Path: b.origin(dir, entry)}); err != nil {
			return nil, err
		}
		if err := m.AppendAll(rm); err != nil {
			return nil, fmt.Errorf("accumulating resources: merging resources from '%s': %w", entry, err)
		}
	}
	if err := b.generate(m, dir, name, k); err != nil {
		return nil, err
	}
	for _, entry := range k.Components {
		p := filepath.Join(dir, entry)
		if m, err = b.accumulate(m, p, true, fs); err != nil {
			return nil, fmt.Errorf("accumulating components: accumulateDirectory: recursed accumulation of path '%s': %w", p, err)
		}
	}
	ts, err := b.transformers(dir, k, fs)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if err := t.Transform(m); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func setOrigin(m resmap.ResMap, o *resource.Origin) error {
	for _, r := range m.Resources() {
		if err := r.SetOrigin(o); err != nil {
			return fmt.Errorf("origin of %s: %w", r.CurId(), err)
		}
	}
	return nil
}

// configure hands a builtin plugin its configuration, with a loader
// reading from dir.
func (b *kzBuilder) configure(p resmap.Configurable, dir string, c any) error {
	var data []byte
	if c != nil {
		var err error
		// JSON is YAML, and the plugins read their fields case-blind.
		if data, err = json.Marshal(c); err != nil {
			return fmt.Errorf("kustomize plugin configuration: %w", err)
		}
	}
	h := resmap.NewPluginHelpers(&memLoader{fsys: b.fsys, root: dir}, b.v, b.rf, types.DisabledPluginConfig())
	return p.Config(h, data)
}

// generate runs the ConfigMap and Secret generators of k.
func (b *kzBuilder) generate(m resmap.ResMap, dir, name string, k *types.Kustomization) error {
	var gs []resmap.GeneratorPlugin
	for _, args := range k.ConfigMapGenerator {
		args.Options = types.MergeGlobalOptionsIntoLocal(args.Options, k.GeneratorOptions)
		g := builtins.NewConfigMapGeneratorPlugin()
		if err := b.configure(g, dir, struct{ types.ConfigMapArgs }{args}); err != nil {
			return err
		}
		gs = append(gs, g)
	}
	for _, args := range k.SecretGenerator {
		args.Options = types.MergeGlobalOptionsIntoLocal(args.Options, k.GeneratorOptions)
		g := builtins.NewSecretGeneratorPlugin()
		if err := b.configure(g, dir, struct{ types.SecretArgs }{args}); err != nil {
			return err
		}
		gs = append(gs, g)
	}
	o := &resource.Origin{ConfiguredIn: b.origin(dir, name)}
	for _, g := range gs {
		rm, err := g.Generate()
		if err != nil {
			return err
		}
		if rm == nil {
			continue
		}
		if err := setOrigin(rm, o); err != nil {
			return err
		}
		if err := m.AbsorbAll(rm); err != nil {
			return fmt.Errorf("merging from generator %v: %w", g, err)
		}
	}
	return nil
}

// transformers configures the builtin transformers k asks for, in the
// order kustomize applies them.
func (b *kzBuilder) transformers(dir string, k *types.Kustomization, fs *kzFieldSpecs) ([]resmap.Transformer, error) {
	var out []resmap.Transformer
	add := func(p resmap.TransformerPlugin, c any) error {
		if err := b.configure(p, dir, c); err != nil {
			return err
		}
		out = append(out, p)
		return nil
	}
	for _, pc := range k.Patches {
		if err := add(builtins.NewPatchTransformerPlugin(), pc); err != nil {
			return nil, err
		}
	}
	if k.Namespace != "" {
		c := struct {
			types.ObjectMeta `json:"metadata"`
			FieldSpecs       []types.FieldSpec `json:"fieldSpecs"`
		}{types.ObjectMeta{Namespace: k.Namespace}, fs.Namespace}
		if err := add(builtins.NewNamespaceTransformerPlugin(), c); err != nil {
			return nil, err
		}
	}
	if k.NamePrefix != "" {
		c := struct {
			Prefix     string            `json:"prefix"`
			FieldSpecs []types.FieldSpec `json:"fieldSpecs"`
		}{k.NamePrefix, fs.NamePrefix}
		if err := add(builtins.NewPrefixTransformerPlugin(), c); err != nil {
			return nil, err
		}
	}
	if k.NameSuffix != "" {
		c := struct {
			Suffix     string            `json:"suffix"`
			FieldSpecs []types.FieldSpec `json:"fieldSpecs"`
		}{k.NameSuffix, fs.NameSuffix}
		if err := add(builtins.NewSuffixTransformerPlugin(), c); err != nil {
			return nil, err
		}
	}
	type labels struct {
		Labels     map[string]string `json:"labels"`
		FieldSpecs []types.FieldSpec `json:"fieldSpecs"`
	}
	for _, l := range k.Labels {
		fss, err := types.FsSlice(l.FieldSpecs).MergeAll(fs.Labels)
		if err != nil {
			return nil, fmt.Errorf("failed to merge labels: %w", err)
		}
		switch {
		case l.IncludeSelectors:
			fss, err = fss.MergeAll(fs.SelectorLabels)
		default:
			if l.IncludeTemplates {
				if fss, err = fss.MergeAll(fs.TemplateLabels); err != nil {
					return nil, fmt.Errorf("failed to merge labels: %w", err)
				}
			}
			if l.IncludeVolumeClaimTemplates {
				if fss, err = fss.MergeAll(fs.ClaimTemplateLabels); err != nil {
					return nil, fmt.Errorf("failed to merge labels: %w", err)
				}
			}
			fss, err = fss.MergeOne(types.FieldSpec{Path: "metadata/labels", CreateIfNotPresent: true})
		}
		if err != nil {
			return nil, fmt.Errorf("failed to merge labels: %w", err)
		}
		if err := add(builtins.NewLabelTransformerPlugin(), labels{l.Pairs, fss}); err != nil {
			return nil, err
		}
	}
	if len(k.CommonLabels) > 0 {
		if err := add(builtins.NewLabelTransformerPlugin(), labels{k.CommonLabels, fs.SelectorLabels}); err != nil {
			return nil, err
		}
	}
	if len(k.CommonAnnotations) > 0 {
		c := struct {
			Annotations map[string]string `json:"annotations"`
			FieldSpecs  []types.FieldSpec `json:"fieldSpecs"`
		}{k.CommonAnnotations, fs.Annotations}
		if err := add(builtins.NewAnnotationsTransformerPlugin(), c); err != nil {
			return nil, err
		}
	}
	for _, r := range k.Replicas {
		c := struct {
			Replica    types.Replica     `json:"replica"`
			FieldSpecs []types.FieldSpec `json:"fieldSpecs"`
		}{r, fs.Replicas}
		if err := add(builtins.NewReplicaCountTransformerPlugin(), c); err != nil {
			return nil, err
		}
	}
	for _, img := range k.Images {
		c := struct {
			ImageTag   types.Image       `json:"imageTag"`
			FieldSpecs []types.FieldSpec `json:"fieldSpecs"`
		}{img, fs.Images}
		if err := add(builtins.NewImageTagTransformerPlugin(), c); err != nil {
			return nil, err
		}
	}
	if len(k.Replacements) > 0 {
		c := struct {
			Replacements []types.ReplacementField `json:"replacements"`
		}{k.Replacements}
		if err := add(builtins.NewReplacementTransformerPlugin(), c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fixNameRefs updates the names objects use to refer to each other after
// prefixes, suffixes and hashes changed them.
func fixNameRefs(m resmap.ResMap, refs []nameRef) error {
	for _, r := range m.Resources() {
		var fs []nameref.Filter
		for _, ref := range refs {
			for _, by := range ref.By {
				if r.OrgId().IsSelected(&by.Gvk) {
					fs = append(fs, nameref.Filter{NameFieldToUpdate: by, ReferralTarget: ref.Target})
				}
			}
		}
		if len(fs) == 0 {
			continue
		}
		c, err := m.SubsetThatCouldBeReferencedByResource(r)
		if err != nil {
			return err
		}
		for _, f := range fs {
			f.Referrer, f.ReferralCandidates = r, c
			if err := r.ApplyFilter(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// memLoader reads a kustomization's files from the in-memory file system
// with no restriction to its folder: the file system holds only the
// files given.
type memLoader struct {
	fsys filesys.FileSystem
	root string
}

func (l *memLoader) Repo() string { return "" }
func (l *memLoader) Root() string { return l.root }
func (l *memLoader) Cleanup() error {
	return nil
}

func (l *memLoader) New(root string) (ifc.Loader, error) {
	p := l.join(root)
	if !l.fsys.IsDir(p) {
		return nil, fmt.Errorf("'%s' must be a directory", p)
	}
	return &memLoader{fsys: l.fsys, root: p}, nil
}

func (l *memLoader) Load(location string) ([]byte, error) {
	return l.fsys.ReadFile(l.join(location))
}

func (l *memLoader) join(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(l.root, p)
}

// kzFieldSpecs say where in an object each builtin transformer writes. A
// kustomization's configurations files have the same shape and add to it.
type kzFieldSpecs struct {
	Namespace           types.FsSlice `yaml:"namespace"`
	NamePrefix          types.FsSlice `yaml:"namePrefix"`
	NameSuffix          types.FsSlice `yaml:"nameSuffix"`
	SelectorLabels      types.FsSlice `yaml:"commonLabels"`
	Labels              types.FsSlice `yaml:"labels"`
	TemplateLabels      types.FsSlice `yaml:"templateLabels"`
	ClaimTemplateLabels types.FsSlice `yaml:"volumeClaimTemplateLabels"`
	Annotations         types.FsSlice `yaml:"commonAnnotations"`
	Replicas            types.FsSlice `yaml:"replicas"`
	Images              types.FsSlice `yaml:"images"`
	NameRefs            []nameRef     `yaml:"nameReference"`
	// VarReference is read to be refused: vars are not followed.
	VarReference types.FsSlice `yaml:"varReference"`
}

// nameRef is a kind objects refer to by name, and the fields that do.
type nameRef struct {
	Target resid.Gvk         `yaml:",inline"`
	By     []types.FieldSpec `yaml:"fieldSpecs"`
}

// merge adds the field specs of o to fs, as kustomize merges the
// configurations of the folders it builds.
func (fs *kzFieldSpecs) merge(o *kzFieldSpecs) error {
	for _, p := range []struct{ to, from *types.FsSlice }{
		{&fs.Namespace, &o.Namespace}, {&fs.NamePrefix, &o.NamePrefix}, {&fs.NameSuffix, &o.NameSuffix},
		{&fs.SelectorLabels, &o.SelectorLabels}, {&fs.Labels, &o.Labels}, {&fs.TemplateLabels, &o.TemplateLabels},
		{&fs.ClaimTemplateLabels, &o.ClaimTemplateLabels}, {&fs.Annotations, &o.Annotations},
		{&fs.Replicas, &o.Replicas}, {&fs.Images, &o.Images}, {&fs.VarReference, &o.VarReference},
	} {
		merged, err := p.to.MergeAll(*p.from)
		if err != nil {
			return fmt.Errorf("merging kustomize field specs: %w", err)
		}
		*p.to = merged
	}
	for _, ref := range o.NameRefs {
		i := slices.IndexFunc(fs.NameRefs, func(r nameRef) bool { return r.Target.Equals(ref.Target) })
		if i < 0 {
			fs.NameRefs = append(fs.NameRefs, nameRef{Target: ref.Target, By: slices.Clone(ref.By)})
			continue
		}
		merged, err := types.FsSlice(fs.NameRefs[i].By).MergeAll(ref.By)
		if err != nil {
			return fmt.Errorf("merging kustomize name references: %w", err)
		}
		fs.NameRefs[i].By = merged
	}
	return nil
}

// podHolder is a kind holding pods, and where its pods' metadata and
// spec sit.
type podHolder struct{ group, kind, at string }

func podHolders() []podHolder {
	return []podHolder{
		{"", "Pod", ""},
		{"", "ReplicationController", "spec/template/"},
		{"apps", "Deployment", "spec/template/"},
		{"apps", "ReplicaSet", "spec/template/"},
		{"apps", "DaemonSet", "spec/template/"},
		{"apps", "StatefulSet", "spec/template/"},
		{"batch", "Job", "spec/template/"},
		{"batch", "CronJob", "spec/jobTemplate/spec/template/"},
	}
}

// fieldSpec is one field of objects of a group and kind ("" for any).
func fieldSpec(group, kind, path string, create bool) types.FieldSpec {
	return types.FieldSpec{Gvk: resid.Gvk{Group: group, Kind: kind}, Path: path, CreateIfNotPresent: create}
}

// defaultFieldSpecs describes the Kubernetes API for the builtin
// transformers: where a namespace, a name prefix, labels, annotations,
// images and replica counts go, and which fields name another object.
func defaultFieldSpecs() kzFieldSpecs {
	var fs kzFieldSpecs
	fs.Namespace = types.FsSlice{
		fieldSpec("", "Namespace", "metadata/name", true),
		fieldSpec("apiregistration.k8s.io", "APIService", "spec/service/namespace", true),
		fieldSpec("apiextensions.k8s.io", "CustomResourceDefinition", "spec/conversion/webhook/clientConfig/service/namespace", false),
	}
	fs.NamePrefix = types.FsSlice{{Path: "metadata/name"}}
	fs.NameSuffix = types.FsSlice{{Path: "metadata/name"}}
	fs.TemplateLabels = types.FsSlice{{Path: "metadata/labels", CreateIfNotPresent: true}}
	fs.Annotations = types.FsSlice{{Path: "metadata/annotations", CreateIfNotPresent: true}}
	for _, p := range podHolders()[1:] {
		fs.TemplateLabels = append(fs.TemplateLabels, fieldSpec(p.group, p.kind, p.at+"metadata/labels", true))
		fs.Annotations = append(fs.Annotations, fieldSpec(p.group, p.kind, p.at+"metadata/annotations", true))
	}
	fs.TemplateLabels = append(fs.TemplateLabels, fieldSpec("batch", "CronJob", "spec/jobTemplate/metadata/labels", true))
	fs.Annotations = append(fs.Annotations, fieldSpec("batch", "CronJob", "spec/jobTemplate/metadata/annotations", true))
	fs.ClaimTemplateLabels = types.FsSlice{fieldSpec("apps", "StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true)}

	fs.SelectorLabels = types.FsSlice{
		fieldSpec("", "Service", "spec/selector", true),
		fieldSpec("", "ReplicationController", "spec/selector", true),
		fieldSpec("batch", "Job", "spec/selector/matchLabels", false),
		fieldSpec("batch", "CronJob", "spec/jobTemplate/spec/selector/matchLabels", false),
		fieldSpec("policy", "PodDisruptionBudget", "spec/selector/matchLabels", false),
		fieldSpec("networking.k8s.io", "NetworkPolicy", "spec/podSelector/matchLabels", false),
		fieldSpec("networking.k8s.io", "NetworkPolicy", "spec/ingress/from/podSelector/matchLabels", false),
		fieldSpec("networking.k8s.io", "NetworkPolicy", "spec/egress/to/podSelector/matchLabels", false),
	}
	for _, kind := range []string{"Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"} {
		fs.SelectorLabels = append(fs.SelectorLabels, fieldSpec("", kind, "spec/selector/matchLabels", true))
	}
	for _, kind := range []string{"Deployment", "StatefulSet"} {
		// the pods' own label selectors select pods of the same workload
		affinity := "spec/template/spec/affinity/"
		for _, path := range []string{
			affinity + "podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
			affinity + "podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
			affinity + "podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
			affinity + "podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
			"spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
		} {
			fs.SelectorLabels = append(fs.SelectorLabels, fieldSpec("apps", kind, path, false))
		}
	}
	fs.SelectorLabels = append(fs.SelectorLabels, fs.TemplateLabels...)
	fs.SelectorLabels = append(fs.SelectorLabels, fs.ClaimTemplateLabels...)

	for _, kind := range []string{"Deployment", "ReplicationController", "ReplicaSet", "StatefulSet"} {
		fs.Replicas = append(fs.Replicas, fieldSpec("", kind, "spec/replicas", true))
	}
	for _, at := range []string{"spec/", "spec/template/spec/"} {
		for _, path := range []string{"containers[]/image", "initContainers[]/image", "volumes[]/image/reference"} {
			fs.Images = append(fs.Images, types.FieldSpec{Path: at + path, CreateIfNotPresent: true})
		}
	}
	fs.Images = append(fs.Images, types.FieldSpec{Path: "spec/jobTemplate/spec/template/spec/volumes[]/image/reference", CreateIfNotPresent: true})

	fs.NameRefs = nameReferences()
	return fs
}

// nameReferences lists the fields that name another object, which a name
// prefix, suffix or generated hash must follow.
func nameReferences() []nameRef {
	inPods := func(paths ...string) []types.FieldSpec {
		var out []types.FieldSpec
		for _, p := range podHolders() {
			for _, path := range paths {
				spec := "spec/"
				if p.at != "" {
					spec = p.at + "spec/"
				}
				out = append(out, fieldSpec(p.group, p.kind, spec+path, false))
			}
		}
		return out
	}
	containers := func(paths ...string) []string {
		var out []string
		for _, c := range []string{"containers", "initContainers", "ephemeralContainers"} {
			for _, p := range paths {
				out = append(out, c+"/"+p)
			}
		}
		return out
	}
	bindings := func(path string) []types.FieldSpec {
		const rbac = "rbac.authorization.k8s.io"
		return []types.FieldSpec{fieldSpec(rbac, "RoleBinding", path, false), fieldSpec(rbac, "ClusterRoleBinding", path, false)}
	}
	core := func(kind string, by ...[]types.FieldSpec) nameRef {
		return nameRef{Target: resid.Gvk{Version: "v1", Kind: kind}, By: slices.Concat(by...)}
	}
	other := func(group, kind string, by ...[]types.FieldSpec) nameRef {
		return nameRef{Target: resid.Gvk{Group: group, Kind: kind}, By: slices.Concat(by...)}
	}
	scaled := []types.FieldSpec{fieldSpec("autoscaling", "HorizontalPodAutoscaler", "spec/scaleTargetRef/name", false)}
	return []nameRef{
		core("ConfigMap", inPods(append([]string{"volumes/configMap/name", "volumes/projected/sources/configMap/name"},
			containers("env/valueFrom/configMapKeyRef/name", "envFrom/configMapRef/name")...)...)),
		core("Secret", inPods(append([]string{"volumes/secret/secretName", "volumes/projected/sources/secret/name", "imagePullSecrets/name"},
			containers("env/valueFrom/secretKeyRef/name", "envFrom/secretRef/name")...)...),
			[]types.FieldSpec{
				fieldSpec("", "ServiceAccount", "imagePullSecrets/name", false),
				fieldSpec("", "ServiceAccount", "secrets/name", false),
				fieldSpec("networking.k8s.io", "Ingress", "spec/tls/secretName", false),
			}),
		core("ServiceAccount", inPods("serviceAccountName", "serviceAccount"), bindings("subjects")),
		core("PersistentVolumeClaim", inPods("volumes/persistentVolumeClaim/claimName")),
		core("PersistentVolume", []types.FieldSpec{fieldSpec("", "PersistentVolumeClaim", "spec/volumeName", false)}),
		core("Service", []types.FieldSpec{
			fieldSpec("networking.k8s.io", "Ingress", "spec/rules/http/paths/backend/service/name", false),
			fieldSpec("networking.k8s.io", "Ingress", "spec/defaultBackend/service/name", false),
			fieldSpec("apps", "StatefulSet", "spec/serviceName", false),
			fieldSpec("apiregistration.k8s.io", "APIService", "spec/service/name", false),
		}),
		other("apps", "Deployment", scaled),
		other("apps", "ReplicaSet", scaled),
		other("apps", "StatefulSet", scaled),
		other("storage.k8s.io", "StorageClass", []types.FieldSpec{
			fieldSpec("", "PersistentVolumeClaim", "spec/storageClassName", false),
			fieldSpec("", "PersistentVolume", "spec/storageClassName", false),
		}),
		other("scheduling.k8s.io", "PriorityClass", inPods("priorityClassName")),
		other("networking.k8s.io", "IngressClass", []types.FieldSpec{fieldSpec("networking.k8s.io", "Ingress", "spec/ingressClassName", false)}),
		other("rbac.authorization.k8s.io", "Role", []types.FieldSpec{fieldSpec("rbac.authorization.k8s.io", "RoleBinding", "roleRef/name", false)}),
		other("rbac.authorization.k8s.io", "ClusterRole", bindings("roleRef/name")),
	}
}
