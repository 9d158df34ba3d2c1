package schema_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/iactutor/iactutor/internal/grader/terraform/schema"
	"github.com/iactutor/iactutor/tools/tfschema/gen"
)

// TestEmbeddedDecodes opens the embedded data and decodes every entry, so a
// broken file fails here and not in a learner's lint.
func TestEmbeddedDecodes(t *testing.T) {
	p, err := schema.AWS()
	if err != nil {
		t.Fatal(err)
	}
	if p.Provider != gen.Address || p.Version == "" {
		t.Fatalf("provider %q version %q", p.Provider, p.Version)
	}
	if len(p.ResourceNames) < 1000 || len(p.DataSourceNames) < 400 {
		t.Fatalf("only %d resources and %d data sources", len(p.ResourceNames), len(p.DataSourceNames))
	}
	for _, n := range p.ResourceNames {
		if b, ok, err := p.Resource(n); err != nil || !ok || b == nil {
			t.Errorf("resource %s: ok=%v err=%v", n, ok, err)
		}
	}
	for _, n := range p.DataSourceNames {
		if b, ok, err := p.DataSource(n); err != nil || !ok || b == nil {
			t.Errorf("data source %s: ok=%v err=%v", n, ok, err)
		}
	}
	b, _, _ := p.Resource("aws_lb_listener")
	if _, ok := b.Blocks["default_action"].Blocks["authenticate_oidc"]; !ok {
		t.Error("aws_lb_listener default_action has no authenticate_oidc block")
	}
	if _, ok, _ := p.Resource("aws_no_such_thing"); ok {
		t.Error("an unknown type was found")
	}
}

// TestRoundTrip encodes a small schema and reads it back.
func TestRoundTrip(t *testing.T) {
	d := &schema.Data{Provider: "p", Version: "1.2.3",
		Resources: map[string]*schema.Block{
			"a": {Attrs: map[string]schema.Attr{"x": {Type: []byte(`"string"`), Flags: schema.FlagRequired}},
				Blocks: map[string]*schema.Nested{"n": {Mode: "list", MinItems: 1, MaxItems: 2}}},
			"b": {Deprecated: true},
		},
		DataSources: map[string]*schema.Block{"a": {Attrs: map[string]schema.Attr{"y": {Type: []byte(`["list","number"]`), Flags: schema.FlagComputed}}}},
	}
	data, err := schema.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := schema.Encode(d)
	if !bytes.Equal(data, again) {
		t.Error("encoding the same schema twice gave different bytes")
	}
	p, err := schema.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if p.Version != "1.2.3" || len(p.ResourceNames) != 2 || len(p.DataSourceNames) != 1 {
		t.Fatalf("index %+v", p)
	}
	a, ok, err := p.Resource("a")
	if !ok || err != nil || a.Attrs["x"].Flags != schema.FlagRequired || a.Blocks["n"].MaxItems != 2 {
		t.Fatalf("resource a: %+v ok=%v err=%v", a, ok, err)
	}
	if b, _, _ := p.Resource("b"); !b.Deprecated {
		t.Error("b lost its deprecated flag")
	}
	if ds, _, _ := p.DataSource("a"); string(ds.Attrs["y"].Type) != `["list","number"]` {
		t.Errorf("data source a: %+v", ds)
	}
	for _, bad := range [][]byte{nil, []byte("nope"), data[:len(magicLen(data))+1]} {
		if _, err := schema.Open(bad); err == nil {
			t.Errorf("Open(%q) did not fail", bad)
		}
	}
	// A cut file must fail or decode, never panic.
	for n := range len(data) {
		if p, err := schema.Open(data[:n]); err == nil {
			_, _, _ = p.Resource("b")
		}
	}
}

func magicLen(data []byte) []byte { return data[:bytes.IndexByte(data, '\n')+1] }

// TestEmbeddedIsGenerated regenerates the data from the real provider and
// fails when the committed file differs: the embedded schema must be what
// `go run ./tools/tfschema` writes, never edited by hand. It needs terraform
// and the plugin folder (TF_PLUGIN_DIR, which CI sets when the machine has
// one); without them it skips.
func TestEmbeddedIsGenerated(t *testing.T) {
	tf, dir, required, err := gen.Locate()
	if err != nil {
		if required {
			t.Fatalf("TF_PLUGIN_DIR is set, so this check is required: %v", err)
		}
		t.Skipf("skipped: %v", err)
	}
	want, err := gen.Generate(context.Background(), tf, dir)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("aws.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Fatalf("aws.bin (%d bytes) is not what the provider in %s generates (%d bytes): run go run ./tools/tfschema -plugin-dir %s", len(have), dir, len(want), dir)
	}
	t.Logf("aws.bin matches the provider in %s (%s)", dir, gen.ProviderVersion(dir))
}
