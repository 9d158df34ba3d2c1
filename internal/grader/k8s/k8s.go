// Package k8s validates Kubernetes YAML the way a careful reviewer would:
// it parses every document with positions, decodes each object strictly into
// the real k8s.io/api types, then checks single objects and the references
// between the objects given together. Every finding is a diag.Diagnostic that
// points at the exact key or value a learner must change.
package k8s

// Options tunes Load, Check and Lint.
type Options struct {
	// Complete means the file set is the whole world (an exercise): a
	// reference to an object not among the files is an error instead of a
	// warning.
	Complete bool
	// Lang is "en" or "es": the language of Summary/Detail/Hint texts.
	Lang string
}
