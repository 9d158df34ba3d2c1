// Package k8s validates Kubernetes YAML the way a careful reviewer would:
// it parses every document with positions, decodes each object strictly into
// the real k8s.io/api types, then checks single objects and the references
// between the objects given together. Every finding is a diag.Diagnostic that
// points at the exact key or value a learner must change. Its texts are
// catalog messages (keys k8s.*, in internal/msg/locales/LANG.yaml), so
// the package never chooses a language and one result serves every reader.
package k8s

import (
	"github.com/iactutor/iactutor/internal/kubeapi"
	"github.com/iactutor/iactutor/internal/msg"
)

// Options tunes Load, Check and Lint.
type Options struct {
	// Complete means the file set is the whole world (an exercise): a
	// reference to an object not among the files is an error instead of a
	// warning, a port that no container declares is an error (the course
	// asks for every port to be declared; elsewhere it is a warning, since
	// a ports list need not be exhaustive), and an image without a registry
	// is warned about (elsewhere it is simply a Docker Hub image).
	Complete bool
	// Server replays the API server's create of each built-in object. A
	// caller that checks many sets (the grader) passes one it keeps; nil
	// means a Validator built for this call.
	Server *kubeapi.Validator
}

// didYouMean is the hint of every rule that found a near miss, so the
// question reads the same wherever it is asked.
func didYouMean(s string) msg.Text {
	return msg.New("k8s.did-you-mean", msg.Args{"Suggestion": bt(s)})
}
