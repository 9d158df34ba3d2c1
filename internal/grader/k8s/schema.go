package k8s

import (
	"reflect"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	schedulingv1 "k8s.io/api/scheduling/v1"
	storagev1 "k8s.io/api/storage/v1"
)

// kinds maps "apiVersion kind" to the Go type the API server decodes into.
// Only built-in kinds are listed; anything else is a custom resource. It is
// built as a variable, not in init, so kindNames (which Go initializes
// after it) sees it filled: from init it saw an empty table and no "did
// you mean" for a kind ever fired.
var kinds = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, k := range []struct {
		apiVersion, kind string
		obj              any
	}{
		{"v1", "Pod", corev1.Pod{}},
		{"v1", "Service", corev1.Service{}},
		{"v1", "ConfigMap", corev1.ConfigMap{}},
		{"v1", "Secret", corev1.Secret{}},
		{"v1", "Namespace", corev1.Namespace{}},
		{"v1", "PersistentVolumeClaim", corev1.PersistentVolumeClaim{}},
		{"v1", "PersistentVolume", corev1.PersistentVolume{}},
		{"v1", "ServiceAccount", corev1.ServiceAccount{}},
		{"v1", "LimitRange", corev1.LimitRange{}},
		{"v1", "ResourceQuota", corev1.ResourceQuota{}},
		{"v1", "ReplicationController", corev1.ReplicationController{}},
		{"v1", "Endpoints", corev1.Endpoints{}},
		{"apps/v1", "Deployment", appsv1.Deployment{}},
		{"apps/v1", "StatefulSet", appsv1.StatefulSet{}},
		{"apps/v1", "DaemonSet", appsv1.DaemonSet{}},
		{"apps/v1", "ReplicaSet", appsv1.ReplicaSet{}},
		{"batch/v1", "Job", batchv1.Job{}},
		{"batch/v1", "CronJob", batchv1.CronJob{}},
		{"networking.k8s.io/v1", "Ingress", networkingv1.Ingress{}},
		{"networking.k8s.io/v1", "IngressClass", networkingv1.IngressClass{}},
		{"networking.k8s.io/v1", "NetworkPolicy", networkingv1.NetworkPolicy{}},
		{"autoscaling/v2", "HorizontalPodAutoscaler", autoscalingv2.HorizontalPodAutoscaler{}},
		{"autoscaling/v1", "HorizontalPodAutoscaler", autoscalingv1.HorizontalPodAutoscaler{}},
		{"policy/v1", "PodDisruptionBudget", policyv1.PodDisruptionBudget{}},
		{"rbac.authorization.k8s.io/v1", "Role", rbacv1.Role{}},
		{"rbac.authorization.k8s.io/v1", "RoleBinding", rbacv1.RoleBinding{}},
		{"rbac.authorization.k8s.io/v1", "ClusterRole", rbacv1.ClusterRole{}},
		{"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", rbacv1.ClusterRoleBinding{}},
		{"storage.k8s.io/v1", "StorageClass", storagev1.StorageClass{}},
		{"scheduling.k8s.io/v1", "PriorityClass", schedulingv1.PriorityClass{}},
	} {
		m[k.apiVersion+" "+k.kind] = reflect.TypeOf(k.obj)
	}
	return m
}()

// kindNames lists every built-in kind, sorted, for "did you mean" hints.
var kindNames = func() []string {
	seen := map[string]bool{}
	var out []string
	for k := range kinds {
		_, kind, _ := strings.Cut(k, " ")
		if !seen[kind] {
			seen[kind] = true
			out = append(out, kind)
		}
	}
	slices.Sort(out)
	return out
}()

// preferredAPI gives the apiVersion to use for a built-in kind.
func preferredAPI(kind string) string {
	for _, v := range []string{"v1", "apps/v1", "batch/v1", "networking.k8s.io/v1", "autoscaling/v2", "policy/v1",
		"rbac.authorization.k8s.io/v1", "storage.k8s.io/v1", "scheduling.k8s.io/v1"} {
		if _, ok := kinds[v+" "+kind]; ok {
			return v
		}
	}
	return ""
}

// builtinGroup reports API groups served by every cluster: a kind they do
// not define cannot be a custom resource.
func builtinGroup(apiVersion string) bool {
	group, _, ok := strings.Cut(apiVersion, "/")
	if !ok {
		return apiVersion == "v1"
	}
	switch group {
	case "apps", "batch", "autoscaling", "policy", "extensions":
		return true
	}
	return group == "networking.k8s.io" || group == "rbac.authorization.k8s.io" ||
		group == "storage.k8s.io" || group == "scheduling.k8s.io"
}

// customGroup reports an API group that only CustomResourceDefinitions
// serve: a DNS name with a dot (the API server refuses a CRD group without
// one) that no cluster has built in. Its kinds may share a built-in kind's
// name, as Knative's serving.knative.dev/v1 Service does.
func customGroup(apiVersion string) bool {
	group, _, ok := strings.Cut(apiVersion, "/")
	return ok && strings.Contains(group, ".") && !builtinGroup(apiVersion)
}

// removal says which release dropped an API version and what replaced it.
type removal struct {
	replacement string // "" when the kind itself is gone
	release     string
}

// removedAPIs lists API versions that current clusters no longer serve,
// keyed by "apiVersion kind"; "apiVersion *" covers any kind of that version.
var removedAPIs = map[string]removal{
	"extensions/v1beta1 Deployment":                                  {"apps/v1", "1.16"},
	"extensions/v1beta1 DaemonSet":                                   {"apps/v1", "1.16"},
	"extensions/v1beta1 ReplicaSet":                                  {"apps/v1", "1.16"},
	"extensions/v1beta1 NetworkPolicy":                               {"networking.k8s.io/v1", "1.16"},
	"extensions/v1beta1 PodSecurityPolicy":                           {"", "1.25"},
	"extensions/v1beta1 Ingress":                                     {"networking.k8s.io/v1", "1.22"},
	"extensions/v1beta1 *":                                           {"", "1.22"},
	"apps/v1beta1 *":                                                 {"apps/v1", "1.16"},
	"apps/v1beta2 *":                                                 {"apps/v1", "1.16"},
	"autoscaling/v2beta1 HorizontalPodAutoscaler":                    {"autoscaling/v2", "1.25"},
	"autoscaling/v2beta2 HorizontalPodAutoscaler":                    {"autoscaling/v2", "1.26"},
	"networking.k8s.io/v1beta1 *":                                    {"networking.k8s.io/v1", "1.22"},
	"batch/v1beta1 CronJob":                                          {"batch/v1", "1.25"},
	"batch/v2alpha1 CronJob":                                         {"batch/v1", "1.21"},
	"policy/v1beta1 PodDisruptionBudget":                             {"policy/v1", "1.25"},
	"policy/v1beta1 PodSecurityPolicy":                               {"", "1.25"},
	"rbac.authorization.k8s.io/v1beta1 *":                            {"rbac.authorization.k8s.io/v1", "1.22"},
	"rbac.authorization.k8s.io/v1alpha1 *":                           {"rbac.authorization.k8s.io/v1", "1.22"},
	"storage.k8s.io/v1beta1 CSIStorageCapacity":                      {"storage.k8s.io/v1", "1.27"},
	"storage.k8s.io/v1beta1 *":                                       {"storage.k8s.io/v1", "1.22"},
	"scheduling.k8s.io/v1beta1 PriorityClass":                        {"scheduling.k8s.io/v1", "1.22"},
	"apiextensions.k8s.io/v1beta1 CustomResourceDefinition":          {"apiextensions.k8s.io/v1", "1.22"},
	"admissionregistration.k8s.io/v1beta1 *":                         {"admissionregistration.k8s.io/v1", "1.22"},
	"apiregistration.k8s.io/v1beta1 APIService":                      {"apiregistration.k8s.io/v1", "1.22"},
	"certificates.k8s.io/v1beta1 CertificateSigningRequest":          {"certificates.k8s.io/v1", "1.22"},
	"coordination.k8s.io/v1beta1 Lease":                              {"coordination.k8s.io/v1", "1.22"},
	"discovery.k8s.io/v1beta1 EndpointSlice":                         {"discovery.k8s.io/v1", "1.25"},
	"events.k8s.io/v1beta1 Event":                                    {"events.k8s.io/v1", "1.25"},
	"node.k8s.io/v1beta1 RuntimeClass":                               {"node.k8s.io/v1", "1.25"},
	"flowcontrol.apiserver.k8s.io/v1beta2 *":                         {"flowcontrol.apiserver.k8s.io/v1", "1.29"},
	"flowcontrol.apiserver.k8s.io/v1beta3 *":                         {"flowcontrol.apiserver.k8s.io/v1", "1.32"},
	"authentication.k8s.io/v1beta1 *":                                {"authentication.k8s.io/v1", "1.22"},
	"authorization.k8s.io/v1beta1 *":                                 {"authorization.k8s.io/v1", "1.22"},
	"admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy": {"admissionregistration.k8s.io/v1", "1.32"},
}

// removedAPI looks up an apiVersion and kind in removedAPIs.
func removedAPI(apiVersion, kind string) (removal, bool) {
	if r, ok := removedAPIs[apiVersion+" "+kind]; ok {
		return r, true
	}
	r, ok := removedAPIs[apiVersion+" *"]
	if ok && r.replacement == "" {
		// a whole version is gone; name the current home of the kind if it
		// is a built-in one
		r.replacement = preferredAPI(kind)
	}
	return r, ok
}

// required lists the fields the API server insists on, by the Go type of the
// mapping that must hold them, with the rule to report when one is missing.
var required = map[reflect.Type][]requiredField{
	reflect.TypeOf(corev1.Container{}):                          {{"name", ruleMissingField}, {"image", ruleContainerMissingImage}},
	reflect.TypeOf(corev1.PodSpec{}):                            {{"containers", ruleMissingField}},
	reflect.TypeOf(corev1.ContainerPort{}):                      {{"containerPort", ruleMissingField}},
	reflect.TypeOf(corev1.EnvVar{}):                             {{"name", ruleMissingField}},
	reflect.TypeOf(corev1.Volume{}):                             {{"name", ruleMissingField}},
	reflect.TypeOf(corev1.VolumeMount{}):                        {{"name", ruleMissingField}, {"mountPath", ruleMissingField}},
	reflect.TypeOf(corev1.ServicePort{}):                        {{"port", ruleMissingField}},
	reflect.TypeOf(corev1.ConfigMapKeySelector{}):               {{"key", ruleMissingField}},
	reflect.TypeOf(corev1.SecretKeySelector{}):                  {{"key", ruleMissingField}},
	reflect.TypeOf(corev1.KeyToPath{}):                          {{"key", ruleMissingField}, {"path", ruleMissingField}},
	reflect.TypeOf(corev1.HTTPGetAction{}):                      {{"port", ruleMissingField}},
	reflect.TypeOf(corev1.TCPSocketAction{}):                    {{"port", ruleMissingField}},
	reflect.TypeOf(corev1.PersistentVolumeClaimVolumeSource{}):  {{"claimName", ruleMissingField}},
	reflect.TypeOf(appsv1.DeploymentSpec{}):                     {{"selector", ruleMissingField}, {"template", ruleMissingField}},
	reflect.TypeOf(appsv1.StatefulSetSpec{}):                    {{"selector", ruleMissingField}, {"template", ruleMissingField}},
	reflect.TypeOf(appsv1.DaemonSetSpec{}):                      {{"selector", ruleMissingField}, {"template", ruleMissingField}},
	reflect.TypeOf(appsv1.ReplicaSetSpec{}):                     {{"selector", ruleMissingField}},
	reflect.TypeOf(batchv1.JobSpec{}):                           {{"template", ruleMissingField}},
	reflect.TypeOf(batchv1.CronJobSpec{}):                       {{"schedule", ruleMissingField}, {"jobTemplate", ruleMissingField}},
	reflect.TypeOf(autoscalingv2.HorizontalPodAutoscalerSpec{}): {{"scaleTargetRef", ruleMissingField}, {"maxReplicas", ruleMissingField}},
	reflect.TypeOf(autoscalingv1.HorizontalPodAutoscalerSpec{}): {{"scaleTargetRef", ruleMissingField}, {"maxReplicas", ruleMissingField}},
	reflect.TypeOf(autoscalingv2.CrossVersionObjectReference{}): {{"kind", ruleMissingField}, {"name", ruleMissingField}},
	reflect.TypeOf(autoscalingv2.MetricSpec{}):                  {{"type", ruleMissingField}},
	reflect.TypeOf(networkingv1.IngressServiceBackend{}):        {{"name", ruleMissingField}},
	reflect.TypeOf(networkingv1.HTTPIngressPath{}):              {{"backend", ruleMissingField}},
	reflect.TypeOf(networkingv1.HTTPIngressRuleValue{}):         {{"paths", ruleMissingField}},
	reflect.TypeOf(corev1.PersistentVolumeClaimSpec{}):          {{"accessModes", ruleMissingField}},
	reflect.TypeOf(rbacv1.RoleBinding{}):                        {{"roleRef", ruleMissingField}},
	reflect.TypeOf(rbacv1.ClusterRoleBinding{}):                 {{"roleRef", ruleMissingField}},
	reflect.TypeOf(rbacv1.Subject{}):                            {{"kind", ruleMissingField}, {"name", ruleMissingField}},
}

type requiredField struct {
	name string
	rule string
}
