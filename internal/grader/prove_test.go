package grader

import (
	"slices"
	"testing"

	"github.com/iactutor/iactutor/internal/course"
	"github.com/iactutor/iactutor/internal/diag"
)

func proveFixture(t *testing.T, id string) (Proof, diag.Diagnostics) {
	t.Helper()
	src := course.Dir("testdata/prove")
	c, _ := course.Load(src)
	ex, ok := c.Exercise(id)
	if !ok {
		t.Fatalf("fixture exercise %s not loaded", id)
	}
	return New().Prove(src, ex)
}

func TestProve(t *testing.T) {
	tests := []struct {
		id     string
		want   Proof
		errors int
		// uncaught mutations; each is one of the errors.
		uncaught int
		checks   []string
	}{
		// Every variant and mutation judged right: no error.
		{id: "fair", want: Proof{Exercise: "fair", Pass: 3, PassOK: 3, Fail: 3, FailCaught: 3}},
		// A valid 1Gi rejected by check "limit", a 1Mi limit accepted,
		// and the replicas the solution changed unchecked (put back, and
		// one less).
		{id: "unfair", want: Proof{Exercise: "unfair", Pass: 1, Fail: 1}, errors: 4, uncaught: 2, checks: []string{"limit"}},
		{id: "count", want: Proof{Exercise: "count"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			pr, ds := proveFixture(t, tt.id)
			if pr.Mutations == 0 || pr.Mutations-pr.Caught != tt.uncaught {
				t.Errorf("mutations %d tried, %d caught", pr.Mutations, pr.Caught)
			}
			got := pr
			got.Mutations, got.Caught, got.Free, got.Same = 0, 0, 0, 0
			if got != tt.want {
				t.Errorf("proof = %+v, want %+v", got, tt.want)
			}
			if n := ds.Count(diag.SeverityError); n != tt.errors {
				for _, d := range ds {
					t.Logf("%s %s", d.Summary.Key, d.Check)
				}
				t.Fatalf("%d errors, want %d", n, tt.errors)
			}
			var named []string
			for _, d := range ds {
				if d.Check != "" {
					named = append(named, d.Check)
				}
			}
			if !slices.Equal(named, tt.checks) {
				t.Errorf("checks named %v, want %v", named, tt.checks)
			}
		})
	}
}

func TestMutationsOfSolution(t *testing.T) {
	src := course.Dir("testdata/prove")
	c, _ := course.Load(src)
	tests := []struct {
		id   string
		want []string // "key path" of each mutation, in order
	}{
		{"fair", []string{
			"grader.mutation.delete Deployment/api",
			"grader.mutation.remove Deployment/api spec.template.spec.containers[name=api].resources",
			"grader.mutation.neighbour Deployment/api spec.template.spec.containers[name=api].resources.limits.memory",
		}},
		{"count", []string{
			"grader.mutation.delete resource.aws_ecs_service.api",
			"grader.mutation.revert resource.aws_ecs_service.api.desired_count",
			"grader.mutation.neighbour resource.aws_ecs_service.api.desired_count",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			ex, ok := c.Exercise(tt.id)
			if !ok {
				t.Fatalf("fixture exercise %s not loaded", tt.id)
			}
			var got []string
			for _, m := range mutations(ex) {
				got = append(got, m.what.Key+" "+m.path)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("mutations:\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

func TestNeighbours(t *testing.T) {
	tests := []struct {
		key, v, tag string
		want        []neighbour
	}{
		{"memory", "512Mi", "!!str", []neighbour{{"512Gi", "!!str"}}},
		{"cpu", "500m", "!!str", []neighbour{{"500", "!!str"}}},
		{"cpu", "0.5", "!!str", []neighbour{{"0.5m", "!!str"}}},
		{"containerPort", "8000", "!!int", []neighbour{{"8001", "!!int"}}},
		{"replicas", "3", "!!int", []neighbour{{"2", "!!int"}}},
		{"maxUnavailable", "0", "!!int", []neighbour{{"1", "!!int"}}},
		{"enable", "true", "!!bool", []neighbour{{"false", "!!bool"}}},
		{"image", "ghcr.io/acme/api:1.4.2", "!!str", []neighbour{{"ghcr.io/acme/api:latest", "!!str"}}},
		{"image", "localhost:5000/api@sha256:abc", "!!str", []neighbour{{"localhost:5000/api:latest", "!!str"}}},
		{"image", "api:latest", "!!str", nil},
		{"name", "api", "!!str", nil},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.v, func(t *testing.T) {
			if got := neighbours(tt.key, tt.v, tt.tag); !slices.Equal(got, tt.want) {
				t.Errorf("neighbours(%q, %q) = %v, want %v", tt.key, tt.v, got, tt.want)
			}
		})
	}
}
