package terraform

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// awsSchemaJSON is a trimmed schema of the AWS provider: the resource types
// and data sources the course touches, written by hand as data so it can be
// reviewed and extended without touching code.
//
//go:embed schema/aws.json
var awsSchemaJSON []byte

// argSpec is one argument or exported attribute.
type argSpec struct {
	Type      cty.Type
	Required  bool
	Optional  bool // settable; false for computed-only attributes
	Computed  bool
	Sensitive bool
}

// blockSchema is the body of a resource, data source or nested block.
type blockSchema struct {
	Args   map[string]*argSpec
	Blocks map[string]*nestedSchema
	// required and minBlocks list, sorted, the arguments and block types
	// that must appear.
	required  []string
	minBlocks []string
}

// nestedSchema is a nested block type with how many times it may appear
// (Max 0 means no limit).
type nestedSchema struct {
	blockSchema
	Min, Max int
}

// providerSchema is the parsed aws.json.
type providerSchema struct {
	Provider    string
	Version     string
	Resources   map[string]*blockSchema
	DataSources map[string]*blockSchema
	resNames    []string
	dataNames   []string
}

// wire shapes of aws.json
type wireProvider struct {
	Provider    string               `json:"provider"`
	Version     string               `json:"version"`
	Resources   map[string]wireBlock `json:"resources"`
	DataSources map[string]wireBlock `json:"data_sources"`
	Comment     json.RawMessage      `json:"comment"`
}

type wireBlock struct {
	Args   map[string]string    `json:"args"`
	Attrs  map[string]string    `json:"attrs"`
	Blocks map[string]wireBlock `json:"blocks"`
	Min    int                  `json:"min"`
	Max    int                  `json:"max"`
}

// awsSchema parses the embedded schema once; the result is never modified.
var awsSchema = sync.OnceValues(func() (*providerSchema, error) {
	return parseSchema(awsSchemaJSON)
})

func parseSchema(data []byte) (*providerSchema, error) {
	var w wireProvider
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("reading the embedded provider schema: %w", err)
	}
	ps := &providerSchema{Provider: w.Provider, Version: w.Version,
		Resources: map[string]*blockSchema{}, DataSources: map[string]*blockSchema{}}
	for name, wb := range w.Resources {
		b, err := convertBlock(wb)
		if err != nil {
			return nil, fmt.Errorf("resource %s: %w", name, err)
		}
		ps.Resources[name] = b
	}
	for name, wb := range w.DataSources {
		b, err := convertBlock(wb)
		if err != nil {
			return nil, fmt.Errorf("data source %s: %w", name, err)
		}
		ps.DataSources[name] = b
	}
	ps.resNames = sortedKeys(ps.Resources)
	ps.dataNames = sortedKeys(ps.DataSources)
	return ps, nil
}

func convertBlock(wb wireBlock) (*blockSchema, error) {
	b := &blockSchema{Args: map[string]*argSpec{}, Blocks: map[string]*nestedSchema{}}
	for name, s := range wb.Args {
		a, err := parseArgSpec(s, true)
		if err != nil {
			return nil, fmt.Errorf("argument %s: %w", name, err)
		}
		b.Args[name] = a
	}
	for name, s := range wb.Attrs {
		if _, dup := b.Args[name]; dup {
			return nil, fmt.Errorf("attribute %s is also an argument", name)
		}
		a, err := parseArgSpec(s, false)
		if err != nil {
			return nil, fmt.Errorf("attribute %s: %w", name, err)
		}
		b.Args[name] = a
	}
	for name, nb := range wb.Blocks {
		c, err := convertBlock(nb)
		if err != nil {
			return nil, fmt.Errorf("block %s: %w", name, err)
		}
		b.Blocks[name] = &nestedSchema{blockSchema: *c, Min: nb.Min, Max: nb.Max}
		if nb.Min > 0 {
			b.minBlocks = append(b.minBlocks, name)
		}
	}
	for name, a := range b.Args {
		if a.Required {
			b.required = append(b.required, name)
		}
	}
	sortStrings(b.required)
	sortStrings(b.minBlocks)
	return b, nil
}

// parseArgSpec reads "TYPE [required|computed] [sensitive]". Arguments are
// optional unless marked required; "computed" on an argument means the
// provider fills it in when it is not set. Attributes are computed only.
func parseArgSpec(s string, settable bool) (*argSpec, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty specification")
	}
	ty, err := parseType(fields[0])
	if err != nil {
		return nil, err
	}
	a := &argSpec{Type: ty, Optional: settable, Computed: !settable}
	for _, f := range fields[1:] {
		switch f {
		case "required":
			a.Required, a.Optional = true, false
		case "computed":
			a.Computed = true
		case "sensitive":
			a.Sensitive = true
		default:
			return nil, fmt.Errorf("unknown flag %q", f)
		}
	}
	return a, nil
}

func parseType(s string) (cty.Type, error) {
	expr, diags := hclsyntax.ParseExpression([]byte(s), "schema", hcl.InitialPos)
	if diags.HasErrors() {
		return cty.NilType, fmt.Errorf("type %q: %w", s, diags)
	}
	ty, diags := typeexpr.TypeConstraint(expr)
	if diags.HasErrors() {
		return cty.NilType, fmt.Errorf("type %q: %w", s, diags)
	}
	return ty, nil
}

// hasAttribute reports whether name can follow a resource address.
func (b *blockSchema) hasAttribute(name string) bool {
	if _, ok := b.Args[name]; ok {
		return true
	}
	_, ok := b.Blocks[name]
	return ok || name == "id"
}

// attributeNames lists what can follow a resource address: arguments,
// exported attributes and nested block names, plus "id" which every
// resource has.
func (b *blockSchema) attributeNames() []string {
	names := make([]string, 0, len(b.Args)+len(b.Blocks)+1)
	for n := range b.Args {
		names = append(names, n)
	}
	for n := range b.Blocks {
		names = append(names, n)
	}
	if _, ok := b.Args["id"]; !ok {
		names = append(names, "id")
	}
	return sortStrings(names)
}

// settableNames lists the arguments and blocks a learner may write.
func (b *blockSchema) settableNames() []string {
	var names []string
	for n, a := range b.Args {
		if a.Optional || a.Required {
			names = append(names, n)
		}
	}
	for n := range b.Blocks {
		names = append(names, n)
	}
	return sortStrings(names)
}
