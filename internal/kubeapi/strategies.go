package kubeapi

import (
	"context"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/operation"
	genericvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/api/validation/path"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/registry/rest"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/featuregate"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	podutil "k8s.io/kubernetes/pkg/api/pod"
	serviceutil "k8s.io/kubernetes/pkg/api/service"
	"k8s.io/kubernetes/pkg/apis/apps"
	appsvalidation "k8s.io/kubernetes/pkg/apis/apps/validation"
	"k8s.io/kubernetes/pkg/apis/autoscaling"
	autoscalingvalidation "k8s.io/kubernetes/pkg/apis/autoscaling/validation"
	"k8s.io/kubernetes/pkg/apis/batch"
	batchvalidation "k8s.io/kubernetes/pkg/apis/batch/validation"
	api "k8s.io/kubernetes/pkg/apis/core"
	corevalidation "k8s.io/kubernetes/pkg/apis/core/validation"
	"k8s.io/kubernetes/pkg/apis/networking"
	networkingvalidation "k8s.io/kubernetes/pkg/apis/networking/validation"
	"k8s.io/kubernetes/pkg/apis/policy"
	policyvalidation "k8s.io/kubernetes/pkg/apis/policy/validation"
	"k8s.io/kubernetes/pkg/apis/rbac"
	rbacvalidation "k8s.io/kubernetes/pkg/apis/rbac/validation"
	"k8s.io/kubernetes/pkg/apis/scheduling"
	schedulingvalidation "k8s.io/kubernetes/pkg/apis/scheduling/validation"
	"k8s.io/kubernetes/pkg/apis/storage"
	storagevalidation "k8s.io/kubernetes/pkg/apis/storage/validation"
	"k8s.io/kubernetes/pkg/features"

	// Installing a group registers its internal and versioned types, their
	// conversions, the server's defaulting and the declarative validation
	// in legacyscheme.
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/autoscaling/install"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/networking/install"
	_ "k8s.io/kubernetes/pkg/apis/policy/install"
	_ "k8s.io/kubernetes/pkg/apis/rbac/install"
	_ "k8s.io/kubernetes/pkg/apis/scheduling/install"
	_ "k8s.io/kubernetes/pkg/apis/storage/install"
)

// kind is one built-in kind: where the server keeps it, and the
// validation its create path runs. The functions called are the server's
// own; this table only says which one belongs to which kind and with
// which options, as the kind's registry strategy does. The strategies
// themselves are not imported: they bring the storage layer along, which
// costs every start of the program more than all validation together.
type kind struct {
	group, kind, resource string
	namespaced            bool
	validate              func(obj runtime.Object) field.ErrorList
	warnings              func(ctx context.Context, obj runtime.Object) []string
	// options are the declarative validation options the kind's strategy
	// declares; an option it declares but that is missing here would be
	// reported by the library as an internal error.
	options map[string]bool
}

func gate(f featuregate.Feature) map[string]bool {
	return map[string]bool{string(f): utilfeature.DefaultFeatureGate.Enabled(f)}
}

func builtinKinds() []kind {
	templateWarnings := func(path string, t func(runtime.Object) *api.PodTemplateSpec) func(context.Context, runtime.Object) []string {
		return func(ctx context.Context, obj runtime.Object) []string {
			return podutil.GetWarningsForPodTemplate(ctx, field.NewPath(path, "template"), t(obj), nil)
		}
	}
	return []kind{
		{group: "", kind: "Pod", resource: "pods", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				p := o.(*api.Pod)
				opts := podutil.GetValidationOptionsFromPodSpecAndMeta(&p.Spec, nil, &p.ObjectMeta, nil)
				opts.ResourceIsPod = true
				return corevalidation.ValidatePodCreate(p, opts)
			},
			warnings: func(ctx context.Context, o runtime.Object) []string {
				return podutil.GetWarningsForPod(ctx, o.(*api.Pod), nil)
			}},
		{group: "", kind: "Service", resource: "services", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList { return corevalidation.ValidateServiceCreate(o.(*api.Service)) },
			warnings: func(_ context.Context, o runtime.Object) []string {
				return serviceutil.GetWarningsForService(o.(*api.Service), nil)
			}},
		{group: "", kind: "ConfigMap", resource: "configmaps", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList { return corevalidation.ValidateConfigMap(o.(*api.ConfigMap)) }},
		{group: "", kind: "Secret", resource: "secrets", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList { return corevalidation.ValidateSecret(o.(*api.Secret)) }},
		{group: "", kind: "Namespace", resource: "namespaces",
			validate: func(o runtime.Object) field.ErrorList { return corevalidation.ValidateNamespace(o.(*api.Namespace)) }},
		{group: "", kind: "ServiceAccount", resource: "serviceaccounts", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				return corevalidation.ValidateServiceAccount(o.(*api.ServiceAccount))
			}},
		{group: "", kind: "PersistentVolumeClaim", resource: "persistentvolumeclaims", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				pvc := o.(*api.PersistentVolumeClaim)
				return corevalidation.ValidatePersistentVolumeClaim(pvc, corevalidation.ValidationOptionsForPersistentVolumeClaim(pvc, nil))
			}},
		{group: "", kind: "PersistentVolume", resource: "persistentvolumes",
			validate: func(o runtime.Object) field.ErrorList {
				pv := o.(*api.PersistentVolume)
				return corevalidation.ValidatePersistentVolume(pv, corevalidation.ValidationOptionsForPersistentVolume(pv, nil))
			}},
		{group: "", kind: "ReplicationController", resource: "replicationcontrollers", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				rc := o.(*api.ReplicationController)
				return corevalidation.ValidateReplicationController(rc, podutil.GetValidationOptionsFromPodTemplate(rc.Spec.Template, nil))
			}},
		{group: "", kind: "LimitRange", resource: "limitranges", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList { return corevalidation.ValidateLimitRange(o.(*api.LimitRange)) }},
		{group: "", kind: "ResourceQuota", resource: "resourcequotas", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				return corevalidation.ValidateResourceQuota(o.(*api.ResourceQuota))
			}},
		{group: "", kind: "PodTemplate", resource: "podtemplates", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				t := o.(*api.PodTemplate)
				return corevalidation.ValidatePodTemplate(t, podutil.GetValidationOptionsFromPodTemplate(&t.Template, nil))
			}},
		{group: "apps", kind: "Deployment", resource: "deployments", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				d := o.(*apps.Deployment)
				return appsvalidation.ValidateDeployment(d, podutil.GetValidationOptionsFromPodTemplate(&d.Spec.Template, nil))
			},
			warnings: templateWarnings("spec", func(o runtime.Object) *api.PodTemplateSpec { return &o.(*apps.Deployment).Spec.Template })},
		{group: "apps", kind: "StatefulSet", resource: "statefulsets", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				s := o.(*apps.StatefulSet)
				setOpts := appsvalidation.StatefulSetValidationOptions{
					AllowStatefulSetRecreateStrategy: utilfeature.DefaultFeatureGate.Enabled(features.StatefulSetRecreateStrategy),
				}
				return appsvalidation.ValidateStatefulSet(s, setOpts, podutil.GetValidationOptionsFromPodTemplate(&s.Spec.Template, nil))
			},
			warnings: templateWarnings("spec", func(o runtime.Object) *api.PodTemplateSpec { return &o.(*apps.StatefulSet).Spec.Template })},
		{group: "apps", kind: "DaemonSet", resource: "daemonsets", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				d := o.(*apps.DaemonSet)
				return appsvalidation.ValidateDaemonSet(d, podutil.GetValidationOptionsFromPodTemplate(&d.Spec.Template, nil))
			},
			warnings: templateWarnings("spec", func(o runtime.Object) *api.PodTemplateSpec { return &o.(*apps.DaemonSet).Spec.Template })},
		{group: "apps", kind: "ReplicaSet", resource: "replicasets", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				r := o.(*apps.ReplicaSet)
				return appsvalidation.ValidateReplicaSet(r, podutil.GetValidationOptionsFromPodTemplate(&r.Spec.Template, nil))
			},
			warnings: templateWarnings("spec", func(o runtime.Object) *api.PodTemplateSpec { return &o.(*apps.ReplicaSet).Spec.Template })},
		{group: "batch", kind: "Job", resource: "jobs", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				j := o.(*batch.Job)
				opts := batchvalidation.JobValidationOptions{
					PodValidationOptions:  podutil.GetValidationOptionsFromPodTemplate(&j.Spec.Template, nil),
					RequirePrefixedLabels: true,
				}
				return batchvalidation.ValidateJobCreate(j, opts)
			},
			warnings: templateWarnings("spec", func(o runtime.Object) *api.PodTemplateSpec { return &o.(*batch.Job).Spec.Template }),
			options:  gate(features.WorkloadWithJob)},
		{group: "batch", kind: "CronJob", resource: "cronjobs", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				c := o.(*batch.CronJob)
				return batchvalidation.ValidateCronJobCreate(c, podutil.GetValidationOptionsFromPodTemplate(&c.Spec.JobTemplate.Spec.Template, nil))
			},
			options: gate(features.WorkloadWithJob)},
		{group: "autoscaling", kind: "HorizontalPodAutoscaler", resource: "horizontalpodautoscalers", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				h := o.(*autoscaling.HorizontalPodAutoscaler)
				opts := autoscalingvalidation.HorizontalPodAutoscalerSpecValidationOptions{
					MinReplicasLowerBound: 1,
					ScaleTargetRefValidationOptions: autoscalingvalidation.CrossVersionObjectReferenceValidationOptions{
						AllowEmptyAPIGroup: h.Spec.ScaleTargetRef.Kind == "ReplicationController", RequiredCoveredByDeclarative: true,
					},
					ObjectMetricsValidationOptions: autoscalingvalidation.CrossVersionObjectReferenceValidationOptions{AllowEmptyAPIGroup: true},
				}
				if utilfeature.DefaultFeatureGate.Enabled(features.HPAScaleToZero) {
					opts.MinReplicasLowerBound = 0
				}
				return autoscalingvalidation.ValidateHorizontalPodAutoscaler(h, opts)
			},
			options: gate(features.HPAScaleToZero)},
		{group: "networking.k8s.io", kind: "Ingress", resource: "ingresses", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				return networkingvalidation.ValidateIngressCreate(o.(*networking.Ingress))
			}},
		{group: "networking.k8s.io", kind: "IngressClass", resource: "ingressclasses",
			validate: func(o runtime.Object) field.ErrorList {
				return networkingvalidation.ValidateIngressClass(o.(*networking.IngressClass))
			}},
		{group: "networking.k8s.io", kind: "NetworkPolicy", resource: "networkpolicies", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				np := o.(*networking.NetworkPolicy)
				return networkingvalidation.ValidateNetworkPolicy(np, networkingvalidation.ValidationOptionsForNetworking(np, nil))
			}},
		{group: "policy", kind: "PodDisruptionBudget", resource: "poddisruptionbudgets", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				return policyvalidation.ValidatePodDisruptionBudget(o.(*policy.PodDisruptionBudget), policyvalidation.PodDisruptionBudgetValidationOptions{})
			}},
		{group: "rbac.authorization.k8s.io", kind: "Role", resource: "roles", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList { return rbacvalidation.ValidateRole(o.(*rbac.Role)) }},
		{group: "rbac.authorization.k8s.io", kind: "ClusterRole", resource: "clusterroles",
			validate: func(o runtime.Object) field.ErrorList {
				return rbacvalidation.ValidateClusterRole(o.(*rbac.ClusterRole), rbacvalidation.ClusterRoleValidationOptions{})
			}},
		{group: "rbac.authorization.k8s.io", kind: "RoleBinding", resource: "rolebindings", namespaced: true,
			validate: func(o runtime.Object) field.ErrorList {
				return rbacvalidation.ValidateRoleBinding(o.(*rbac.RoleBinding))
			}},
		{group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding", resource: "clusterrolebindings",
			validate: func(o runtime.Object) field.ErrorList {
				return rbacvalidation.ValidateClusterRoleBinding(o.(*rbac.ClusterRoleBinding))
			}},
		{group: "scheduling.k8s.io", kind: "PriorityClass", resource: "priorityclasses",
			validate: func(o runtime.Object) field.ErrorList {
				return schedulingvalidation.ValidatePriorityClass(o.(*scheduling.PriorityClass))
			}},
		{group: "storage.k8s.io", kind: "StorageClass", resource: "storageclasses",
			validate: func(o runtime.Object) field.ErrorList {
				return storagevalidation.ValidateStorageClass(o.(*storage.StorageClass))
			}},
		{group: "storage.k8s.io", kind: "CSIDriver", resource: "csidrivers",
			validate: func(o runtime.Object) field.ErrorList {
				return storagevalidation.ValidateCSIDriver(o.(*storage.CSIDriver))
			}},
	}
}

func (k kind) groupKind() schema.GroupKind { return schema.GroupKind{Group: k.group, Kind: k.kind} }

// create runs what the server runs on a create once the object is
// decoded, defaulted and in its internal form: the kind's own
// preparation, its hand-written validation, the generic metadata
// validation, and the declarative validation registered in the scheme.
func (k kind) create(ctx context.Context, obj runtime.Object) (field.ErrorList, []string) {
	prepare(obj)
	errs := k.validate(obj)
	if len(errs) == 0 {
		// As the server does, the generic metadata rules run after the
		// kind's own, so that the kind's more specific message wins.
		if om, err := meta.Accessor(obj); err == nil {
			errs = genericvalidation.ValidateObjectMetaAccessor(om, k.namespaced, func(name string, _ bool) []string { return path.IsValidPathSegmentName(name) }, field.NewPath("metadata"))
		}
	}
	errs = rest.ValidateDeclarativelyWithMigrationChecks(ctx, legacyscheme.Scheme, obj, nil, errs, operation.Create,
		rest.DeclarativeValidationConfig{Options: k.options})
	var warnings []string
	if k.warnings != nil {
		warnings = k.warnings(ctx, obj)
	}
	return errs, warnings
}

// prepare does what a kind's strategy does to a new object before
// validating it, where that changes what validation sees: a Job without a
// manual selector gets one, and its pods get the labels it selects.
func prepare(obj runtime.Object) {
	j, ok := obj.(*batch.Job)
	if !ok || (j.Spec.ManualSelector != nil && *j.Spec.ManualSelector) {
		return
	}
	if j.Spec.Template.Labels == nil {
		j.Spec.Template.Labels = map[string]string{}
	}
	for _, l := range []string{batch.LegacyJobNameLabel, batch.JobNameLabel} {
		if _, ok := j.Spec.Template.Labels[l]; !ok {
			j.Spec.Template.Labels[l] = j.Name
		}
	}
	for _, l := range []string{batch.LegacyControllerUidLabel, batch.ControllerUidLabel} {
		if _, ok := j.Spec.Template.Labels[l]; !ok {
			j.Spec.Template.Labels[l] = string(j.UID)
		}
	}
	if j.Spec.Selector == nil {
		j.Spec.Selector = &metav1.LabelSelector{}
	}
	if j.Spec.Selector.MatchLabels == nil {
		j.Spec.Selector.MatchLabels = map[string]string{}
	}
	if _, ok := j.Spec.Selector.MatchLabels[batch.ControllerUidLabel]; !ok {
		j.Spec.Selector.MatchLabels[batch.ControllerUidLabel] = string(j.UID)
	}
}
