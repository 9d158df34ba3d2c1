// Package kubeapi replays, offline, what the Kubernetes API server does with
// an object on create: decode it as the server decodes it, apply the
// server's defaulting, prepare it as the resource's strategy does, and run
// the server's own validation (hand-written and declarative) of the pinned
// Kubernetes release. The verdict comes from k8s.io/kubernetes itself, so
// it cannot drift from what a cluster of that release answers; this package
// only carries the answer, with the field paths the server names.
package kubeapi

import (
	"context"
	"fmt"
	"strings"

	"github.com/go-logr/logr"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/capabilities"
)

// Release is the Kubernetes release whose API server this package replays.
const Release = "v1.37.2"

// Finding is one thing the server says about an object.
type Finding struct {
	// Path is the field path as the server writes it, for example
	// spec.template.spec.containers[0].ports[1].containerPort or
	// metadata.labels[app.kubernetes.io/name]; empty for the whole object.
	Path string
	// Type is the kind of error: Required, Invalid, NotSupported,
	// Duplicate, Forbidden, TooLong, TooMany, NotFound, Internal or
	// FieldValueTypeInvalid; "Warning" for a warning.
	Type string
	// Value is the offending value as the server prints it, when it gives one.
	Value string
	// Detail is the server's explanation without the path.
	Detail string
	// Message is the whole finding as the server prints it.
	Message string
}

// Verdict is the server's answer to a create.
type Verdict struct {
	Errors   []Finding
	Warnings []Finding
}

// Validator holds the strategies of the built-in kinds. It is read-only
// once built, so one Validator serves concurrent callers.
type Validator struct {
	kinds  map[schema.GroupKind]kind
	scheme *runtime.Scheme
}

// New builds a Validator over the built-in kinds of Release.
func New() *Validator {
	// kube-apiserver refuses privileged containers unless it runs with
	// --allow-privileged=true, which kubeadm and the managed services set;
	// whether a namespace may run them is Pod Security admission's call,
	// not validation's. The library keeps this in a process-wide
	// setting that only its first setter fixes.
	capabilities.Setup(true, 0)
	v := &Validator{kinds: map[schema.GroupKind]kind{}, scheme: legacyscheme.Scheme}
	for _, k := range builtinKinds() {
		v.kinds[k.groupKind()] = k
	}
	return v
}

// Knows reports whether apiVersion/kind is a built-in kind this Validator
// validates, in a version the server still serves.
func (v *Validator) Knows(apiVersion, kindName string) bool {
	gvk := schema.FromAPIVersionAndKind(apiVersion, kindName)
	if _, ok := v.kinds[gvk.GroupKind()]; !ok {
		return false
	}
	return v.scheme.Recognizes(gvk)
}

// ErrUnknownKind is returned for kinds the Validator does not replay.
var ErrUnknownKind = fmt.Errorf("not a built-in kind this release validates")

// Validate replays a create of the object in doc, a JSON document (YAML
// must be converted first, as kubectl does). namespace is the namespace the
// request would go to when the object names none ("default" when empty).
// A decoding error means the server would refuse the body before
// validating it; callers report that in their own words, with positions.
func (v *Validator) Validate(doc []byte, namespace string) (Verdict, error) {
	decoder := legacyscheme.Codecs.UniversalDeserializer()
	versioned, _, err := decoder.Decode(doc, nil, nil)
	if err != nil {
		return Verdict{}, fmt.Errorf("decoding the object: %w", err)
	}
	return v.validate(versioned, namespace)
}

// ValidateObject replays a create of obj, a typed object of k8s.io/api
// (for example *appsv1.Deployment) with its apiVersion and kind set. obj
// is not modified: the server's defaulting works on a copy.
func (v *Validator) ValidateObject(obj runtime.Object, namespace string) (Verdict, error) {
	return v.validate(obj.DeepCopyObject(), namespace)
}

func (v *Validator) validate(versioned runtime.Object, namespace string) (Verdict, error) {
	gvk := versioned.GetObjectKind().GroupVersionKind()
	k, ok := v.kinds[gvk.GroupKind()]
	if !ok {
		return Verdict{}, fmt.Errorf("%s: %w", gvk, ErrUnknownKind)
	}
	v.scheme.Default(versioned)
	internalGV := schema.GroupVersion{Group: gvk.Group, Version: runtime.APIVersionInternal}
	obj, err := v.scheme.ConvertToVersion(versioned, internalGV)
	if err != nil {
		return Verdict{}, fmt.Errorf("converting %s to the server's internal form: %w", gvk, err)
	}
	om, err := meta.Accessor(obj)
	if err != nil {
		return Verdict{}, fmt.Errorf("reading metadata: %w", err)
	}
	// kubectl sends a namespaced object to the namespace it names, or to
	// the context's namespace; a cluster-scoped one to no namespace, and
	// the server then clears whatever namespace the object carries.
	reqNS := om.GetNamespace()
	if reqNS == "" {
		reqNS = namespace
		if reqNS == "" {
			reqNS = "default"
		}
	}
	reqNS = rest.ExpectedNamespaceForScope(reqNS, k.namespaced)
	if err := rest.EnsureObjectNamespaceMatchesRequestNamespace(reqNS, om); err != nil {
		return Verdict{}, fmt.Errorf("placing the object in namespace %q: %w", reqNS, err)
	}
	// Declarative validation logs where it disagrees with the hand-written
	// rules; that is the server's own telemetry, not a finding, and must
	// not reach a learner's terminal. The logger travels in the context, so
	// no process-wide setting changes under concurrent callers.
	ctx := klog.NewContext(context.Background(), logr.Discard())
	ctx = genericapirequest.WithNamespace(ctx, reqNS)
	// The registry stamps a UID and a creation time before the strategy
	// runs; a Job's generated selector is built from that UID.
	rest.FillObjectMetaSystemFields(om)
	// The server picks a name from generateName before validating; any
	// valid suffix stands for the one it would pick.
	if om.GetName() == "" && om.GetGenerateName() != "" {
		om.SetName(om.GetGenerateName() + "x7k2q")
	}
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true,
		Verb:              "create",
		APIGroup:          gvk.Group,
		APIVersion:        gvk.Version,
		Resource:          k.resource,
		Namespace:         om.GetNamespace(),
		Name:              om.GetName(),
	})
	allocate(obj)
	errs, warnings := k.create(ctx, obj)
	var verdict Verdict
	for _, e := range errs {
		verdict.Errors = append(verdict.Errors, fromFieldError(e))
	}
	for _, w := range warnings {
		verdict.Warnings = append(verdict.Warnings, fromWarning(w))
	}
	return verdict, nil
}

func fromFieldError(e *field.Error) Finding {
	f := Finding{Path: e.Field, Type: typeName(e.Type), Detail: e.Detail, Message: e.Error()}
	if e.BadValue != nil && e.Type != field.ErrorTypeRequired && e.Type != field.ErrorTypeForbidden && e.Type != field.ErrorTypeInternal {
		f.Value = fmt.Sprint(e.BadValue)
	}
	if f.Detail == "" {
		f.Detail = strings.TrimPrefix(e.ErrorBody(), e.Field+": ")
	}
	if e.Field == "<nil>" {
		f.Path = ""
	}
	return f
}

// typeName names an error type with a stable word instead of the server's
// display string, which has spaces and may change.
func typeName(t field.ErrorType) string {
	switch t {
	case field.ErrorTypeNotFound:
		return "NotFound"
	case field.ErrorTypeRequired:
		return "Required"
	case field.ErrorTypeDuplicate:
		return "Duplicate"
	case field.ErrorTypeInvalid:
		return "Invalid"
	case field.ErrorTypeNotSupported:
		return "NotSupported"
	case field.ErrorTypeForbidden:
		return "Forbidden"
	case field.ErrorTypeTooLong:
		return "TooLong"
	case field.ErrorTypeTooMany:
		return "TooMany"
	case field.ErrorTypeInternal:
		return "Internal"
	case field.ErrorTypeTypeInvalid:
		return "TypeInvalid"
	}
	return string(t)
}

// fromWarning splits a server warning "path: text" into its parts; the
// server writes most warnings that way, and those it does not stay whole.
func fromWarning(w string) Finding {
	if i := strings.Index(w, ": "); i > 0 && !strings.ContainsAny(w[:i], " ") {
		return Finding{Path: w[:i], Type: "Warning", Detail: w[i+2:], Message: w}
	}
	return Finding{Type: "Warning", Detail: w, Message: w}
}

// Defaulted returns a copy of obj, a typed object of k8s.io/api with its
// apiVersion and kind set, with the API server's defaulting applied: what
// a cluster stores and what `kubectl get -o yaml` shows. Checks that judge
// outcomes read this, so a field the server fills is not "missing".
func (v *Validator) Defaulted(obj runtime.Object) runtime.Object {
	out := obj.DeepCopyObject()
	v.scheme.Default(out)
	return out
}
