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
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resmap"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"

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
		if errors.Is(err, errVars) {
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

// errVars marks a kustomization with vars, which kustomize announces as
// deprecated on the process's standard error; such folders are not built.
var errVars = errors.New("kustomization uses vars")

// modernize rewrites a kustomization the way `kustomize edit fix` does, so
// the library finds no deprecated field to warn about on standard error,
// and with origins asks it to record where each object comes from (the
// folders it includes inherit that).
func modernize(data []byte, origins bool) ([]byte, error) {
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
	if origins && !slices.Contains(k.BuildMetadata, types.OriginAnnotations) {
		k.BuildMetadata = append(k.BuildMetadata, types.OriginAnnotations)
	}
	// JSON is YAML, and the field names are kustomize's own.
	return json.Marshal(&k)
}

// build runs kustomize on one folder and writes the objects it makes.
func build(mfs *memFS, k *kzDir, chain []*kzDir, sources map[string][]byte) (*rendered, error) {
	for _, c := range chain {
		data, err := modernize(sources[c.path], c == k)
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

// runKustomize turns a panic inside the library into an error: a
// learner's folder must never stop the lint.
func runKustomize(fsys filesys.FileSystem, dir string) (m resmap.ResMap, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, err = nil, fmt.Errorf("%v", p)
		}
	}()
	opt := krusty.MakeDefaultOptions()
	// with no order asked for, the library logs nothing about sortOptions
	opt.Reorder = krusty.ReorderOptionUnspecified
	// The file system holds only the files given, so the restriction to a
	// kustomization's own folder protects nothing here; without it a
	// resource file shared by sibling folders builds as its authors meant.
	opt.LoadRestrictions = types.LoadRestrictionsNone
	return krusty.MakeKustomizer(opt).Run(fsys, dir)
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
