package gradebook_test

// Tests of `iactutor grade` against the built binary, on the class layouts
// instructors really hand it: links inside the class, a stray exercise
// folder, a workspace unzipped one level down, Canvas and Moodle downloads,
// hostile archives, read problems, an empty folder, --out and signals.

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/iactutor/iactutor/internal/testbin"
)

// TestMain removes the program the tests built. testbin.Env runs them with
// a binary built beforehand, as another user: TestUnreadableFolder needs a
// user that permissions stop.
func TestMain(m *testing.M) { testbin.Main(m) }

// courseDir is the small fixed course of this package's tests.
func courseDir(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", "course"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type result struct {
	stdout, stderr string
	code           int
}

// iactutor runs the binary in dir with the test course, in English.
func iactutor(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(testbin.Path(t), append([]string{"--course", courseDir(t), "--lang", "en", "grade"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// The exercises' files: a solution and the start of each.
var (
	labelsOK = []byte(mustRead("testdata/course/exercises/kubernetes/01-labels/solution/deploy.yaml"))
	pinsOK   = []byte(mustRead("testdata/course/exercises/terraform/01-pins/solution/main.tf"))
)

func mustRead(p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// write creates files under root: path → content; a content starting with
// "->" makes a link to the rest.
func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(data, "->"); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// entry is one member of an archive built for a test.
type entry struct {
	name string
	data string
	link bool  // a symbolic link to data
	size int64 // a sparse size for a big file (tar only)
}

func makeZip(t *testing.T, p string, entries []entry) {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.link {
			h.SetMode(os.ModeSymlink | 0o777)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Dir(p), map[string]string{filepath.Base(p): b.String()})
}

func makeTgz(t *testing.T, p string, entries []entry) {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.data)), Typeflag: tar.TypeReg}
		if e.link {
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, e.data, 0
		}
		if e.size > 0 {
			h.Size = e.size
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		data := []byte(e.data)
		if e.size > 0 {
			data = bytes.Repeat([]byte("a"), int(e.size))
		}
		if !e.link {
			if _, err := tw.Write(data); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := errors.Join(tw.Close(), gz.Close()); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Dir(p), map[string]string{filepath.Base(p): b.String()})
}

// book is the part of the JSON gradebook these tests read.
type book struct {
	Students []struct {
		Student   string `json:"student"`
		LMS       string `json:"lms"`
		UserID    string `json:"userId"`
		Late      bool   `json:"late"`
		Score     *int   `json:"score"`
		Exercises []struct {
			ID          string `json:"id"`
			Score       *int   `json:"score"`
			Status      string `json:"status"`
			Error       string `json:"error"`
			Location    string `json:"location"`
			Diagnostics []struct {
				Rule string `json:"rule"`
			} `json:"diagnostics"`
		} `json:"exercises"`
	} `json:"students"`
	Summary struct {
		Students   int      `json:"students"`
		Incomplete int      `json:"incomplete"`
		Unknown    []string `json:"unknown"`
	} `json:"summary"`
}

func decode(t *testing.T, s string) book {
	t.Helper()
	var b book
	if err := json.Unmarshal([]byte(s), &b); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, s)
	}
	return b
}

// outcome is "status score location error-substring rule" for one exercise,
// compact enough to write expectations as a table.
func outcome(b book, student, exercise string) string {
	for _, s := range b.Students {
		if s.Student != student {
			continue
		}
		for _, e := range s.Exercises {
			if e.ID != exercise {
				continue
			}
			score := "null"
			if e.Score != nil {
				score = fmt.Sprint(*e.Score)
			}
			var rules []string
			for _, d := range e.Diagnostics {
				if strings.HasPrefix(d.Rule, "file/") {
					rules = append(rules, d.Rule)
				}
			}
			return strings.TrimSpace(strings.Join([]string{e.Status, score, e.Location, strings.Join(rules, ",")}, " "))
		}
	}
	return "no such result"
}

func errorOf(b book, student, exercise string) string {
	for _, s := range b.Students {
		for _, e := range s.Exercises {
			if s.Student == student && e.ID == exercise {
				return e.Error
			}
		}
	}
	return ""
}

func solved() map[string]string {
	return map[string]string{"demo-labels/deploy.yaml": string(labelsOK), "demo-pins/main.tf": string(pinsOK)}
}

func under(prefix string, files map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[prefix+"/"+k] = v
	}
	return out
}

// TestLinkSameWhateverSpelling: a link between two students' folders inside
// the class is judged the same for a relative and an absolute DIR, and the
// output is byte-identical.
func TestLinkSameWhateverSpelling(t *testing.T) {
	base := t.TempDir()
	write(t, filepath.Join(base, "class"), under("ana", solved()))
	write(t, filepath.Join(base, "class"), map[string]string{
		"rex/demo-labels": "->../ana/demo-labels",
		"rex/demo-pins":   "->" + filepath.Join(base, "class", "ana", "demo-pins"),
	})
	var outs []string
	for _, dir := range []string{"class", filepath.Join(base, "class"), "./class/", filepath.Join(base, ".", "class", "..", "class")} {
		r := iactutor(t, base, dir, "--format", "json")
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", dir, r.code, r.stderr)
		}
		b := decode(t, r.stdout)
		if got := outcome(b, "rex", "demo-labels"); got != "graded 3" {
			t.Errorf("%s: rex/demo-labels = %q, want graded 3", dir, got)
		}
		outs = append(outs, r.stdout)
	}
	for i := range outs {
		if outs[i] != outs[0] {
			t.Errorf("output %d differs from output 0", i)
		}
	}
}

// TestLayouts: what grade makes of each shape of DIR.
func TestLayouts(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		args   []string
		code   int
		stderr []string          // substrings of standard error
		want   map[string]string // "student exercise" → outcome
	}{
		{
			name:   "stray exercise folder at the root",
			files:  merge(under("ana", solved()), under("ben", solved()), map[string]string{"demo-pins/main.tf": string(pinsOK)}),
			code:   2,
			stderr: []string{"mixes student folders with exercise folders (demo-pins)", "--single"},
		},
		{
			name:  "--single grades the root as one learner",
			files: map[string]string{"ana/demo-labels/deploy.yaml": string(labelsOK), "demo-pins/main.tf": string(pinsOK)},
			args:  []string{"--single"},
			want:  map[string]string{"class demo-pins": "graded 2", "class demo-labels": "graded 3 ana/demo-labels"},
		},
		{
			name:  "a workspace is still one learner",
			files: merge(solved(), map[string]string{"scratch/notes.txt": "x"}),
			want:  map[string]string{"class demo-pins": "graded 2", "class demo-labels": "graded 3"},
		},
		{
			name:  "a workspace unzipped one level down",
			files: merge(under("farid/iactutor", solved()), under("gia", solved())),
			want: map[string]string{
				"farid demo-labels": "graded 3 iactutor/demo-labels", "farid demo-pins": "graded 2 iactutor/demo-pins",
				"gia demo-labels": "graded 3",
			},
		},
		{
			name:  "three levels down is found, four is not",
			files: merge(under("hal/a/b", solved()), under("ivy/a/b/c", solved())),
			want: map[string]string{
				"hal demo-pins": "graded 2 a/b/demo-pins",
				"ivy demo-pins": "missing 0",
			},
		},
		{
			name:  "the same exercise twice is an error, never a guess",
			files: merge(under("jo", solved()), under("jo/copy", solved())),
			want:  map[string]string{"jo demo-pins": "error null", "jo demo-labels": "error null"},
		},
		{
			name:  "--single still refuses the same exercise twice",
			files: merge(solved(), under("ana", solved())),
			args:  []string{"--single"},
			want:  map[string]string{"class demo-pins": "error null"},
		},
		{
			name:   "no students",
			files:  map[string]string{"roster.txt": "a", "notes.md": "b", "grades.csv": "c"},
			code:   2,
			stderr: []string{"no student found", "3 files"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			write(t, filepath.Join(base, "class"), tc.files)
			r := iactutor(t, base, append([]string{"class", "--format", "json"}, tc.args...)...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %s", r.code, tc.code, r.stderr)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr %q lacks %q", r.stderr, s)
				}
			}
			if tc.code != 0 {
				if r.stdout != "" {
					t.Errorf("stdout on error: %q", r.stdout)
				}
				return
			}
			b := decode(t, r.stdout)
			for k, want := range tc.want {
				st, ex, _ := strings.Cut(k, " ")
				if got := outcome(b, st, ex); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// lmsClass is a Canvas download and a Moodle download, with hostile and
// damaged archives among them.
func lmsClass(t *testing.T, class string) {
	t.Helper()
	ok := []entry{{name: "demo-labels/deploy.yaml", data: string(labelsOK)}, {name: "demo-pins/main.tf", data: string(pinsOK)}}
	makeZip(t, filepath.Join(class, "perez ana_1001_5001_work.zip"), ok)
	// A second upload by the same student: the same student, not another.
	makeZip(t, filepath.Join(class, "perez ana_1001_5009_notes.zip"), []entry{{name: "notes/todo.txt", data: "x"}})
	nested := []entry{{name: "./iactutor/demo-labels/deploy.yaml", data: string(labelsOK)}, {name: "./iactutor/demo-pins/main.tf", data: string(pinsOK)}}
	makeTgz(t, filepath.Join(class, "lopez ben_LATE_1002_5002_iactutor.tar.gz"), nested)
	makeZip(t, filepath.Join(class, "Cruz Dana_1003_assignsubmission_file_", "hw.zip"), ok)
	// Hostile: a name out of the archive; a link to /etc/passwd; a file over
	// the size limit; a damaged archive.
	makeZip(t, filepath.Join(class, "evil eve_1004_5004_x.zip"), append(ok, entry{name: "../../escape.txt", data: "x"}))
	makeTgz(t, filepath.Join(class, "link lia_1005_5005_x.tgz"), []entry{
		{name: "demo-labels/deploy.yaml", data: "/etc/passwd", link: true}, {name: "demo-pins/main.tf", data: string(pinsOK)},
	})
	makeTgz(t, filepath.Join(class, "big bo_1006_5006_x.tgz"), []entry{
		{name: "demo-labels/deploy.yaml", size: 2 << 20}, {name: "demo-pins/main.tf", data: string(pinsOK)},
	})
	write(t, class, map[string]string{"broken kim_1007_5007_x.zip": "not a zip"})
}

// TestArchives: LMS downloads are graded as the students' folders, with the
// LMS's identity, and every limit holds.
func TestArchives(t *testing.T) {
	base := t.TempDir()
	class := filepath.Join(base, "class")
	lmsClass(t, class)
	r := iactutor(t, base, "class", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b := decode(t, r.stdout)
	want := map[string]string{
		"perez ana|demo-labels": "graded 3 perez ana_1001_5001_work.zip/demo-labels",
		"lopez ben|demo-pins":   "graded 2 lopez ben_LATE_1002_5002_iactutor.tar.gz/iactutor/demo-pins",
		"Cruz Dana|demo-labels": "graded 3 hw.zip/demo-labels",
		"evil eve|demo-labels":  "error null",
		"link lia|demo-labels":  "graded 0 link lia_1005_5005_x.tgz/demo-labels file/link-outside",
		"link lia|demo-pins":    "graded 2 link lia_1005_5005_x.tgz/demo-pins",
		"big bo|demo-labels":    "graded 0 big bo_1006_5006_x.tgz/demo-labels file/too-large",
		"broken kim|demo-pins":  "error null",
	}
	for k, w := range want {
		st, ex, _ := strings.Cut(k, "|")
		if got := outcome(b, st, ex); got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}
	if e := errorOf(b, "evil eve", "demo-pins"); !strings.Contains(e, "leads out of the archive") {
		t.Errorf("evil eve: error %q", e)
	}
	if e := errorOf(b, "broken kim", "demo-pins"); !strings.Contains(e, "damaged or not an archive") {
		t.Errorf("broken kim: error %q", e)
	}
	ids := map[string]string{}
	for _, s := range b.Students {
		ids[s.Student] = s.LMS + " " + s.UserID + fmt.Sprint(" ", s.Late)
	}
	for st, w := range map[string]string{"perez ana": "canvas 1001 false", "lopez ben": "canvas 1002 true", "Cruz Dana": "moodle 1003 false"} {
		if ids[st] != w {
			t.Errorf("%s: identity %q, want %q", st, ids[st], w)
		}
	}
	if n := len(b.Students); n != 7 {
		t.Errorf("%d students, want 7 (two uploads by one student are one student)", n)
	}
	if _, err := os.Stat(filepath.Join(base, "escape.txt")); err == nil {
		t.Error("an archive wrote outside the class")
	}

	// The feedback says when a file broke a limit: the student's problem.
	fb := filepath.Join(base, "feedback")
	if r := iactutor(t, base, "class", "--feedback", fb, "--student", "1006"); r.code != 0 {
		t.Fatalf("feedback: exit %d: %s", r.code, r.stderr)
	}
	md, err := os.ReadFile(filepath.Join(fb, "big bo.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "break a limit") || !strings.Contains(string(md), "Graded from `big bo_1006_5006_x.tgz/demo-labels`") {
		t.Errorf("feedback:\n%s", md)
	}
}

// TestErrorIsNotZero: an archive that cannot be read is "!" in the table,
// an empty cell in CSV and null in JSON, and leaves the class's figures.
func TestErrorIsNotZero(t *testing.T) {
	base := t.TempDir()
	class := filepath.Join(base, "class")
	write(t, class, under("ana", solved()))
	write(t, class, map[string]string{"broken kim_1007_5007_x.zip": "not a zip"})
	table := iactutor(t, base, "class").stdout
	if !strings.Contains(table, "broken kim  !  !   0/5!") || !strings.Contains(table, "1 student with an exercise that could not be graded is left out") {
		t.Errorf("table:\n%s", table)
	}
	csv := iactutor(t, base, "class", "--format", "csv").stdout
	if want := "student,user_id,demo-pins,demo-labels,total\nana,,2,3,5\nbroken kim,1007,,,\n"; csv != want {
		t.Errorf("csv:\n%s\nwant:\n%s", csv, want)
	}
	long := iactutor(t, base, "class", "--format", "csv", "--long").stdout
	if !strings.Contains(long, "broken kim,1007,demo-pins,,2,error\n") {
		t.Errorf("csv --long:\n%s", long)
	}
	b := decode(t, iactutor(t, base, "class", "--format", "json").stdout)
	if b.Students[1].Score != nil || b.Students[1].Exercises[0].Score != nil || b.Summary.Incomplete != 1 {
		t.Errorf("JSON scores of an error must be null: %+v", b.Students[1])
	}
}

// TestUnreadableFolder: a folder the instructor cannot read is an error,
// never a 0. Permissions do not stop root, so this runs as another user.
func TestUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder; run as another user to test this")
	}
	base := t.TempDir()
	class := filepath.Join(base, "class")
	write(t, class, merge(under("ana", solved()), under("ben", solved()), under("cy/iactutor", solved())))
	for _, p := range []string{filepath.Join(class, "ben", "demo-pins"), filepath.Join(class, "cy", "iactutor")} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) })
	}
	b := decode(t, iactutor(t, base, "class", "--format", "json").stdout)
	for k, w := range map[string]string{"ben demo-pins": "error null", "ben demo-labels": "graded 3", "cy demo-pins": "error null"} {
		st, ex, _ := strings.Cut(k, " ")
		if got := outcome(b, st, ex); got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}
}

// TestDeterministicArchives: archives and nested workspaces give the same
// bytes from run to run and whatever --jobs is.
func TestDeterministicArchives(t *testing.T) {
	base := t.TempDir()
	class := filepath.Join(base, "class")
	lmsClass(t, class)
	write(t, class, merge(under("farid_2001_assignsubmission_file_/iactutor", solved()), under("jo", solved()), under("jo/copy", solved())))
	for _, format := range []string{"json", "table", "csv", "junit"} {
		var first string
		for i, jobs := range []string{"1", "4", "16", "4"} {
			r := iactutor(t, base, "class", "--format", format, "--jobs", jobs)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if i == 0 {
				first = r.stdout
			} else if r.stdout != first {
				t.Errorf("%s with --jobs %s differs from --jobs 1", format, jobs)
			}
		}
	}
}

// TestOutFile: --out FILE holds exactly what standard output would, for
// every format that prints; a folder is refused but for gradescope.
func TestOutFile(t *testing.T) {
	base := t.TempDir()
	write(t, filepath.Join(base, "class"), merge(under("ana", solved()), under("ben/iactutor", solved())))
	for _, format := range []string{"table", "json", "csv", "junit"} {
		want := iactutor(t, base, "class", "--format", format)
		out := filepath.Join(base, "out", "grades."+format)
		write(t, filepath.Join(base, "out"), map[string]string{"grades." + format: "old content"})
		r := iactutor(t, base, "class", "--format", format, "--out", out)
		got, err := os.ReadFile(out)
		if err != nil || r.code != 0 || r.stdout != "" || string(got) != want.stdout {
			t.Errorf("%s: exit %d, stdout %q, err %v; file differs from stdout: %v", format, r.code, r.stdout, err, string(got) != want.stdout)
		}
	}
	if r := iactutor(t, base, "class", "--format", "csv", "--out", filepath.Join(base, "out")); r.code != 2 || !strings.Contains(r.stderr, "is a folder") {
		t.Errorf("--out a folder: exit %d, %s", r.code, r.stderr)
	}
	if r := iactutor(t, base, "class", "--format", "gradescope", "--out", filepath.Join(base, "gs")); r.code != 0 {
		t.Errorf("gradescope: exit %d, %s", r.code, r.stderr)
	} else if _, err := os.Stat(filepath.Join(base, "gs", "ana", "results.json")); err != nil {
		t.Error(err)
	}
}

// TestInterrupted: SIGINT or SIGTERM while grading or while writing leaves
// no output at all (not even a temporary file) and the exit status a shell
// expects.
func TestInterrupted(t *testing.T) {
	base := t.TempDir()
	class := filepath.Join(base, "class")
	write(t, class, merge(under("ana", solved()), under("ben", solved())))
	tests := []struct {
		stage string
		sig   syscall.Signal
		code  int
		out   bool // to --out, else to standard output
	}{
		{"grade", syscall.SIGINT, 130, true},
		{"grade", syscall.SIGTERM, 143, true},
		{"write", syscall.SIGINT, 130, true},
		{"write", syscall.SIGTERM, 143, true},
		{"grade", syscall.SIGTERM, 143, false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s-%s-out=%v", tc.stage, tc.sig, tc.out), func(t *testing.T) {
			dir := t.TempDir()
			ready := filepath.Join(dir, "ready")
			outDir := filepath.Join(dir, "out")
			write(t, outDir, map[string]string{"keep.txt": "x"})
			args := []string{"--course", courseDir(t), "grade", class, "--format", "json", "--jobs", "1"}
			if tc.out {
				args = append(args, "--out", filepath.Join(outDir, "grades.json"))
			}
			cmd := exec.Command(testbin.Path(t), args...)
			cmd.Env = append(os.Environ(), "IACTUTOR_GRADE_TEST_HOLD="+tc.stage+":"+ready)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(30 * time.Second)
			for {
				if _, err := os.Stat(ready); err == nil {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("the run never reached the hold point")
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit %v, want %d; stderr %s", err, tc.code, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("partial output on stdout: %q", stdout.String())
			}
			entries, _ := os.ReadDir(outDir)
			if len(entries) != 1 || entries[0].Name() != "keep.txt" {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("output folder holds %v, want only keep.txt", names)
			}
		})
	}
}
