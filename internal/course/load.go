package course

import (
	"cmp"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
)

// Source is where a course comes from: a tree with lessons/ and exercises/.
type Source struct {
	// FS holds lessons/ and exercises/ at its root.
	FS fs.FS
	// Root is prefixed to file names in diagnostics (the --course folder, or
	// "" for the embedded course) so messages name a path the author can open.
	Root string
}

// RuleContent is the rule ID of every course-loading diagnostic.
const RuleContent = "course/content"

var numbered = regexp.MustCompile(`^(\d+)-([a-z0-9][a-z0-9-]*)$`)

// Load reads the whole course. It never stops at the first problem: every
// broken file becomes a diagnostic and the rest still loads, so `course check`
// can report everything at once.
func Load(src Source) (*Course, diag.Diagnostics) {
	l := &loader{src: src}
	c := &Course{}
	c.Lessons = l.lessons()
	c.Exercises = l.exercises()
	c.Module = l.module()
	c.Glossary = l.glossary()
	sortExercises(c)
	l.ds.Sort()
	return c, l.ds
}

type loader struct {
	src Source
	ds  diag.Diagnostics
	// langs are the languages validation requires.
	langs []string
}

func (l *loader) name(p string) string {
	if l.src.Root == "" {
		return p
	}
	return filepath.Join(l.src.Root, filepath.FromSlash(p))
}

// fail reports a problem with the course at a file and line, in words of
// the catalog (keys course.*).
func (l *loader) fail(file string, line int, key string, args msg.Args) {
	l.report(file, line, msg.New(key, args))
}

func (l *loader) report(file string, line int, t msg.Text) {
	l.ds = append(l.ds, diag.Diagnostic{
		Severity: diag.SeverityError,
		Summary:  t,
		Subject:  diag.Point(l.name(file), line, 1),
		Rule:     RuleContent,
	})
}

func (l *loader) readFile(p string) ([]byte, bool) {
	b, err := fs.ReadFile(l.src.FS, p)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fail(p, 0, "course.cannot-read", msg.Args{"File": path.Base(p), "Err": err.Error()})
		}
		return nil, false
	}
	return b, true
}

// numberedDirs lists NN-slug folders of dir in numeric order.
func (l *loader) numberedDirs(dir string) []string {
	entries, err := fs.ReadDir(l.src.FS, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fail(dir, 0, "course.cannot-read-folder", msg.Args{"Err": err.Error()})
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if !numbered.MatchString(e.Name()) {
			l.fail(path.Join(dir, e.Name()), 0, "course.folder-name", msg.Args{"Name": e.Name()})
			continue
		}
		out = append(out, e.Name())
	}
	slices.SortStableFunc(out, func(a, b string) int { return orderOf(a) - orderOf(b) })
	return out
}

func orderOf(dir string) int {
	m := numbered.FindStringSubmatch(dir)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func slugOf(dir string) string {
	m := numbered.FindStringSubmatch(dir)
	if m == nil {
		return dir
	}
	return m[2]
}

func (l *loader) lessons() []*Lesson {
	var out []*Lesson
	for _, d := range l.numberedDirs("lessons") {
		dir := path.Join("lessons", d)
		les := &Lesson{ID: slugOf(d), Order: orderOf(d), Dir: dir, Title: Text{}, Body: Text{}}
		for lang, p := range l.contentFiles(dir, "lesson") {
			b, ok := l.readFile(p)
			if !ok {
				continue
			}
			les.Body[lang] = string(b)
			les.Title[lang] = firstHeading(string(b))
		}
		if les.Body[DefaultLang] == "" {
			l.fail(dir, 0, "course.lesson-no-file", msg.Args{"Lesson": les.ID, "File": langFile("lesson", DefaultLang)})
		}
		cpFile := path.Join(dir, "checkpoint.yaml")
		if b, ok := l.readFile(cpFile); ok {
			les.Checkpoint = l.checkpoint(cpFile, b)
		}
		out = append(out, les)
	}
	return out
}

// langFile names a content file in one language: base.md for the default
// language, base.LANG.md for any other ("lesson.es.md", "task.qaa.md").
func langFile(base, lang string) string {
	if lang == DefaultLang {
		return base + ".md"
	}
	return base + "." + lang + ".md"
}

// contentFiles finds the translations of a content file in dir by
// language: base.md is the default language and base.LANG.md is LANG, for
// any language code, so a new language needs only new files.
func (l *loader) contentFiles(dir, base string) map[string]string {
	entries, err := fs.ReadDir(l.src.FS, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fail(dir, 0, "course.cannot-read-folder", msg.Args{"Err": err.Error()})
		}
		return nil
	}
	out := map[string]string{}
	for _, e := range entries {
		lang, ok := fileLang(e.Name(), base)
		if !ok || e.IsDir() {
			continue
		}
		p := path.Join(dir, e.Name())
		if prev, dup := out[lang]; dup {
			l.fail(p, 0, "course.language-file-twice", msg.Args{"File": e.Name(), "Other": path.Base(prev), "Lang": lang})
			continue
		}
		out[lang] = p
	}
	return out
}

// fileLang returns the language of base.md or base.LANG.md.
func fileLang(name, base string) (string, bool) {
	if name == base+".md" {
		return DefaultLang, true
	}
	rest, ok := strings.CutPrefix(name, base+".")
	if !ok {
		return "", false
	}
	lang, ok := strings.CutSuffix(rest, ".md")
	if !ok || !isLangCode(lang) {
		return "", false
	}
	return lang, true
}

// firstHeading returns the text of the first "# " line, the lesson's title.
func firstHeading(md string) string {
	for _, line := range strings.Split(md, "\n") {
		if t, ok := strings.CutPrefix(strings.TrimSpace(line), "# "); ok {
			return strings.TrimSpace(t)
		}
	}
	return ""
}

// decodeStrict decodes YAML refusing unknown fields, turning yaml's errors
// into diagnostics at their line. It parses once and returns the document
// node so callers can find the lines of list items.
func (l *loader) decodeStrict(file string, b []byte, v any) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		l.yamlError(file, b, err)
		return nil, false
	}
	if len(doc.Content) == 0 {
		return &doc, true
	}
	unknown := unknownFields(doc.Content[0], reflect.TypeOf(v))
	for _, u := range unknown {
		l.fail(file, u.Line, "course.unknown-field", msg.Args{"Field": u.Value, "Type": u.where})
	}
	if len(unknown) > 0 {
		return nil, false
	}
	if err := doc.Content[0].Decode(v); err != nil {
		l.yamlError(file, b, err)
		return nil, false
	}
	return &doc, true
}

type unknownKey struct {
	*yaml.Node
	where string
}

// unknownFields walks a node against the Go type it will decode into and
// lists mapping keys that no field takes, which yaml's node decoding would
// silently drop. Types with their own UnmarshalYAML are trusted.
func unknownFields(n *yaml.Node, t reflect.Type) []unknownKey {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode || reflect.PointerTo(t).Implements(reflect.TypeFor[yaml.Unmarshaler]()) {
		return nil
	}
	var out []unknownKey
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := map[string]reflect.Type{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			fields[name] = f.Type
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			ft, ok := fields[n.Content[i].Value]
			if !ok {
				out = append(out, unknownKey{n.Content[i], t.Name()})
				continue
			}
			out = append(out, unknownFields(n.Content[i+1], ft)...)
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			out = append(out, unknownFields(c, t.Elem())...)
		}
	case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			out = append(out, unknownFields(n.Content[i+1], t.Elem())...)
		}
	}
	return out
}

var lineRE = regexp.MustCompile(`line (\d+): (.*)`)

// yamlError reports the YAML parser's own messages verbatim, and the
// course's text errors in the catalog's words.
func (l *loader) yamlError(file string, src []byte, err error) {
	var txe *textError
	if errors.As(err, &txe) {
		l.report(file, txe.line, txe.message)
		return
	}
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		line := 0
		if sm := lineRE.FindStringSubmatch(m); sm != nil {
			line, _ = strconv.Atoi(sm[1])
			m = sm[2]
		}
		m = strings.TrimPrefix(m, "yaml: ")
		if strings.Contains(m, "tab character") {
			line = tabLine(src, line)
		}
		l.report(file, line, msg.Plain(m))
	}
}

// seqItems returns the items of the sequence under key in the document's
// top mapping.
func seqItems(doc *yaml.Node, key string) []*yaml.Node {
	if doc == nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == key && top.Content[i+1].Kind == yaml.SequenceNode {
			return top.Content[i+1].Content
		}
	}
	return nil
}

// itemLines returns the line of each item of the sequence under key.
func itemLines(doc *yaml.Node, key string) []int {
	var out []int
	for _, it := range seqItems(doc, key) {
		out = append(out, it.Line)
	}
	return out
}

// keyLines returns, for each item of the sequence under list, the line of
// the value of its key (0 where the item lacks it).
func keyLines(doc *yaml.Node, list, key string) []int {
	var out []int
	for _, it := range seqItems(doc, list) {
		line := 0
		for j := 0; it.Kind == yaml.MappingNode && j+1 < len(it.Content); j += 2 {
			if it.Content[j].Value == key {
				line = it.Content[j+1].Line
			}
		}
		out = append(out, line)
	}
	return out
}

func (l *loader) checkpoint(file string, b []byte) *Checkpoint {
	cp := &Checkpoint{File: file}
	doc, ok := l.decodeStrict(file, b, cp)
	if !ok {
		return nil
	}
	lines := itemLines(doc, "questions")
	for i := range cp.Questions {
		if i < len(lines) {
			cp.Questions[i].Line = lines[i]
		}
	}
	return cp
}

func (l *loader) exercises() []*Exercise {
	var out []*Exercise
	for _, track := range []Track{Kubernetes, Terraform} {
		base := path.Join("exercises", string(track))
		for _, d := range l.numberedDirs(base) {
			dir := path.Join(base, d)
			file := path.Join(dir, "exercise.yaml")
			b, ok := l.readFile(file)
			if !ok {
				l.fail(dir, 0, "course.no-exercise-yaml", nil)
				continue
			}
			ex := &Exercise{}
			doc, ok := l.decodeStrict(file, b, ex)
			if !ok {
				continue
			}
			ex.Track, ex.Order, ex.Dir = track, orderOf(d), dir
			ex.CheckLines = itemLines(doc, "checks")
			ex.ExpectLines = keyLines(doc, "checks", "expect")
			// A tree that cannot be read is validation's to report.
			ex.StartFiles, _ = ex.ReadTree(l.src.FS, "start")
			ex.SolutionFiles, _ = ex.ReadTree(l.src.FS, "solution")
			ex.Task = Text{}
			for lang, p := range l.contentFiles(dir, "task") {
				if tb, ok := l.readFile(p); ok {
					ex.Task[lang] = string(tb)
				}
			}
			out = append(out, ex)
		}
	}
	return out
}

// StartFS and SolutionFS give an exercise's two file trees.
func (e *Exercise) StartFS(fsys fs.FS) (fs.FS, error) { return fs.Sub(fsys, path.Join(e.Dir, "start")) }

// SolutionFS is the reference solution's tree.
func (e *Exercise) SolutionFS(fsys fs.FS) (fs.FS, error) {
	return fs.Sub(fsys, path.Join(e.Dir, "solution"))
}

// tabLine finds the first line at or after from whose indentation holds a
// tab: the YAML parser reports where the enclosing block began, while the
// author needs the line with the tab.
func tabLine(src []byte, from int) int {
	for i, line := range strings.Split(string(src), "\n") {
		if i+1 >= from && strings.Contains(line[:len(line)-len(strings.TrimLeft(line, " \t"))], "\t") {
			return i + 1
		}
	}
	return from
}

// sortExercises puts exercises in the order a learner meets them: by their
// lesson's place in the course, then by their own number. Exercises of an
// unknown lesson go last (course check reports them).
func sortExercises(c *Course) {
	rank := map[string]int{}
	for i, l := range c.Lessons {
		rank[l.ID] = i
	}
	key := func(e *Exercise) int {
		if r, ok := rank[e.Lesson]; ok {
			return r
		}
		return len(c.Lessons)
	}
	slices.SortStableFunc(c.Exercises, func(a, b *Exercise) int {
		return cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a.Order, b.Order), cmp.Compare(a.ID, b.ID))
	})
}
