// Package msg holds every sentence iactutor shows a person, as keyed messages
// in one catalog per language, and the printers that put a message into
// words. Validators and graders build Texts (a key and named arguments) and
// never choose a language; presenters hold a Printer and render. A new
// language is a new catalog file: no Go code changes.
package msg

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Default is the language every catalog must be complete in, and the one a
// message falls back to when a translation lacks it.
const Default = "en"

// Args are a message's named arguments, referred to in the catalog as
// {{.Name}}. An argument that is itself a Text is rendered in the printer's
// language first. The argument "Count" also picks the plural form.
type Args map[string]any

// Text is a message that has not been put into words yet. The zero Text is
// empty and renders as "".
type Text struct {
	// Key names the message in the catalog; empty for a plain text.
	Key string
	// Args fill the message's placeholders.
	Args Args
	// plain is text that is the same in every language: what another tool
	// said (HCL's diagnostics, the API server's message) or a learner's value.
	plain string
	// own holds the translations of course content (a check's message, a
	// hint), which lives in the course files rather than in the catalog.
	own map[string]string
}

// New makes a keyed message.
func New(key string, args Args) Text { return Text{Key: key, Args: args} }

// Plain wraps text that no catalog translates.
func Plain(s string) Text { return Text{plain: s} }

// Translated wraps content that carries its own translations by language
// code (course files); a printer picks its language, else the default one.
func Translated(byLang map[string]string) Text { return Text{own: byLang} }

// Map returns t with f applied to every piece of text it carries other
// than the catalog's own words: its plain text, its translations and its
// string arguments. Graders use it to replace a temporary folder's path.
func (t Text) Map(f func(string) string) Text {
	out := Text{Key: t.Key, plain: f(t.plain)}
	if t.own != nil {
		out.own = make(map[string]string, len(t.own))
		for k, v := range t.own {
			out.own[k] = f(v)
		}
	}
	if t.Args != nil {
		out.Args = make(Args, len(t.Args))
		for k, v := range t.Args {
			switch v := v.(type) {
			case string:
				out.Args[k] = f(v)
			case Text:
				out.Args[k] = v.Map(f)
			default:
				out.Args[k] = v
			}
		}
	}
	return out
}

// IsZero reports whether the text says nothing.
func (t Text) IsZero() bool { return t.Key == "" && t.plain == "" && t.own[Default] == "" }

// PlainText returns the verbatim text of a Plain message ("" for a keyed one).
func (t Text) PlainText() string { return t.plain }

// Compare orders texts without rendering them, so that sorting diagnostics
// does not depend on the language they will be shown in.
func Compare(a, b Text) int {
	if c := strings.Compare(a.Key, b.Key); c != 0 {
		return c
	}
	if c := strings.Compare(a.plain, b.plain); c != 0 {
		return c
	}
	if c := strings.Compare(a.own[Default], b.own[Default]); c != 0 {
		return c
	}
	return strings.Compare(argString(a.Args), argString(b.Args))
}

// Identity is a string equal for two texts exactly when they say the same
// thing in every language, for de-duplicating without rendering.
func (t Text) Identity() string {
	return t.Key + "\x00" + t.plain + "\x00" + t.own[Default] + "\x00" + argString(t.Args)
}

func argString(a Args) string {
	if len(a) == 0 {
		return ""
	}
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(a)) {
		fmt.Fprintf(&b, "%s=%v;", k, a[k])
	}
	return b.String()
}

//go:embed locales/*.yaml
var embedded embed.FS

// Catalog is the set of message files: one per language, LANG.yaml (a
// language may also be split into NAME.LANG.yaml files). Languages are parsed when a printer first asks for them, so
// a command pays only for the languages it speaks.
type Catalog struct {
	fsys  fs.FS
	files map[string][]string // language → file paths

	mu      sync.Mutex
	bundles map[string]*i18n.Bundle
	// empty holds, per language, the keys translated as "": the message says
	// nothing in that language (go-i18n would drop it and fall back).
	empty map[string]map[string]bool

	// parsed keeps each file's messages, so course check (which reads the
	// raw messages and renders with a printer) parses a file once.
	pmu    sync.Mutex
	parsed map[string][]*i18n.Message
}

// Files are the catalog files shipped in the binary, for tools and tests
// that build a catalog of their own from them.
func Files() fs.FS { return embedded }

// Builtin is the catalog shipped in the binary. Its files are tested, so an
// error here means a broken build; callers report it and exit.
func Builtin() (*Catalog, error) {
	c, err := Load(embedded)
	if err != nil {
		return nil, fmt.Errorf("the built-in message catalog: %w", err)
	}
	return c, nil
}

// Load reads the catalog files of fsys (any folder depth); it fails when
// there is no file for the default language.
func Load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{fsys: fsys, files: map[string][]string{}, bundles: map[string]*i18n.Bundle{}, empty: map[string]map[string]bool{}, parsed: map[string][]*i18n.Message{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".yaml" {
			return nil
		}
		// LANG.yaml, or NAME.LANG.yaml when a language is split by domain.
		base := strings.TrimSuffix(path.Base(p), ".yaml")
		lang := base[strings.LastIndexByte(base, '.')+1:]
		if _, err := language.Parse(lang); err != nil {
			return fmt.Errorf("%s: %q is not a language tag: %w", p, lang, err)
		}
		c.files[lang] = append(c.files[lang], p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the message catalog: %w", err)
	}
	if len(c.files[Default]) == 0 {
		return nil, fmt.Errorf("the message catalog has no %q file", Default)
	}
	return c, nil
}

// Languages lists the languages that have a catalog, sorted.
func (c *Catalog) Languages() []string { return slices.Sorted(maps.Keys(c.files)) }

// Has reports whether lang has a catalog.
func (c *Catalog) Has(lang string) bool { return len(c.files[lang]) > 0 }

// Messages returns every key of lang with its raw (unrendered) text, for
// tests and for authors checking a translation.
func (c *Catalog) Messages(lang string) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range c.files[lang] {
		m, err := c.parse(p)
		if err != nil {
			return nil, err
		}
		for _, e := range m {
			if _, dup := out[e.ID]; dup {
				return nil, fmt.Errorf("%s: key %q is defined twice", p, e.ID)
			}
			out[e.ID] = e.Other
		}
	}
	return out, nil
}

func (c *Catalog) parse(p string) ([]*i18n.Message, error) {
	c.pmu.Lock()
	defer c.pmu.Unlock()
	if ms, ok := c.parsed[p]; ok {
		return ms, nil
	}
	ms, err := c.parseFile(p)
	if err == nil {
		c.parsed[p] = ms
	}
	return ms, err
}

func (c *Catalog) parseFile(p string) ([]*i18n.Message, error) {
	b, err := fs.ReadFile(c.fsys, p)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, err)
	}
	raw, err := parseEntries(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	out := make([]*i18n.Message, 0, len(raw))
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		m, err := message(k, raw[k])
		if err != nil {
			return nil, fmt.Errorf("%s: key %q: %w", p, k, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// message reads one entry: a string, or a map of plural forms
// (one, other, …) for messages that count something.
func message(id string, v any) (*i18n.Message, error) {
	switch v := v.(type) {
	case string:
		return &i18n.Message{ID: id, Other: v}, nil
	case map[string]any:
		m := &i18n.Message{ID: id}
		for form, s := range v {
			str, ok := s.(string)
			if !ok {
				return nil, fmt.Errorf("plural form %q is not a string", form)
			}
			switch form {
			case "zero":
				m.Zero = str
			case "one":
				m.One = str
			case "two":
				m.Two = str
			case "few":
				m.Few = str
			case "many":
				m.Many = str
			case "other":
				m.Other = str
			default:
				return nil, fmt.Errorf("%q is not a plural form", form)
			}
		}
		if m.Other == "" {
			return nil, fmt.Errorf("a plural message needs an \"other\" form")
		}
		return m, nil
	}
	return nil, fmt.Errorf("want a string or plural forms, got %T", v)
}

// bundle returns the parsed messages of lang, parsing them on first use.
func (c *Catalog) bundle(lang string) (*i18n.Bundle, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.bundles[lang]; ok {
		return b, nil
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, fmt.Errorf("language %q: %w", lang, err)
	}
	b := i18n.NewBundle(tag)
	empty := map[string]bool{}
	for _, p := range c.files[lang] {
		ms, err := c.parse(p)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.Other == "" && m.One == "" {
				empty[m.ID] = true
			}
		}
		if err := b.AddMessages(tag, ms...); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	c.bundles[lang] = b
	c.empty[lang] = empty
	return b, nil
}

// Printer puts messages into words in one language, falling back to the
// default language for a message its catalog lacks.
type Printer struct {
	lang  string
	main  *i18n.Localizer
	empty map[string]bool
	// fallback is parsed only when a message is missing, which the catalog
	// tests make rare: most runs never pay for a second language.
	fallback func() *i18n.Localizer
}

// Printer returns a printer for lang, which must have a catalog.
func (c *Catalog) Printer(lang string) (*Printer, error) {
	if !c.Has(lang) {
		return nil, &UnknownLanguageError{Lang: lang, Known: c.Languages()}
	}
	b, err := c.bundle(lang)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	empty := c.empty[lang]
	c.mu.Unlock()
	p := &Printer{lang: lang, main: i18n.NewLocalizer(b, lang), empty: empty}
	if lang == Default {
		p.fallback = func() *i18n.Localizer { return p.main }
		return p, nil
	}
	p.fallback = sync.OnceValue(func() *i18n.Localizer {
		fb, err := c.bundle(Default)
		if err != nil {
			// Load checked the default file exists; a parse error here
			// leaves the message as its bracketed key.
			return nil
		}
		return i18n.NewLocalizer(fb, Default)
	})
	return p, nil
}

// UnknownLanguageError says which languages exist when another is asked for.
type UnknownLanguageError struct {
	Lang  string
	Known []string
}

func (e *UnknownLanguageError) Error() string {
	return fmt.Sprintf("no catalog for language %q (have %s)", e.Lang, strings.Join(e.Known, ", "))
}

// Lang is the printer's language code, for content files that carry their
// own translations (lessons, tasks).
func (p *Printer) Lang() string { return p.lang }

// Text renders t. A key missing from every catalog renders as the key in
// brackets, which the catalog tests make impossible for shipped code.
func (p *Printer) Text(t Text) string {
	if t.Key == "" {
		if t.own != nil {
			if s := t.own[p.lang]; s != "" {
				return s
			}
			return t.own[Default]
		}
		return t.plain
	}
	if p.empty[t.Key] {
		return ""
	}
	var data map[string]any
	var count any
	if len(t.Args) > 0 {
		data = make(map[string]any, len(t.Args))
		for k, v := range t.Args {
			if tv, ok := v.(Text); ok {
				v = p.Text(tv)
			}
			data[k] = v
		}
		count = t.Args["Count"]
	}
	cfg := &i18n.LocalizeConfig{MessageID: t.Key, TemplateData: data, PluralCount: count}
	s, err := p.main.Localize(cfg)
	if err == nil {
		return s
	}
	if fb := p.fallback(); fb != nil {
		if s, err := fb.Localize(cfg); err == nil {
			return s
		}
	}
	return "[" + t.Key + "]"
}

// S renders the message key with args; a shorthand for Text(New(key, args)).
func (p *Printer) S(key string, args Args) string { return p.Text(New(key, args)) }

// Join renders texts and joins them with sep.
func (p *Printer) Join(ts []Text, sep string) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = p.Text(t)
	}
	return strings.Join(out, sep)
}

// Error is an error that a person reads: its words are a catalog message,
// so a command shows it in the reader's language. Cause keeps the
// underlying error for errors.Is and errors.As.
type Error struct {
	Text  Text
	Cause error
	// Kind is a sentinel that errors.Is finds but that is not shown: the
	// Text already says it.
	Kind error
}

// Errorf makes an Error from a key, its arguments and an optional cause.
func Errorf(key string, args Args, cause error) *Error {
	return &Error{Text: New(key, args), Cause: cause}
}

// Error gives a language-free form for logs; people see Printer.Error.
func (e *Error) Error() string {
	s := e.Text.Key + e.Text.plain
	if len(e.Text.Args) > 0 {
		s += " {" + argString(e.Text.Args) + "}"
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap exposes the cause and the kind to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	var out []error
	for _, err := range []error{e.Cause, e.Kind} {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

// Error words err for a person: an Error anywhere in the chain is rendered
// in the printer's language with its cause; the common causes from the
// operating system (a missing file, a refused permission) are worded by the
// catalog too, and any other error keeps its own text.
func (p *Printer) Error(err error) string {
	var me *Error
	if !errors.As(err, &me) {
		return p.cause(err)
	}
	s := p.Text(me.Text)
	if me.Cause != nil {
		s += ": " + p.Error(me.Cause)
	}
	return s
}

func (p *Printer) cause(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return p.S("error.not-exist", nil)
	case errors.Is(err, fs.ErrPermission):
		return p.S("error.permission", nil)
	case errors.Is(err, fs.ErrExist):
		return p.S("error.exist", nil)
	}
	return err.Error()
}
