package kubeapi

import (
	"k8s.io/apimachinery/pkg/runtime"
	api "k8s.io/kubernetes/pkg/apis/core"
)

// allocate does, for the few kinds that need it, what the server's storage
// layer does between the strategy's preparation and validation: it fills
// the fields that allocators own, so validation sees them filled as it
// does in a cluster. It is written here because the allocators need a live
// cluster's state; only their effect on field presence matters offline.
func allocate(obj runtime.Object) {
	svc, ok := obj.(*api.Service)
	if !ok {
		return
	}
	// An old client's singular clusterIP seeds the plural list.
	if svc.Spec.ClusterIP != "" && len(svc.Spec.ClusterIPs) == 0 {
		svc.Spec.ClusterIPs = []string{svc.Spec.ClusterIP}
	}
	// A LoadBalancer that keeps client addresses gets a health-check node
	// port from the node-port allocator when none is given. Any port of the
	// default range stands for the one it would pick.
	if svc.Spec.Type == api.ServiceTypeLoadBalancer &&
		svc.Spec.ExternalTrafficPolicy == api.ServiceExternalTrafficPolicyLocal &&
		svc.Spec.HealthCheckNodePort == 0 {
		svc.Spec.HealthCheckNodePort = 30000
	}
}
