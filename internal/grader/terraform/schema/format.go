// Package schema holds the embedded provider schema the Terraform checks
// compare modules with, and the compact format it is stored in.
//
// The data is generated from the real provider (go run ./tools/tfschema) and
// is large, while a lint touches a handful of resource types. So each
// resource type and data source is compressed on its own, against one shared
// dictionary, behind an index of names: opening the data reads the index
// only, and a type is decompressed the first time a module uses it.
//
// Layout of a file: the magic line, then a uvarint length and the
// DEFLATE-compressed index (provider address, version, and for resources then
// data sources a count followed by name and entry length pairs), then a
// uvarint length and the dictionary, then the entries back to back, each
// DEFLATE-compressed compact JSON of a Block using the dictionary.
package schema

import (
	"bufio"
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

//go:embed aws.bin
var awsData []byte

// AWS opens the embedded hashicorp/aws schema; only the index is read.
func AWS() (*Provider, error) { return Open(awsData) }

const magic = "iactutor provider schema 1\n"

// Attribute flags, one bit each.
const (
	FlagRequired = 1 << iota
	FlagOptional
	FlagComputed
	FlagSensitive
	FlagDeprecated
)

// Attr is one attribute: its cty type as cty's JSON type notation, and flags.
type Attr struct {
	Type  json.RawMessage `json:"t"`
	Flags uint8           `json:"f,omitempty"`
}

// Block is the body of a resource, data source or nested block.
type Block struct {
	Attrs      map[string]Attr    `json:"a,omitempty"`
	Blocks     map[string]*Nested `json:"b,omitempty"`
	Deprecated bool               `json:"d,omitempty"`
}

// Nested is a nested block type: its nesting mode (single, group, list, set,
// map) and how many times it may appear (MaxItems 0 means no limit).
type Nested struct {
	Block
	Mode     string `json:"m"`
	MinItems int    `json:"n,omitempty"`
	MaxItems int    `json:"x,omitempty"`
}

// Data is a whole provider schema, what the generator writes.
type Data struct {
	Provider    string
	Version     string
	Resources   map[string]*Block
	DataSources map[string]*Block
}

type span struct{ off, n int }

// Provider is an opened schema file: the index is read, the entries are not.
type Provider struct {
	Provider, Version string
	ResourceNames     []string // sorted
	DataSourceNames   []string // sorted
	res, data         map[string]span
	dict, body        []byte
}

// Encode writes d in the file format. The output depends only on d.
func Encode(d *Data) ([]byte, error) {
	resNames, dataNames := sortedNames(d.Resources), sortedNames(d.DataSources)
	raw := func(names []string, m map[string]*Block) ([][]byte, error) {
		out := make([][]byte, len(names))
		for i, n := range names {
			b, err := json.Marshal(m[n])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", n, err)
			}
			out[i] = b
		}
		return out, nil
	}
	resRaw, err := raw(resNames, d.Resources)
	if err != nil {
		return nil, err
	}
	dataRaw, err := raw(dataNames, d.DataSources)
	if err != nil {
		return nil, err
	}
	dict := buildDict(append(append([][]byte{}, resRaw...), dataRaw...))
	var body bytes.Buffer
	var index bytes.Buffer
	putString(&index, d.Provider)
	putString(&index, d.Version)
	for i, group := range [][][]byte{resRaw, dataRaw} {
		names := resNames
		if i == 1 {
			names = dataNames
		}
		putUvarint(&index, uint64(len(group)))
		for j, r := range group {
			c, err := deflate(r, dict)
			if err != nil {
				return nil, err
			}
			putString(&index, names[j])
			putUvarint(&index, uint64(len(c)))
			body.Write(c)
		}
	}
	ci, err := deflate(index.Bytes(), nil)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteString(magic)
	putUvarint(&out, uint64(len(ci)))
	out.Write(ci)
	putUvarint(&out, uint64(len(dict)))
	out.Write(dict)
	out.Write(body.Bytes())
	return out.Bytes(), nil
}

// buildDict picks the shared dictionary: DEFLATE looks back 32 KiB, so the
// dictionary is the most common attribute entries (name, type and flags
// together), the most frequent last so they sit closest to the data.
func buildDict(entries [][]byte) []byte {
	count := map[string]int{}
	for _, e := range entries {
		var b Block
		if json.Unmarshal(e, &b) == nil {
			countFragments(&b, count)
		}
	}
	type frag struct {
		s string
		n int
	}
	var fs []frag
	for s, n := range count {
		if n > 1 {
			fs = append(fs, frag{s, n * len(s)})
		}
	}
	sort.Slice(fs, func(i, j int) bool {
		if fs[i].n != fs[j].n {
			return fs[i].n > fs[j].n
		}
		return fs[i].s < fs[j].s
	})
	var picked []string
	size := 0
	for _, f := range fs {
		if size+len(f.s) > 32*1024 {
			break
		}
		picked = append(picked, f.s)
		size += len(f.s)
	}
	var dict bytes.Buffer
	for i := len(picked) - 1; i >= 0; i-- {
		dict.WriteString(picked[i])
	}
	return dict.Bytes()
}

func countFragments(b *Block, count map[string]int) {
	for name, a := range b.Attrs {
		one, _ := json.Marshal(map[string]Attr{name: a})
		count[string(one[1:len(one)-1])]++
	}
	for name, nb := range b.Blocks {
		count[`"`+name+`":{`]++
		countFragments(&nb.Block, count)
	}
}

// Open reads the index of a schema file.
func Open(data []byte) (*Provider, error) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("not a provider schema file")
	}
	rest := data[len(magic):]
	ci, rest, err := takeChunk(rest)
	if err != nil {
		return nil, err
	}
	dict, body, err := takeChunk(rest)
	if err != nil {
		return nil, err
	}
	index, err := inflate(ci, nil)
	if err != nil {
		return nil, fmt.Errorf("schema index: %w", err)
	}
	r := bytes.NewReader(index)
	p := &Provider{res: map[string]span{}, data: map[string]span{}, dict: dict, body: body}
	if p.Provider, err = getString(r); err != nil {
		return nil, err
	}
	if p.Version, err = getString(r); err != nil {
		return nil, err
	}
	off := 0
	for i := range 2 {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(len(index)) {
			return nil, errors.New("schema index: bad count")
		}
		m, names := p.res, &p.ResourceNames
		if i == 1 {
			m, names = p.data, &p.DataSourceNames
		}
		*names = make([]string, 0, n)
		for range n {
			name, err := getString(r)
			if err != nil {
				return nil, err
			}
			size, err := binary.ReadUvarint(r)
			if err != nil || size > uint64(len(body)-off) {
				return nil, errors.New("schema index: bad entry length")
			}
			m[name] = span{off, int(size)}
			*names = append(*names, name)
			off += int(size)
		}
	}
	return p, nil
}

// Resource decodes one resource type; ok is false when there is none.
func (p *Provider) Resource(name string) (b *Block, ok bool, err error) {
	return p.decode(p.res, name)
}

// DataSource decodes one data source; ok is false when there is none.
func (p *Provider) DataSource(name string) (b *Block, ok bool, err error) {
	return p.decode(p.data, name)
}

func (p *Provider) decode(m map[string]span, name string) (*Block, bool, error) {
	s, ok := m[name]
	if !ok {
		return nil, false, nil
	}
	raw, err := inflate(p.body[s.off:s.off+s.n], p.dict)
	if err != nil {
		return nil, true, fmt.Errorf("schema of %s: %w", name, err)
	}
	var b Block
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, true, fmt.Errorf("schema of %s: %w", name, err)
	}
	return &b, true, nil
}

func deflate(b, dict []byte) ([]byte, error) {
	var out bytes.Buffer
	w, err := flate.NewWriterDict(&out, flate.BestCompression, dict)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func inflate(b, dict []byte) ([]byte, error) {
	r := flate.NewReaderDict(bytes.NewReader(b), dict)
	defer r.Close()
	return io.ReadAll(bufio.NewReader(r))
}

func takeChunk(b []byte) (chunk, rest []byte, err error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, errors.New("schema file is truncated")
	}
	return b[k : k+int(n)], b[k+int(n):], nil
}

func putUvarint(w *bytes.Buffer, n uint64) {
	w.Write(binary.AppendUvarint(nil, n))
}

func putString(w *bytes.Buffer, s string) {
	putUvarint(w, uint64(len(s)))
	w.WriteString(s)
}

func getString(r *bytes.Reader) (string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(r.Len()) {
		return "", errors.New("schema index: bad string")
	}
	b := make([]byte, n)
	_, _ = r.Read(b)
	return string(b), nil
}

func sortedNames(m map[string]*Block) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
