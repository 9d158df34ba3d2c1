package k8s

import (
	"regexp"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/kubeapi"
	"github.com/iactutor/iactutor/internal/msg"
)

// Rules for what the API server itself answers. Each error type the server
// uses gets one rule, so a learner's explanation can say what that kind of
// answer means and how such answers are usually fixed; the server's own
// sentence stays in the summary, word for word.
const (
	ruleAPIRequired     = "k8s/api-required"
	ruleAPIInvalid      = "k8s/api-invalid"
	ruleAPINotSupported = "k8s/api-not-supported"
	ruleAPIForbidden    = "k8s/api-forbidden"
	ruleAPIDuplicate    = "k8s/api-duplicate"
	ruleAPIWarning      = "k8s/api-warning"
)

func apiRule(typ string) string {
	switch typ {
	case "Required":
		return ruleAPIRequired
	case "NotSupported":
		return ruleAPINotSupported
	case "Forbidden":
		return ruleAPIForbidden
	case "Duplicate":
		return ruleAPIDuplicate
	case "Warning":
		return ruleAPIWarning
	}
	// Invalid, and the rest (TooLong, TooMany, NotFound, TypeInvalid,
	// Internal): the server's message says which limit or rule.
	return ruleAPIInvalid
}

// server replays the object's create against the API server's own
// validation. The hand-written rules ran first: where one of them already
// reported an error on the same line, its learner's explanation stands for
// the server's answer and the server's is not repeated.
func (c *checker) server(i int, handFrom int) {
	it := &c.s.items[i]
	// A patch is a partial object, and a resource of a labeling
	// kustomization gets its selector from kustomize: neither is what the
	// server receives.
	if c.api == nil || it.typed == nil || !it.known || it.decodeErr || it.role == kzPatch || it.role == kzLabeled {
		return
	}
	obj, ok := it.typed.(runtime.Object)
	if !ok {
		return
	}
	gvk := obj.GetObjectKind().GroupVersionKind()
	if !c.api.Knows(gvk.GroupVersion().String(), gvk.Kind) {
		return
	}
	v, err := c.api.ValidateObject(obj, "")
	if err != nil {
		// The object decoded into its k8s.io/api type, so the server would
		// decode it too; an error here is a conversion this release does
		// not have, and saying less is right.
		return
	}
	type placed struct {
		f    kubeapi.Finding
		rng  diag.Range
		rule string
	}
	var errs []placed
	serverSays := map[string]bool{} // rules the server's errors alias to
	for _, f := range v.Errors {
		p := placed{f, c.serverRng(i, f.Path), aliasRule(f)}
		errs = append(errs, p)
		serverSays[p.rule] = true
	}
	// The hand rules that re-describe checks of the server's own
	// validation only word what the server decides: when the server says
	// nothing of that kind about the object, their finding goes; when both
	// speak, the hand rule's more specific words, place and hint stay and
	// the server's are not repeated.
	handLines, handSays := map[int]bool{}, map[string]bool{}
	kept := c.r.ds[:handFrom]
	for _, d := range c.r.ds[handFrom:] {
		if d.Severity == diag.SeverityError && serverJudged[d.Rule] && !serverSays[d.Rule] {
			continue
		}
		if d.Severity == diag.SeverityError {
			handLines[d.Subject.Start.Line] = true
			handSays[d.Rule] = true
		}
		kept = append(kept, d)
	}
	c.r.ds = kept
	seen := map[string]bool{}
	report := func(f kubeapi.Finding, rule string, rng diag.Range, sev diag.Severity, key string) {
		if sev == diag.SeverityError && (handLines[rng.Start.Line] || serverJudged[rule] && handSays[rule]) {
			return
		}
		if seen[f.Message] {
			return
		}
		seen[f.Message] = true
		c.r.addSev(rule, sev, rng,
			msg.New(key, msg.Args{"Message": msg.Plain(f.Message), "Release": kubeapi.Release}), msg.Text{})
	}
	for _, p := range errs {
		report(p.f, p.rule, p.rng, diag.SeverityError, "k8s.api.rejects")
	}
	for _, f := range v.Warnings {
		report(f, ruleAPIWarning, c.serverRng(i, f.Path), diag.SeverityWarning, "k8s.api.warns")
	}
}

// serverJudged are the hand rules that re-describe checks of the server's
// own validation. They keep their IDs, which lessons and `explain` name,
// and their learner's words; the verdict is the server's.
var serverJudged = map[string]bool{
	ruleInvalidName:           true,
	ruleInvalidLabel:          true,
	ruleSelectorMismatch:      true,
	ruleContainerMissingImage: true,
	ruleIngressPathType:       true,
	ruleHPAMinMax:             true,
	ruleLimitBelowRequest:     true,
	ruleVolumeMountMissing:    true,
}

// aliases give a server finding the ID of the rule that explains it, when
// the finding is one that rule describes; the rest keep the ID of their
// kind of answer.
var aliases = []struct {
	typ    string
	path   *regexp.Regexp
	detail string
	rule   string
}{
	{"Invalid", regexp.MustCompile(`(^|\.)(metadata\.name|containers\[\d+\]\.name|ports\[\d+\]\.name)$`), "", ruleInvalidName},
	{"Invalid", regexp.MustCompile(`(^|\.)metadata\.labels$`), "selector", ruleSelectorMismatch},
	{"Invalid", regexp.MustCompile(`(^|\.)(labels|matchLabels)$`), "", ruleInvalidLabel},
	{"Required", regexp.MustCompile(`containers\[\d+\]\.image$`), "", ruleContainerMissingImage},
	{"", regexp.MustCompile(`\.pathType$`), "", ruleIngressPathType},
	{"Invalid", regexp.MustCompile(`^spec\.(minReplicas|maxReplicas)$`), "", ruleHPAMinMax},
	{"Invalid", regexp.MustCompile(`resources\.requests(\[[^]]+\])?$`), "less than or equal to", ruleLimitBelowRequest},
	{"NotFound", regexp.MustCompile(`volumeMounts\[\d+\]\.name$`), "", ruleVolumeMountMissing},
}

func aliasRule(f kubeapi.Finding) string {
	for _, a := range aliases {
		if (a.typ == "" || a.typ == f.Type) && a.path.MatchString(f.Path) && strings.Contains(f.Detail, a.detail) {
			return a.rule
		}
	}
	return apiRule(f.Type)
}

// writtenAs names fields the server validates under another name than the
// one a manifest usually writes: the registry copies clusterIP into
// clusterIPs before validating.
var writtenAs = map[string]string{"clusterIPs": "clusterIP"}

// serverRng is where a finding belongs: the value of the field the server
// names, or, when the manifest does not write that field, the key of its
// nearest written parent, so that a missing field points at one line.
func (c *checker) serverRng(i int, path string) diag.Range {
	it, root := &c.s.items[i], c.root(i)
	segs, ok := parsePath(path)
	if root == nil || !ok {
		return c.rng(i, "")
	}
	if last := &segs[len(segs)-1]; writtenAs[last.key] != "" {
		if _, v := walkPath(root, segs); v == nil {
			last.key = writtenAs[last.key]
		}
	}
	if _, v := walkPath(root, segs); v != nil {
		return it.doc.rng(v)
	}
	for n := len(segs) - 1; n > 0; n-- {
		k, v := walkPath(root, segs[:n])
		switch {
		case k != nil:
			return it.doc.rng(k)
		case v != nil:
			return it.doc.rng(v)
		}
	}
	return it.doc.lineRange(it.doc.pos(root).Line)
}
