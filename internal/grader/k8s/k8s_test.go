package k8s

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/msg"
	"github.com/iactutor/iactutor/internal/source"
)

func TestCorpusHasNoErrors(t *testing.T) {
	corpusDir := corpusDir(t)
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatalf("reading the shared corpus at %s: %v", corpusDir, err)
	}
	folders := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		folders++
		dir := filepath.Join(corpusDir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			files, ds, err := source.Collect([]string{dir}, source.Options{Extensions: []string{".yaml", ".yml"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(files) == 0 || len(ds) > 0 {
				t.Fatalf("reading %s: %d files, %v", dir, len(files), ds)
			}
			p := printer(t, "en")
			for _, d := range Lint(files, Options{}) {
				if d.Severity == diag.SeverityError {
					t.Errorf("%s %s %s: %s", where(d, true), d.Rule, d.Severity, p.Text(d.Summary))
				} else {
					t.Logf("%s %s: %s", where(d, true), d.Rule, p.Text(d.Summary))
				}
			}
		})
	}
	if folders == 0 {
		t.Fatalf("no corpus folders under %s", corpusDir)
	}
}

// TestLintEqualsLoadAndCheck guards the memory-saving path of Lint: it must
// report exactly what Load followed by Check reports.
func TestLintEqualsLoadAndCheck(t *testing.T) {
	inputs := [][]source.File{filesOf(map[string]string{"good.yaml": readTestdata(t, "good.yaml")})}
	for _, tc := range ruleCases {
		inputs = append(inputs, filesOf(tc.files))
	}
	for _, files := range inputs {
		for _, complete := range []bool{false, true} {
			opt := Options{Complete: complete}
			s, ds := Load(files, opt)
			ds = append(ds, Check(s, opt)...)
			ds.Sort()
			if got := Lint(files, opt); !reflect.DeepEqual(got, ds) {
				t.Errorf("%s: Lint and Load+Check differ:\n%v\n%v", files[0].Path, got, ds)
			}
		}
	}
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGoodManifestIsClean(t *testing.T) {
	files := []source.File{{Path: "good.yaml", Data: []byte(readTestdata(t, "good.yaml"))}}
	for _, complete := range []bool{false, true} {
		if ds := Lint(files, Options{Complete: complete}); len(ds) > 0 {
			p := printer(t, "en")
			for _, d := range ds {
				t.Errorf("%s %s: %s", where(d, false), d.Rule, p.Text(d.Summary))
			}
		}
	}
}

func TestMessages(t *testing.T) {
	files := filesOf(map[string]string{"d.yaml": deploy, "s.yaml": replace(service, "    app: churn-api", "    app: churn-ap")})
	cases := []struct {
		lang, summary, hint string
	}{
		{"en", `Service "churn-api" selects app=churn-ap, but no pod has that label`, "Did you mean `churn-api`?"},
		{"es", `El Service "churn-api" selecciona app=churn-ap, pero ningún pod tiene esa etiqueta`, "¿Querías decir `churn-api`?"},
	}
	ds := Lint(files, Options{})
	if len(ds) != 1 {
		t.Fatalf("got %+v", ds)
	}
	for _, c := range cases {
		p := printer(t, c.lang)
		if got := p.Text(ds[0].Summary); got != c.summary {
			t.Errorf("%s: summary %q, want %q", c.lang, got, c.summary)
		}
		if got := p.Text(ds[0].Hint); got != c.hint {
			t.Errorf("%s: hint %q, want %q", c.lang, got, c.hint)
		}
		if got, want := p.Text(ds[0].Detail), p.Text(ruleIndex[ruleServiceSelector].Why()); got != want || got == "" {
			t.Errorf("%s: detail %q, want the rule's explanation %q", c.lang, got, want)
		}
	}
}

func TestRulesCatalog(t *testing.T) {
	lessons := map[string]bool{lessonObjects: true, lessonResources: true, lessonDebugging: true, lessonHPA: true, lessonConfig: true, lessonIngress: true, lessonOperate: true}
	seen := map[string]bool{}
	for _, r := range Rules() {
		if !strings.HasPrefix(r.ID, "k8s/") || seen[r.ID] {
			t.Errorf("bad or duplicate ID %q", r.ID)
		}
		seen[r.ID] = true
		if !lessons[r.Lesson] {
			t.Errorf("%s: unknown lesson %q", r.ID, r.Lesson)
		}
		if r.Severity == diag.SeverityInvalid {
			t.Errorf("%s: no severity", r.ID)
		}
		for _, lang := range langs {
			p := printer(t, lang)
			for _, tx := range []msg.Text{r.Title(), r.Why(), r.Fix()} {
				if s := p.Text(tx); s == "" || strings.HasPrefix(s, "[") {
					t.Errorf("%s: %s text %s is %q", r.ID, lang, tx.Key, s)
				}
			}
		}
	}
	// Rules hands out a copy: changing it must not change the catalogue.
	rs := Rules()
	rs[0].Lesson = "changed"
	if Rules()[0].Lesson == "changed" {
		t.Error("Rules() shares its slice with the catalogue")
	}
}

func TestObjectsAndLocate(t *testing.T) {
	src := "# leading comment\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n      namespace: mlops\n    data:\n      K: v\n---\n\n---\n" + deploy
	s, ds := Load([]source.File{{Path: "m.yaml", Data: []byte(src)}}, Options{})
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	objs := s.Objects()
	if len(objs) != 2 {
		t.Fatalf("got %d objects", len(objs))
	}
	cm, d := objs[0], objs[1]
	if cm.File != "m.yaml" || cm.APIVersion != "v1" || cm.Kind != "ConfigMap" || cm.Name != "a" || cm.Namespace != "mlops" || cm.Index != 0 {
		t.Errorf("config map: %+v", cm)
	}
	if d.Kind != "Deployment" || d.Name != "churn-api" || d.Namespace != "" || d.Index != 1 {
		t.Errorf("deployment: %+v", d)
	}
	spec := d.Value["spec"].(map[string]any)
	if spec["replicas"] != int64(2) {
		t.Errorf("replicas = %#v, want int64(2)", spec["replicas"])
	}
	ct := spec["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)
	if ct["image"] != "ghcr.io/acme/churn-api:1.4.2" {
		t.Errorf("image = %#v", ct["image"])
	}
	for _, c := range []struct {
		i    int
		path string
		want string // "line:col-line:col", "" when absent
	}{
		{1, "spec.replicas", "21:13-21:14"},
		{1, "spec.template.spec.containers[0].image", "32:18-32:46"},
		{1, "spec.template.spec.containers[name=api].ports[0].containerPort", "35:30-35:34"},
		{1, `spec.template.metadata.labels["app"]`, "28:14-28:23"},
		{1, "spec.selector", "23:5-24:21"},
		{1, "spec.nothing", ""},
		{1, "spec.template.spec.containers[3]", ""},
		{1, "spec.template.spec.containers[name=web]", ""},
		{0, "data.K", "12:10-12:11"},
		{0, "metadata.name", "9:13-9:14"},
		{2, "spec", ""},
		{1, "spec[", ""},
	} {
		r, ok := s.Locate(c.i, c.path)
		got := ""
		if ok {
			got = strings.TrimSuffix(where(diag.Diagnostic{Subject: r, Severity: diag.SeverityError}, false), " error")
			if r.Filename != "m.yaml" {
				t.Errorf("%s: file %q", c.path, r.Filename)
			}
		}
		if got != c.want {
			t.Errorf("Locate(%d, %q) = %q, want %q", c.i, c.path, got, c.want)
		}
	}
}

func TestHostileInput(t *testing.T) {
	for _, name := range []string{"billion-laughs.yaml", "deep-flow.yaml", "deep-block.yaml", "deep-seq.yaml"} {
		t.Run(name, func(t *testing.T) {
			data := readTestdata(t, name)
			start := time.Now()
			ds := Lint([]source.File{{Path: name, Data: []byte(data)}}, Options{})
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("took %v", el)
			}
			if !ds.HasErrors() {
				t.Errorf("no error for %s: %v", name, ds)
			}
		})
	}
	t.Run("alias bomb is fast", func(t *testing.T) {
		start := time.Now()
		ds := Lint([]source.File{{Path: "lol.yaml", Data: []byte(billionLaughs)}}, Options{})
		if el := time.Since(start); el > 200*time.Millisecond {
			t.Errorf("alias bomb took %v", el)
		}
		if !ds.HasErrors() || ds[len(ds)-1].Rule != ruleYAMLAliases {
			t.Errorf("got %v", ds)
		}
	})
	t.Run("10000 nested flow lists", func(t *testing.T) {
		data := "a: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n"
		s, ds := Load([]source.File{{Path: "deep.yaml", Data: []byte(data)}}, Options{})
		if !ds.HasErrors() || s == nil {
			t.Errorf("got %v", ds)
		}
	})
	t.Run("control characters are not echoed", func(t *testing.T) {
		data := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"a\\e[31mred\\u202e\"\n  \"x\\e]0;title\\a\": 1\n"
		ds := Lint([]source.File{{Path: "c.yaml", Data: []byte(data)}}, Options{})
		if len(ds) == 0 {
			t.Fatal("no diagnostics")
		}
		for _, lang := range langs {
			p := printer(t, lang)
			for _, d := range ds {
				for _, s := range []string{p.Text(d.Summary), p.Text(d.Hint), p.Text(d.Detail)} {
					if strings.ContainsAny(s, "\x1b\a\u202e") {
						t.Errorf("raw control character in %q", s)
					}
				}
			}
		}
	})
}

func TestSplitDocs(t *testing.T) {
	data := "# header\n---\na: 1\n--- # next\nb: 2\n---\n...\n---x: not a marker\n"
	var got []int
	for _, c := range splitDocs([]byte(data)) {
		got = append(got, c.line)
	}
	if want := []int{1, 4, 6}; !reflect.DeepEqual(got, want) {
		t.Errorf("chunks start on lines %v, want %v", got, want)
	}
}

// TestCheckConcurrently runs Check on one set from several goroutines; with
// -race it proves Check only reads the set.
func TestCheckConcurrently(t *testing.T) {
	files := filesOf(map[string]string{"d.yaml": deploy, "s.yaml": replace(service, "targetPort: 8000", "targetPort: web")})
	s, _ := Load(files, Options{})
	want := Check(s, Options{})
	done := make(chan diag.Diagnostics)
	for range 4 {
		go func() { done <- Check(s, Options{}) }()
	}
	for range 4 {
		if got := <-done; !reflect.DeepEqual(got, want) {
			t.Errorf("concurrent Check differs: %v", got)
		}
	}
}
