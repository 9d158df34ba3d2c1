// Package gen turns the schema Terraform prints for a provider into the
// compact file internal/grader/terraform/schema embeds. It runs terraform
// offline against a local plugin folder, so the result depends only on the
// provider binary in that folder.
package gen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/iactutor/iactutor/internal/grader/terraform/schema"
)

// Provider and version the embedded data describes.
const (
	Source  = "hashicorp/aws"
	Address = "registry.terraform.io/hashicorp/aws"
)

// FindPluginDir returns the plugin folder (the one holding
// registry.terraform.io/) from TF_PLUGIN_DIR, else from the places this
// project's machines keep it, else "".
func FindPluginDir() string {
	if d := os.Getenv("TF_PLUGIN_DIR"); d != "" {
		return d
	}
	for _, d := range []string{"/opt/tf-plugins", "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins"} {
		if ProviderVersion(d) != "" {
			return d
		}
	}
	return ""
}

// Locate finds terraform on PATH and the plugin folder, for the tests that
// use them as the oracle. err says what is missing; required says the
// caller must fail rather than skip, because TF_PLUGIN_DIR was set (CI sets
// it only when the machine has the provider).
func Locate() (terraform, dir string, required bool, err error) {
	required = os.Getenv("TF_PLUGIN_DIR") != ""
	dir = FindPluginDir()
	terraform, err = exec.LookPath("terraform")
	switch {
	case err != nil:
		return "", dir, required, fmt.Errorf("needs terraform on PATH: %w", err)
	case dir == "" || ProviderVersion(dir) == "":
		return terraform, dir, required, fmt.Errorf("needs the hashicorp/aws plugin folder (TF_PLUGIN_DIR, found %q)", dir)
	}
	return terraform, dir, required, nil
}

// ProviderVersion is the newest hashicorp/aws version unpacked in dir, or "".
func ProviderVersion(dir string) string {
	entries, err := os.ReadDir(filepath.Join(dir, Address))
	if err != nil {
		return ""
	}
	var vs []string
	for _, e := range entries {
		if e.IsDir() {
			vs = append(vs, e.Name())
		}
	}
	if len(vs) == 0 {
		return ""
	}
	sort.Strings(vs)
	return vs[len(vs)-1]
}

// Generate runs terraform (the binary at tf) in a temporary folder against
// the plugin folder and returns the encoded schema file.
func Generate(ctx context.Context, tf, pluginDir string) ([]byte, error) {
	version := ProviderVersion(pluginDir)
	if version == "" {
		return nil, fmt.Errorf("no %s provider under %s", Address, pluginDir)
	}
	tmp, err := os.MkdirTemp("", "tfschema-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	mainTF := fmt.Sprintf("terraform {\n  required_providers {\n    aws = { source = %q, version = %q }\n  }\n}\n", Source, version)
	if err := os.WriteFile(filepath.Join(tmp, "main.tf"), []byte(mainTF), 0o644); err != nil {
		return nil, err
	}
	rc := filepath.Join(tmp, "terraformrc")
	if err := os.WriteFile(rc, nil, 0o644); err != nil {
		return nil, err
	}
	run := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, tf, args...)
		cmd.Dir = tmp
		// An empty CLI configuration keeps terraform quiet and offline.
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_DATA_DIR="+filepath.Join(tmp, ".terraform"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("terraform %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
		}
		return out, nil
	}
	abs, err := filepath.Abs(pluginDir)
	if err != nil {
		return nil, err
	}
	if _, err := run("init", "-backend=false", "-input=false", "-plugin-dir="+abs); err != nil {
		return nil, err
	}
	out, err := run("providers", "schema", "-json")
	if err != nil {
		return nil, err
	}
	var ps tfjson.ProviderSchemas
	if err := json.Unmarshal(out, &ps); err != nil {
		return nil, fmt.Errorf("reading terraform's schema: %w", err)
	}
	if err := ps.Validate(); err != nil {
		return nil, err
	}
	p, ok := ps.Schemas[Address]
	if !ok {
		return nil, fmt.Errorf("terraform printed no schema for %s", Address)
	}
	d := &schema.Data{Provider: Address, Version: version,
		Resources: map[string]*schema.Block{}, DataSources: map[string]*schema.Block{}}
	for i, set := range []map[string]*tfjson.Schema{p.ResourceSchemas, p.DataSourceSchemas} {
		dst := d.Resources
		if i == 1 {
			dst = d.DataSources
		}
		for name, s := range set {
			if s == nil || s.Block == nil {
				continue
			}
			b, err := convertBlock(s.Block)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			dst[name] = b
		}
	}
	return schema.Encode(d)
}

// nestedAttrType is the cty type of a nested attribute (protocol 6
// providers): an object of its attributes, wrapped by its nesting mode.
func nestedAttrType(n *tfjson.SchemaNestedAttributeType) cty.Type {
	attrs := map[string]cty.Type{}
	for name, a := range n.Attributes {
		if a.AttributeNestedType != nil {
			attrs[name] = nestedAttrType(a.AttributeNestedType)
		} else {
			attrs[name] = a.AttributeType
		}
	}
	obj := cty.Object(attrs)
	switch n.NestingMode {
	case tfjson.SchemaNestingModeList:
		return cty.List(obj)
	case tfjson.SchemaNestingModeSet:
		return cty.Set(obj)
	case tfjson.SchemaNestingModeMap:
		return cty.Map(obj)
	}
	return obj
}

func convertBlock(sb *tfjson.SchemaBlock) (*schema.Block, error) {
	b := &schema.Block{Deprecated: sb.Deprecated}
	if len(sb.Attributes) > 0 {
		b.Attrs = map[string]schema.Attr{}
	}
	for name, a := range sb.Attributes {
		ty := a.AttributeType
		if a.AttributeNestedType != nil {
			ty = nestedAttrType(a.AttributeNestedType)
		}
		tj, err := ty.MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		var f uint8
		if a.Required {
			f |= schema.FlagRequired
		}
		if a.Optional {
			f |= schema.FlagOptional
		}
		if a.Computed {
			f |= schema.FlagComputed
		}
		if a.Sensitive {
			f |= schema.FlagSensitive
		}
		if a.Deprecated {
			f |= schema.FlagDeprecated
		}
		b.Attrs[name] = schema.Attr{Type: tj, Flags: f}
	}
	if len(sb.NestedBlocks) > 0 {
		b.Blocks = map[string]*schema.Nested{}
	}
	for name, nb := range sb.NestedBlocks {
		inner := &schema.Block{}
		if nb.Block != nil {
			c, err := convertBlock(nb.Block)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			inner = c
		}
		b.Blocks[name] = &schema.Nested{Block: *inner, Mode: string(nb.NestingMode),
			MinItems: int(nb.MinItems), MaxItems: int(nb.MaxItems)}
	}
	return b, nil
}
