package gradebook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArchiveLimits: every limit on an archive refuses it with its reason.
func TestArchiveLimits(t *testing.T) {
	many := make([]string, maxArchiveEntries+1)
	for i := range many {
		many[i] = fmt.Sprintf("f%d.txt", i)
	}
	tests := []struct {
		name  string
		files []string
		want  string // the refusal's key, "" for accepted
	}{
		{"plain", []string{"demo-pins/main.tf"}, ""},
		{"dot-slash", []string{"./demo-pins/main.tf"}, ""},
		{"parent", []string{"../main.tf"}, "gradebook.archive.escapes"},
		{"parent inside", []string{"a/../../main.tf"}, "gradebook.archive.escapes"},
		{"backslash parent", []string{`a\..\..\main.tf`}, "gradebook.archive.escapes"},
		{"absolute", []string{"/etc/cron.d/x"}, "gradebook.archive.escapes"},
		{"drive", []string{"C:/x"}, "gradebook.archive.escapes"},
		{"too deep", []string{strings.Repeat("d/", maxArchiveDepth) + "x"}, "gradebook.archive.too-deep"},
		{"twice", []string{"a.txt", "a.txt"}, "gradebook.archive.duplicate"},
		{"too many", many, "gradebook.archive.too-many"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			for _, f := range tc.files {
				w, err := zw.CreateHeader(&zip.FileHeader{Name: f, Method: zip.Store})
				if err != nil {
					t.Fatal(err)
				}
				w.Write([]byte("x"))
			}
			zw.Close()
			p := filepath.Join(t.TempDir(), "a.zip")
			if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := openArchive(p, nil)
			var ae *archiveError
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (!errors.As(err, &ae) || ae.text.Key != tc.want):
				t.Errorf("err = %v, want %s", err, tc.want)
			}
		})
	}
}

func TestLMSNames(t *testing.T) {
	tests := []struct {
		name string
		want string // "name|lms|id|late", "" when not an LMS name
	}{
		{"perez ana_1001_5001_work.zip", "perez ana|canvas|1001|false"},
		{"perezana_LATE_1001_5001_work_v2.zip", "perezana|canvas|1001|true"},
		{"work.zip", ""},
		{"_1_2_x.zip", ""},
	}
	for _, tc := range tests {
		got := ""
		if id, ok := canvasIdentity(tc.name); ok {
			got = fmt.Sprintf("%s|%s|%s|%v", id.name, id.lms, id.userID, id.late)
		}
		if got != tc.want {
			t.Errorf("canvas %q = %q, want %q", tc.name, got, tc.want)
		}
	}
	for in, want := range map[string]string{
		"Ana María Pérez_1001_assignsubmission_file_": "Ana María Pérez|moodle|1001",
		"Ana Perez_1001_assignsubmission_onlinetext_": "Ana Perez|moodle|1001",
		"Ana Perez_1001_assignsubmission_file":        "Ana Perez|moodle|1001",
		"ana":                                         "",
		"Ana Perez_abc_assignsubmission_file_":        "",
	} {
		got := ""
		if id, ok := moodleIdentity(in); ok {
			got = id.name + "|" + id.lms + "|" + id.userID
		}
		if got != want {
			t.Errorf("moodle %q = %q, want %q", in, got, want)
		}
	}
}
