package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/iactutor/iactutor/internal/progress"
	"github.com/iactutor/iactutor/internal/testbin"
)

// TestConcurrentProcessesLoseNothing runs hundreds of real `check`, `hint`
// and `solution` processes at once on one workspace, several of them on
// the same exercise, and finds every one of them recorded.
func TestConcurrentProcessesLoseNothing(t *testing.T) {
	bin := testbin.Path(t)
	ws := t.TempDir()
	run := func(args ...string) error {
		cmd := exec.Command(bin, append([]string{"--workspace", ws, "--lang", "en", "--no-color"}, args...)...)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == 1 && args[0] == "check" {
			return nil // not passed yet: still an attempt
		}
		if err != nil {
			return fmt.Errorf("%v: %v\n%s", args, err, out)
		}
		return nil
	}
	if err := run("init"); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(ws)
	var ids []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			ids = append(ids, e.Name())
		}
	}
	if len(ids) < 4 {
		t.Fatalf("init wrote %d exercises", len(ids))
	}
	// A new object at the end makes every file differ in meaning from the
	// start files (a comment would not), so each check is an attempt.
	for _, id := range ids[:3] {
		filepath.WalkDir(filepath.Join(ws, id), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() != "TASK.md" {
				change := "\nlocals {\n  edited = 1\n}\n"
				if ext := filepath.Ext(p); ext == ".yaml" || ext == ".yml" {
					change = "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: edited\n"
				}
				f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					return err
				}
				defer f.Close()
				_, err = f.WriteString(change)
				return err
			}
			return nil
		})
	}
	const checks = 60
	type job struct {
		args  []string
		times int
	}
	workers := [][]job{
		{{[]string{"check", ids[0]}, checks}},
		{{[]string{"check", ids[0]}, checks}},
		{{[]string{"check", ids[1]}, checks}},
		{{[]string{"check", ids[2]}, checks / 2}, {[]string{"solution", "--yes", ids[2]}, 10}},
	}
	var hints []job
	for _, id := range ids {
		hints = append(hints, job{[]string{"hint", id}, 2}) // every exercise has at least two
	}
	workers = append(workers, hints)
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	total := 0
	for _, jobs := range workers {
		for _, j := range jobs {
			total += j.times
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, j := range jobs {
				for range j.times {
					if err := run(j.args...); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	t.Logf("%d processes", total)
	st, notice, err := progress.NewStore(ws).Load()
	if err != nil || !notice.IsZero() {
		t.Fatalf("load: %v %v", notice, err)
	}
	for _, c := range []struct {
		id       string
		attempts int
	}{{ids[0], 2 * checks}, {ids[1], checks}, {ids[2], checks / 2}} {
		if got := st.Exercise(c.id).Attempts; got != c.attempts {
			t.Errorf("%s: %d attempts recorded, %d checks run", c.id, got, c.attempts)
		}
	}
	if !st.Exercise(ids[2]).SolutionRevealed {
		t.Errorf("%s: the revealed solution was lost", ids[2])
	}
	for _, id := range ids {
		if got := st.Exercise(id).HintsUsed; got != 2 {
			t.Errorf("%s: %d hints recorded, 2 asked for", id, got)
		}
	}
}

func TestMain(m *testing.M) { testbin.Main(m) }
