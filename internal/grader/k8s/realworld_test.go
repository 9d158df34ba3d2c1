package k8s

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/shareddata"
	"github.com/iactutor/iactutor/internal/source"
)

// realworldKey names one reviewed error: file (relative to the corpus,
// slash-separated), line and rule, as errors-reviewed.tsv writes them.
type realworldKey struct {
	file string
	line int
	rule string
}

func (k realworldKey) String() string { return fmt.Sprintf("%s:%d %s", k.file, k.line, k.rule) }

// readRealworldTSV reads rows of a TSV whose first line is a header, taking
// the file, line and rule from the named columns, and the label column when
// one is named.
func readRealworldTSV(t *testing.T, path, fileCol, lineCol, ruleCol, labelCol string) map[realworldKey]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	col := map[string]int{}
	out := map[realworldKey]string{}
	for n := 0; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cells := strings.Split(line, "\t")
		if len(col) == 0 {
			for i, c := range cells {
				col[c] = i
			}
			for _, c := range []string{fileCol, lineCol, ruleCol} {
				if _, ok := col[c]; !ok {
					t.Fatalf("%s: no column %q in %q", path, c, line)
				}
			}
			continue
		}
		if len(cells) < len(col) {
			t.Fatalf("%s:%d: %d cells, want %d", path, n+1, len(cells), len(col))
		}
		ln, err := strconv.Atoi(cells[col[lineCol]])
		if err != nil {
			t.Fatalf("%s:%d: %v", path, n+1, err)
		}
		label := ""
		if labelCol != "" {
			label = cells[col[labelCol]]
		}
		out[realworldKey{cells[col[fileCol]], ln, cells[col[ruleCol]]}] = label
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRealworldErrorsAreReviewed lints each repository folder of
// ../shared/corpus/k8s-realworld as one set, the way `iactutor lint FOLDER`
// does, and holds every error to the hand review in errors-reviewed.tsv:
// each true error (TP) must still be found, and any other error must be a
// false one listed in testdata/realworld-known-fp.tsv, which may only
// shrink. A known false error that is no longer reported must leave the
// list, so the list always says what is left to fix.
func TestRealworldErrorsAreReviewed(t *testing.T) {
	const rel = "corpus/k8s-realworld"
	dir := shareddata.Dir(t, rel)
	reviewedPath := filepath.Join(dir, "errors-reviewed.tsv")
	if _, err := os.Stat(reviewedPath); err != nil {
		shareddata.Missing(t, rel+"/errors-reviewed.tsv", err)
	}
	reviewed := readRealworldTSV(t, reviewedPath, "file", "line", "rule", "label")
	// Errors found since the corpus was reviewed are reviewed the same way
	// in the project's own file; ../shared stays as it was given.
	for k, label := range readRealworldTSV(t, filepath.Join("testdata", "realworld-reviewed.tsv"), "file", "line", "rule", "label") {
		if old, ok := reviewed[k]; ok && old != label {
			t.Errorf("testdata/realworld-reviewed.tsv labels %s %s, errors-reviewed.tsv %s", k, label, old)
		}
		reviewed[k] = label
	}
	knownFP := readRealworldTSV(t, filepath.Join("testdata", "realworld-known-fp.tsv"), "file", "line", "rule", "")
	for k := range knownFP {
		if reviewed[k] != "FP" {
			t.Errorf("testdata/realworld-known-fp.tsv lists %s, which errors-reviewed.tsv does not call FP", k)
		}
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	found := map[realworldKey]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		files, ds, err := source.Collect([]string{filepath.Join(dir, e.Name())},
			source.Options{MaxSize: source.LintMaxFileSize, Extensions: []string{".yaml", ".yml", ".tf"}})
		if err != nil {
			t.Fatal(err)
		}
		var yamlFiles []source.File
		for _, f := range files {
			if !strings.EqualFold(filepath.Ext(f.Path), ".tf") {
				yamlFiles = append(yamlFiles, f)
			}
		}
		ds = append(ds, Lint(yamlFiles, Options{})...)
		for _, d := range ds {
			if d.Severity != diag.SeverityError {
				continue
			}
			name, err := filepath.Rel(dir, d.Subject.Filename)
			if err != nil {
				t.Fatal(err)
			}
			found[realworldKey{filepath.ToSlash(name), d.Subject.Start.Line, d.Rule}] = true
		}
	}

	tp, fp := 0, 0
	var unexpected []string
	for k := range found {
		switch {
		case reviewed[k] == "TP":
			tp++
		case hasKey(knownFP, k):
			fp++
		default:
			label := "not reviewed"
			if reviewed[k] == "FP" {
				label = "reviewed as FP and fixed before"
			}
			unexpected = append(unexpected, k.String()+" ("+label+")")
		}
	}
	var lostTP, fixedFP []string
	for k, label := range reviewed {
		if label == "TP" && !found[k] {
			lostTP = append(lostTP, k.String())
		}
	}
	for k := range knownFP {
		if !found[k] {
			fixedFP = append(fixedFP, k.String())
		}
	}
	sort.Strings(unexpected)
	sort.Strings(lostTP)
	sort.Strings(fixedFP)
	for _, s := range unexpected {
		t.Errorf("new error %s: review it, fix it or add it to errors-reviewed.tsv", s)
	}
	for _, s := range lostTP {
		t.Errorf("true error %s is no longer reported", s)
	}
	for _, s := range fixedFP {
		t.Errorf("false error %s is gone: remove it from testdata/realworld-known-fp.tsv", s)
	}
	t.Logf("true errors found: %d of %d reviewed; false errors remaining: %d", tp, countLabel(reviewed, "TP"), fp)
}

func hasKey(m map[realworldKey]string, k realworldKey) bool {
	_, ok := m[k]
	return ok
}

func countLabel(m map[realworldKey]string, label string) int {
	n := 0
	for _, l := range m {
		if l == label {
			n++
		}
	}
	return n
}
