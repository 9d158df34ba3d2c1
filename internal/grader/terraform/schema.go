package terraform

import (
	"fmt"
	"sync"

	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/grader/terraform/schema"
)

// argSpec is one argument or exported attribute.
type argSpec struct {
	Type       cty.Type
	Required   bool
	Optional   bool // settable; false for computed-only attributes
	Computed   bool
	Sensitive  bool
	Deprecated bool
}

// blockSchema is the body of a resource, data source or nested block.
type blockSchema struct {
	Args   map[string]*argSpec
	Blocks map[string]*nestedSchema
	// required and minBlocks list, sorted, the arguments and block types
	// that must appear.
	required  []string
	minBlocks []string
	// Deprecated marks a resource type or nested block the provider will
	// drop; its arguments carry their own flag.
	Deprecated bool
}

// nestedSchema is a nested block type with how many times it may appear
// (Max 0 means no limit).
type nestedSchema struct {
	blockSchema
	Min, Max int
}

// providerSchema is the embedded schema of one provider. Resource types are
// decoded the first time a module uses them, so a lint that touches a few
// types never pays for the other two thousand; the checkers of one run share
// it from several goroutines, hence the sync.Map.
type providerSchema struct {
	Provider  string
	Version   string
	resNames  []string
	dataNames []string
	src       *schema.Provider
	res, data sync.Map // name → *blockSchema, or nil for a type that failed to decode
}

// awsSchema opens the embedded schema once (its index only); the result is
// never modified.
var awsSchema = sync.OnceValues(func() (*providerSchema, error) {
	p, err := schema.AWS()
	if err != nil {
		return nil, fmt.Errorf("reading the embedded provider schema: %w", err)
	}
	return &providerSchema{Provider: p.Provider, Version: p.Version,
		resNames: p.ResourceNames, dataNames: p.DataSourceNames, src: p}, nil
})

// resource is the schema of a resource type, nil when the provider has none.
// terraform_data belongs to Terraform's built-in provider, which every
// module has whatever its other providers.
func (ps *providerSchema) resource(typ string) *blockSchema {
	if typ == "terraform_data" {
		return terraformData
	}
	return ps.lookup(&ps.res, typ, ps.src.Resource)
}

// dataSource is the schema of a data source, nil when the provider has none.
func (ps *providerSchema) dataSource(typ string) *blockSchema {
	if typ == "terraform_remote_state" {
		return terraformRemoteState
	}
	return ps.lookup(&ps.data, typ, ps.src.DataSource)
}

// terraformData and terraformRemoteState are the built-in provider's
// types, as `terraform providers schema -json` prints them for
// terraform.io/builtin/terraform; nothing modifies them.
var (
	terraformData = &blockSchema{
		Args: map[string]*argSpec{
			"id":               {Type: cty.String, Computed: true},
			"input":            {Type: cty.DynamicPseudoType, Optional: true},
			"output":           {Type: cty.DynamicPseudoType, Computed: true},
			"triggers_replace": {Type: cty.DynamicPseudoType, Optional: true},
		},
		Blocks: map[string]*nestedSchema{},
	}
	terraformRemoteState = &blockSchema{
		Args: map[string]*argSpec{
			"backend":   {Type: cty.String, Required: true},
			"config":    {Type: cty.DynamicPseudoType, Optional: true},
			"defaults":  {Type: cty.DynamicPseudoType, Optional: true},
			"outputs":   {Type: cty.DynamicPseudoType, Computed: true},
			"workspace": {Type: cty.String, Optional: true},
		},
		Blocks:   map[string]*nestedSchema{},
		required: []string{"backend"},
	}
)

func (ps *providerSchema) lookup(cache *sync.Map, typ string, decode func(string) (*schema.Block, bool, error)) *blockSchema {
	if v, ok := cache.Load(typ); ok {
		return v.(*blockSchema)
	}
	if ps.src == nil {
		return nil
	}
	var out *blockSchema
	// A type that fails to decode is treated as unknown; the package tests
	// decode every entry, so this cannot ship.
	if wb, ok, err := decode(typ); ok && err == nil {
		out = convertBlock(wb)
	}
	v, _ := cache.LoadOrStore(typ, out)
	return v.(*blockSchema)
}

func convertBlock(wb *schema.Block) *blockSchema {
	b := &blockSchema{Args: make(map[string]*argSpec, len(wb.Attrs)), Blocks: make(map[string]*nestedSchema, len(wb.Blocks)),
		Deprecated: wb.Deprecated}
	for name, wa := range wb.Attrs {
		ty := cty.DynamicPseudoType
		if err := ty.UnmarshalJSON(wa.Type); err != nil {
			ty = cty.DynamicPseudoType
		}
		a := &argSpec{Type: ty, Required: wa.Flags&schema.FlagRequired != 0, Optional: wa.Flags&schema.FlagOptional != 0,
			Computed: wa.Flags&schema.FlagComputed != 0, Sensitive: wa.Flags&schema.FlagSensitive != 0,
			Deprecated: wa.Flags&schema.FlagDeprecated != 0}
		b.Args[name] = a
		if a.Required {
			b.required = append(b.required, name)
		}
	}
	for name, nb := range wb.Blocks {
		c := convertBlock(&nb.Block)
		b.Blocks[name] = &nestedSchema{blockSchema: *c, Min: nb.MinItems, Max: nb.MaxItems}
		if nb.MinItems > 0 {
			b.minBlocks = append(b.minBlocks, name)
		}
	}
	sortStrings(b.required)
	sortStrings(b.minBlocks)
	return b
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

// nested finds the block type name in b. Besides real nested blocks,
// Terraform lets an argument whose type is a list or set of objects be
// written as repeated blocks (providers built on the older SDK declare
// security group ingress rules that way), so such an argument yields a block
// schema made from its object type, every attribute optional.
func (b *blockSchema) nested(name string) (*nestedSchema, bool) {
	if ns, ok := b.Blocks[name]; ok {
		return ns, true
	}
	a, ok := b.Args[name]
	if !ok || !attrAsBlock(a) {
		return nil, false
	}
	obj := a.Type.ElementType()
	ns := &nestedSchema{blockSchema: blockSchema{Args: map[string]*argSpec{}, Blocks: map[string]*nestedSchema{}}}
	for an, at := range obj.AttributeTypes() {
		ns.Args[an] = &argSpec{Type: at, Optional: true}
	}
	return ns, true
}

// attrAsBlock reports whether an argument may be written in block syntax.
func attrAsBlock(a *argSpec) bool {
	return (a.Optional || a.Required) && (a.Type.IsListType() || a.Type.IsSetType()) && a.Type.ElementType().IsObjectType()
}

// blockNames lists what may be written as a nested block in b, for
// suggestions.
func (b *blockSchema) blockNames() []string {
	names := keysOf(b.Blocks)
	for n, a := range b.Args {
		if attrAsBlock(a) {
			names = append(names, n)
		}
	}
	return sortStrings(names)
}
