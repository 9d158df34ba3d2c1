package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSolutionDiffShowsFinalNewline is the case the old line differ missed:
// a file that matches the solution except for its last newline used to get
// a header and no hunk, so the learner saw a "difference" with nothing in it.
func TestSolutionDiffShowsFinalNewline(t *testing.T) {
	w, ex := testWorkspace(t)
	if _, _, err := w.Init(ex, "en"); err != nil {
		t.Fatal(err)
	}
	dir := w.ExerciseDir(ex.ID)
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", "sol a")       // the solution ends in a newline
	write("k8s/b.yaml", "sol b\n") // identical to the solution

	diffs, err := w.SolutionDiff(ex)
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) != 2 {
		t.Fatalf("got %d diffs, want 2: %+v", len(diffs), diffs)
	}
	yours := filepath.Join(dir, "a.yaml")
	want := "--- " + yours + "\n+++ solution/a.yaml\n@@ -1 +1 @@\n-sol a\n\\ No newline at end of file\n+sol a\n"
	if diffs[0].Name != "a.yaml" || diffs[0].Diff != want {
		t.Errorf("a.yaml diff:\n%s\nwant:\n%s", diffs[0].Diff, want)
	}
	if diffs[1].Name != "k8s/b.yaml" || diffs[1].Diff != "" {
		t.Errorf("k8s/b.yaml is identical to the solution, got diff %q", diffs[1].Diff)
	}
}

func TestUnified(t *testing.T) {
	const nonl = "\\ No newline at end of file\n"
	for _, tc := range []struct {
		name, a, b string
		want       string // without the two header lines; "" means no diff
	}{
		{"equal", "x\ny\n", "x\ny\n", ""},
		{"newline added", "x\ny", "x\ny\n", "@@ -1,2 +1,2 @@\n x\n-y\n" + nonl + "+y\n"},
		{"newline removed", "x\ny\n", "x\ny", "@@ -1,2 +1,2 @@\n x\n-y\n+y\n" + nonl},
		{"missing file", "", "a: 1\nb: 2\n", "@@ -0,0 +1,2 @@\n+a: 1\n+b: 2\n"},
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n", "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		// Invalid UTF-8 beside non-ASCII text must not throw the byte
		// offsets off (the library counts runes there).
		{"invalid utf-8", "é\xff\nx\n", "é\nx\n", "@@ -1,2 +1,2 @@\n-é\uFFFD\n+é\n x\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := unified("a", "b", tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if want != "" {
				want = "--- a\n+++ b\n" + want
			}
			if got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
