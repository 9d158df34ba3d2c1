package terraform

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/source"
	"github.com/iactutor/iactutor/tools/tfschema/gen"
)

// oracleRules are the rules whose errors `terraform validate` also makes:
// the schema, reference and type families. The practice, state, format and
// exercise rules judge things terraform accepts, so they are left out.
var oracleRules = map[string]bool{
	"tf/syntax":               true,
	"tf/unknown-block":        true,
	"tf/block-labels":         true,
	"tf/unknown-argument":     true,
	"tf/missing-argument":     true,
	"tf/wrong-type":           true,
	"tf/invalid-type":         true,
	"tf/duplicate":            true,
	"tf/count-and-for-each":   true,
	"tf/splat-for-each":       true,
	"tf/invalid-name":         true,
	"tf/undeclared-reference": true,
	"tf/unknown-attribute":    true,
	"tf/misplaced-iterator":   true,
	"tf/default-type":         true,
	"tf/default-constant":     true,
	"tf/validation-self":      true,
	"tf/ignore-changes":       true,
	"tf/module-input-type":    true,
	"tf/constant-condition":   true,
}

// oracleModule is one module handed to both validators: files keep their
// base names, so both report the same file names.
type oracleModule struct {
	name  string // as written in known-gaps.tsv
	files []source.File
}

// oracleModules lists every exercise start/ and solution/ folder, the good
// module, and each syntax case alone as main.tf.
func oracleModules(t *testing.T) []oracleModule {
	t.Helper()
	var mods []oracleModule
	dirs, err := filepath.Glob(filepath.Join("..", "..", "..", "exercises", "terraform", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if base := filepath.Base(d); base != "start" && base != "solution" {
			continue
		}
		rel := filepath.ToSlash(strings.TrimPrefix(d, filepath.Join("..", "..", "..")+string(filepath.Separator)))
		mods = append(mods, oracleModule{name: rel, files: readDir(t, d)})
	}
	if len(mods) == 0 {
		t.Fatal("no exercise modules under exercises/terraform")
	}
	mods = append(mods, oracleModule{name: "testdata/good", files: readDir(t, "testdata/good")})
	cases, err := filepath.Glob(filepath.Join("testdata", "oracle", "cases", "*"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no modules under testdata/oracle/cases: %v", err)
	}
	for _, d := range cases {
		mods = append(mods, oracleModule{name: filepath.ToSlash(d), files: readTree(t, d)})
	}
	for _, p := range syntaxFiles(t) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		mods = append(mods, oracleModule{name: filepath.ToSlash(p), files: []source.File{{Path: "main.tf", Data: b}}})
	}
	return mods
}

// readTree reads the .tf files of a module folder and its child module
// folders, named by their path inside it ("main.tf", "child/main.tf").
func readTree(t *testing.T, dir string) []source.File {
	t.Helper()
	var files []source.File
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files = append(files, source.File{Path: filepath.ToSlash(rel), Data: b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// tfValidateJSON is the part of `terraform validate -json` the test reads.
type tfValidateJSON struct {
	Diagnostics []struct {
		Severity string `json:"severity"`
		Summary  string `json:"summary"`
		Range    *struct {
			Filename string `json:"filename"`
			Start    struct {
				Line int `json:"line"`
			} `json:"start"`
		} `json:"range"`
	} `json:"diagnostics"`
}

// terraformValidate copies the module to a temporary folder, installs the
// provider from the plugin folder (init links to it instead of copying the
// binary) and returns validate's errors as "file:line" → summary. A
// diagnostic without a range is keyed "-:0".
func terraformValidate(tf, pluginDir, tmp string, m oracleModule) (map[string]string, error) {
	for _, f := range m.files {
		p := filepath.Join(tmp, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, err
		}
	}
	rc := filepath.Join(tmp, ".terraformrc")
	if err := os.WriteFile(rc, nil, 0o600); err != nil {
		return nil, err
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	// init fails on a module that does not parse; validate then reports the
	// syntax errors itself, so its failure is not the test's.
	initCmd := exec.Command(tf, "init", "-backend=false", "-input=false", "-no-color", "-plugin-dir="+pluginDir)
	initCmd.Dir, initCmd.Env = tmp, env
	_ = initCmd.Run()
	cmd := exec.Command(tf, "validate", "-json", "-no-color")
	cmd.Dir, cmd.Env = tmp, env
	out, err := cmd.Output()
	var res tfValidateJSON
	if jerr := json.Unmarshal(out, &res); jerr != nil {
		return nil, fmt.Errorf("terraform validate (%v) printed no JSON: %v: %s", err, jerr, out)
	}
	errs := map[string]string{}
	for _, d := range res.Diagnostics {
		if d.Severity != "error" {
			continue
		}
		key := "-:0"
		if d.Range != nil {
			key = fmt.Sprintf("%s:%d", filepath.ToSlash(filepath.Clean(d.Range.Filename)), d.Range.Start.Line)
		}
		if _, ok := errs[key]; !ok {
			errs[key] = d.Summary
		}
	}
	return errs, nil
}

// knownGaps reads testdata/oracle/known-gaps.tsv: module, file:line, who
// reports the error alone ("iactutor" or "terraform"), and a reason.
func knownGaps(t *testing.T) map[string]string {
	t.Helper()
	gaps := map[string]string{}
	f, err := os.Open(filepath.Join("testdata", "oracle", "known-gaps.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 || (cols[2] != "iactutor" && cols[2] != "terraform") || strings.TrimSpace(cols[3]) == "" {
			t.Fatalf("known-gaps.tsv:%d: want module, file:line, iactutor|terraform, reason separated by tabs: %q", n, line)
		}
		gaps[strings.Join(cols[:3], "\t")] = cols[3]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return gaps
}

// TestAgreesWithTerraformValidate holds iactutor to the real terraform:
// every schema, reference or type error we make must be an error of
// `terraform validate` on the same line, and every error of terraform must
// be one of ours on that line, unless testdata/oracle/known-gaps.tsv lists
// the disagreement with its reason. It needs terraform and the hashicorp/aws
// plugin folder (found like the schema regeneration test does).
func TestAgreesWithTerraformValidate(t *testing.T) {
	tf, dir, required, err := gen.Locate()
	if err != nil {
		if required {
			t.Fatalf("TF_PLUGIN_DIR is set, so this comparison is required: %v", err)
		}
		t.Skipf("skipped: %v", err)
	}
	mods := oracleModules(t)
	gaps := knownGaps(t)

	type result struct {
		tf  map[string]string
		err error
	}
	results := make([]result, len(mods))
	tmp := t.TempDir()
	jobs := make(chan int)
	var wg sync.WaitGroup
	// validate is CPU-bound and itself uses more than one core: a small
	// pool keeps the machine responsive.
	workers := min(max(runtime.NumCPU()/2, 2), 4)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				d := filepath.Join(tmp, fmt.Sprint(i))
				if err := os.Mkdir(d, 0o755); err != nil {
					results[i] = result{err: err}
					continue
				}
				errs, err := terraformValidate(tf, dir, d, mods[i])
				results[i] = result{errs, err}
			}
		}()
	}
	for i := range mods {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	agree, listed := 0, 0
	used := map[string]bool{}
	kinds := map[string]int{} // reason prefix → listed disagreements
	for i, m := range mods {
		if results[i].err != nil {
			t.Errorf("%s: %v", m.name, results[i].err)
			continue
		}
		theirs := results[i].tf
		ours := map[string][]string{} // file:line → rules of all our errors
		for _, d := range Lint(m.files, Options{}) {
			if d.Severity != diag.SeverityError {
				continue
			}
			key := fmt.Sprintf("%s:%d", filepath.ToSlash(filepath.Clean(d.Subject.Filename)), d.Subject.Start.Line)
			ours[key] = append(ours[key], d.Rule)
		}
		check := func(key, who, what string) {
			gap := m.name + "\t" + key + "\t" + who
			if reason, ok := gaps[gap]; ok {
				used[gap] = true
				listed++
				kind, _, _ := strings.Cut(reason, ":")
				kinds[kind]++
				return
			}
			t.Errorf("%s: %s: only %s reports an error: %s (list it in testdata/oracle/known-gaps.tsv as %q with a reason if it is a known gap)", m.name, key, who, what, gap)
		}
		for key, rules := range ours {
			oracle := slices.ContainsFunc(rules, func(r string) bool { return oracleRules[r] })
			_, tfToo := theirs[key]
			switch {
			case tfToo:
				agree++
			case oracle:
				check(key, "iactutor", strings.Join(rules, ", "))
			}
		}
		for key, summary := range theirs {
			if _, ok := ours[key]; !ok {
				check(key, "terraform", summary)
			}
		}
	}
	for gap := range gaps {
		if !used[gap] {
			t.Errorf("known-gaps.tsv lists %q, but both now agree there: remove the line", gap)
		}
	}
	var byKind []string
	for _, k := range []string{"iactutor false error", "not checked yet", "terraform stops early", "other line", "plan finds it"} {
		byKind = append(byKind, fmt.Sprintf("%s %d", k, kinds[k]))
	}
	t.Logf("terraform validate oracle compared %d modules: %d lines agree, %d disagreements listed as known gaps (%s)", len(mods), agree, listed, strings.Join(byKind, ", "))
}
