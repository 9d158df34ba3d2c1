package schema_test

import (
	"testing"

	"github.com/iactutor/iactutor/internal/grader/terraform/schema"
)

// BenchmarkOpen is what the first schema look-up of a run pays: the index.
func BenchmarkOpen(b *testing.B) {
	for b.Loop() {
		if _, err := schema.AWS(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResource is one resource type's first use.
func BenchmarkResource(b *testing.B) {
	p, err := schema.AWS()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, ok, err := p.Resource("aws_ecs_service"); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
