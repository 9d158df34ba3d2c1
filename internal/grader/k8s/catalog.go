package k8s

import (
	"slices"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/rules"
)

// Rule IDs emitted by this package.
const (
	ruleYAMLSyntax            = "k8s/yaml-syntax"
	ruleYAMLAliases           = "k8s/yaml-aliases"
	ruleDuplicateKey          = "k8s/duplicate-key"
	ruleNotObject             = "k8s/not-object"
	ruleNotKubernetes         = "k8s/not-kubernetes"
	ruleUnknownField          = "k8s/unknown-field"
	ruleWrongType             = "k8s/wrong-type"
	ruleMissingField          = "k8s/missing-field"
	ruleContainerMissingImage = "k8s/container-missing-image"
	ruleRemovedAPI            = "k8s/removed-api"
	ruleKindNotInAPI          = "k8s/kind-not-in-api"
	ruleUnknownKind           = "k8s/unknown-kind"
	ruleInvalidName           = "k8s/invalid-name"
	ruleInvalidLabel          = "k8s/invalid-label"
	ruleSelectorMismatch      = "k8s/selector-mismatch"
	ruleDuplicatePort         = "k8s/duplicate-port"
	ruleQuantityInvalid       = "k8s/quantity-invalid"
	ruleQuantityUnit          = "k8s/quantity-unit"
	ruleLimitBelowRequest     = "k8s/limit-below-request"
	ruleMissingResources      = "k8s/missing-resources"
	ruleProbePortMismatch     = "k8s/probe-port-mismatch"
	ruleImageLatest           = "k8s/image-latest"
	ruleImageRegistry         = "k8s/image-registry"
	ruleHPAMinMax             = "k8s/hpa-min-max"
	ruleHPATargetMissing      = "k8s/hpa-target-missing"
	ruleHPACPURequest         = "k8s/hpa-cpu-request"
	ruleIngressPathType       = "k8s/ingress-path-type"
	ruleIngressBackend        = "k8s/ingress-backend"
	ruleConfigMapNonString    = "k8s/configmap-non-string"
	ruleConfigMapCredentials  = "k8s/configmap-credentials"
	ruleSecretBase64          = "k8s/secret-base64"
	ruleServiceSelector       = "k8s/service-selector-no-match"
	ruleTargetPortMismatch    = "k8s/target-port-mismatch"
	ruleRefMissing            = "k8s/ref-missing"
	ruleNamespaceMismatch     = "k8s/namespace-mismatch"
	ruleVolumeMountMissing    = "k8s/volume-mount-missing"
	rulePlaceholders          = "k8s/placeholders"
)

// Lesson slugs the rules point to.
const (
	lessonObjects   = "k8s-objects"
	lessonResources = "k8s-resources-probes"
	lessonDebugging = "k8s-debugging"
	lessonHPA       = "k8s-hpa"
	lessonConfig    = "k8s-config-secrets"
	lessonIngress   = "k8s-ingress"
	lessonOperate   = "k8s-operate"
)

func rule(id string, sev diag.Severity, lesson string) rules.Rule {
	return rules.Rule{ID: id, Severity: sev, Lesson: lesson}
}

const (
	errS  = diag.SeverityError
	warnS = diag.SeverityWarning
	infoS = diag.SeverityInfo
)

// catalog is every rule this package can emit; Rules returns a copy.
var catalog = []rules.Rule{
	rule(ruleYAMLSyntax, errS, lessonOperate),
	rule(ruleYAMLAliases, errS, lessonOperate),
	rule(ruleDuplicateKey, errS, lessonOperate),
	rule(ruleNotObject, errS, lessonOperate),
	rule(ruleNotKubernetes, infoS, lessonObjects),
	rule(rulePlaceholders, infoS, lessonOperate),
	rule(ruleUnknownField, errS, lessonOperate),
	rule(ruleWrongType, errS, lessonOperate),
	rule(ruleMissingField, errS, lessonObjects),
	rule(ruleContainerMissingImage, errS, lessonDebugging),
	rule(ruleRemovedAPI, errS, lessonOperate),
	rule(ruleKindNotInAPI, errS, lessonOperate),
	rule(ruleUnknownKind, infoS, lessonOperate),
	rule(ruleInvalidName, errS, lessonObjects),
	rule(ruleInvalidLabel, errS, lessonObjects),
	rule(ruleSelectorMismatch, errS, lessonObjects),
	rule(ruleDuplicatePort, warnS, lessonObjects),
	rule(ruleQuantityInvalid, errS, lessonResources),
	rule(ruleQuantityUnit, errS, lessonResources),
	rule(ruleLimitBelowRequest, errS, lessonResources),
	rule(ruleVolumeMountMissing, errS, lessonObjects),
	rule(ruleMissingResources, warnS, lessonResources),
	rule(ruleProbePortMismatch, errS, lessonResources),
	rule(ruleImageLatest, warnS, lessonDebugging),
	rule(ruleImageRegistry, warnS, lessonDebugging),
	rule(ruleHPAMinMax, errS, lessonHPA),
	rule(ruleHPATargetMissing, warnS, lessonHPA),
	rule(ruleHPACPURequest, errS, lessonHPA),
	rule(ruleIngressPathType, errS, lessonIngress),
	rule(ruleIngressBackend, errS, lessonIngress),
	rule(ruleConfigMapNonString, errS, lessonConfig),
	rule(ruleConfigMapCredentials, warnS, lessonConfig),
	rule(ruleSecretBase64, errS, lessonConfig),
	rule(ruleServiceSelector, warnS, lessonObjects),
	rule(ruleTargetPortMismatch, errS, lessonObjects),
	rule(ruleRefMissing, warnS, lessonConfig),
	rule(ruleNamespaceMismatch, errS, lessonObjects),
	rule(ruleAPIRequired, errS, lessonObjects),
	rule(ruleAPIInvalid, errS, lessonObjects),
	rule(ruleAPINotSupported, errS, lessonObjects),
	rule(ruleAPIForbidden, errS, lessonObjects),
	rule(ruleAPIDuplicate, errS, lessonObjects),
	rule(ruleAPIWarning, warnS, lessonOperate),
	// cross-object rules (issue 14)
	rule(rulePDBSelector, warnS, lessonOperate),
	rule(rulePDBNoEviction, warnS, lessonOperate),
	rule(ruleNetpolSelector, warnS, lessonObjects),
	rule(ruleNetpolNamespace, warnS, lessonObjects),
	rule(ruleSpreadSelector, warnS, lessonObjects),
	rule(ruleStatefulSetService, warnS, lessonObjects),
	rule(ruleRBACRefMissing, warnS, lessonOperate),
	rule(ruleIngressTLSHost, warnS, lessonIngress),
	rule(ruleKustomizeBuild, errS, lessonOperate),
}

// ruleIndex finds a rule by ID; built once, never modified.
var ruleIndex = func() map[string]rules.Rule {
	m := make(map[string]rules.Rule, len(catalog))
	for _, r := range catalog {
		m[r.ID] = r
	}
	return m
}()

// Rules returns every rule this package can emit, for `iactutor explain`
// and `iactutor rules`.
func Rules() []rules.Rule { return slices.Clone(catalog) }
