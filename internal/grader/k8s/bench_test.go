package k8s

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/iactutor/iactutor/internal/shareddata"
	"github.com/iactutor/iactutor/internal/source"
)

// corpusDir is where CI keeps the shared corpus, beside the repository; the
// tests that need it skip in a clone that has nothing beside it.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	return shareddata.Dir(tb, "corpus/k8s")
}

var (
	metaName = regexp.MustCompile(`(?m)^(  name: |\s+app: |\s+serviceAccountName: )(\S+)$`)
)

// bigManifest repeats the microservices-demo files copies times, giving every
// object, label and service account a unique name, as the bench script does.
func bigManifest(tb testing.TB, copies int) []byte {
	tb.Helper()
	demo := shareddata.Dir(tb, "corpus/k8s/microservices-demo")
	paths, err := filepath.Glob(filepath.Join(demo, "*.yaml"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no microservices-demo manifests under %s: %v", demo, err)
	}
	var parts [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		parts = append(parts, data)
	}
	var b bytes.Buffer
	for n := range copies {
		suffix := []byte(fmt.Sprintf("${2}-c%d", n))
		for _, data := range parts {
			b.WriteString("---\n")
			b.Write(metaName.ReplaceAll(data, append([]byte("${1}"), suffix...)))
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func BenchmarkLint7000(b *testing.B) {
	data := bigManifest(b, 200)
	files := []source.File{{Path: "big.yaml", Data: data}}
	s, _ := Load(files, Options{})
	b.Logf("%d objects, %d bytes", len(s.Objects()), len(data))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		Lint(files, Options{})
	}
}
