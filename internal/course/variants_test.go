package course

import (
	"testing"
	"testing/fstest"
)

func TestReadVariants(t *testing.T) {
	why := []byte("why: {en: \"x\", es: \"x\"}\n")
	tests := []struct {
		name    string
		fs      fstest.MapFS
		want    []string // names, with "+" for pass
		wantErr bool
	}{
		{"none", fstest.MapFS{"ex/exercise.yaml": {}}, nil, false},
		{"both sorts", fstest.MapFS{
			"ex/variants/pass-a/variant.yaml": {Data: why},
			"ex/variants/fail-b/variant.yaml": {Data: why},
		}, []string{"-fail-b", "+pass-a"}, false},
		{"bad folder name", fstest.MapFS{"ex/variants/maybe/variant.yaml": {Data: why}}, nil, true},
		{"no why file", fstest.MapFS{"ex/variants/pass-a/main.tf": {}}, nil, true},
		{"why not text", fstest.MapFS{"ex/variants/pass-a/variant.yaml": {Data: []byte("why: [1, 2]\n")}}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := &Exercise{Dir: "ex"}
			vs, err := ex.ReadVariants(tt.fs)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			var got []string
			for _, v := range vs {
				sign := "-"
				if v.Pass {
					sign = "+"
				}
				got = append(got, sign+v.Name)
				if v.Why.In("en") != "x" {
					t.Errorf("%s: why = %v", v.Name, v.Why)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}
