package msg

import (
	"io/fs"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestParseEntriesAgreesWithYAML holds the quick reader to YAML's meaning on
// the real catalogs and on entries it must hand over to the YAML parser.
func TestParseEntriesAgreesWithYAML(t *testing.T) {
	inputs := map[string]string{
		"plural inline":    "a.b: \"x\"\nc.count: {one: \"1 file\", other: \"{{.Count}} files\"}\n",
		"plural block":     "c.count:\n  one: \"1 file\"\n  other: \"many\"\nd: \"y\"\n",
		"escapes":          "a: \"say \\\"hi\\\"\\n\\tnow \\\\ back\"\n",
		"yaml-only escape": "a: \"hex \\x41 and \\u00e9\"\n",
		"single quotes":    "a: 'it''s'\n",
		"plain value":      "a: plain words\n",
		"comment after":    "a: \"x\" # note\n",
		"folded quoted":    "a: \"first\n  second\"\n",
		"colon in text":    "a: \"x: y\"\n",
	}
	for _, p := range []string{"locales/en.yaml", "locales/es.yaml"} {
		b, err := fs.ReadFile(embedded, p)
		if err != nil {
			t.Fatal(err)
		}
		inputs[p] = string(b)
	}
	for name, in := range inputs {
		var want map[string]any
		if err := yaml.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := parseEntries([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", name, got, want)
		}
	}
}

func TestParseEntriesRefusesDuplicates(t *testing.T) {
	for _, in := range []string{
		"a: \"x\"\na: \"y\"\n",
		"a: \"x\"\na: {one: \"1\", other: \"n\"}\n",
		"a: {one: \"1\", other: \"n\"}\na: {one: \"1\", other: \"n\"}\n",
	} {
		if _, err := parseEntries([]byte(in)); err == nil {
			t.Errorf("%q: duplicate key accepted", in)
		}
	}
}

func BenchmarkParseCatalog(b *testing.B) {
	data, err := fs.ReadFile(embedded, "locales/en.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("quick", func(b *testing.B) {
		for b.Loop() {
			if _, err := parseEntries(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("yaml", func(b *testing.B) {
		for b.Loop() {
			var m map[string]any
			if err := yaml.Unmarshal(data, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzParseEntries checks the quick reader against YAML itself: whenever
// YAML reads an input as a mapping of strings and plural maps, the quick
// reader must read the same, and it must never panic.
func FuzzParseEntries(f *testing.F) {
	for _, s := range []string{"a: \"x\"\n", "a: {one: \"1\", other: \"n\"}\n", "a: \"x\\\"y\"\n", "a:\n  one: \"1\"\n  other: \"n\"\n", "# c\n\na: 'q'\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := parseEntries([]byte(in))
		var want map[string]any
		if yaml.Unmarshal([]byte(in), &want) != nil || err != nil {
			return
		}
		for _, v := range want {
			if _, ok := v.(string); !ok {
				if _, ok := v.(map[string]any); !ok {
					return
				}
			}
		}
		if len(want) == 0 {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %#v\nwant %#v", in, got, want)
		}
	})
}
