package k8s

// The cases of the cross-object rules of rules_cross_more.go join the
// table every rule test reads, so they are also checked for messages in
// every language and for Lint agreeing with Load and Check.
func init() { ruleCases = append(ruleCases, crossMoreCases...) }

const pdb = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: churn-api
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: churn-api
`

const netpol = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: churn-api
spec:
  podSelector:
    matchLabels:
      app: churn-api
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: churn-api
        - namespaceSelector:
            matchLabels:
              team: edge
`

const edgeNamespace = `apiVersion: v1
kind: Namespace
metadata:
  name: edge
  labels:
    team: edge
`

// spreadDeploy is deploy with a topology spread constraint on its own pods.
var spreadDeploy = replace(deploy, "    spec:\n      containers:\n", `    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app: churn-api
      containers:
`)

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: churn-db
spec:
  serviceName: churn-db
  selector:
    matchLabels:
      app: churn-db
  template:
    metadata:
      labels:
        app: churn-db
    spec:
      containers:
        - name: db
          image: ghcr.io/acme/churn-db:16.2
`

const headlessService = `apiVersion: v1
kind: Service
metadata:
  name: churn-db
spec:
  clusterIP: None
  selector:
    app: churn-db
  ports:
    - port: 5432
`

const roleBinding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: churn-reader
  namespace: mlops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
subjects:
  - kind: ServiceAccount
    name: churn-api
    namespace: mlops
`

const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
  namespace: mlops
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: churn-api
  namespace: mlops
`

const tlsIngress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: churn-api
spec:
  tls:
    - hosts:
        - churn.example.com
      secretName: churn-tls
  rules:
    - host: churn.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: churn-api
                port:
                  number: 80
`

// sidecarDeploy is deploy with a second container that declares 9090.
var sidecarDeploy = replace(deploy, "          resources:\n", `          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 64Mi
        - name: metrics
          image: ghcr.io/acme/exporter:0.9.1
          ports:
            - containerPort: 9090
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8000
          readinessProbe:
            tcpSocket:
              port: 9090
          resources:
`)

var crossMoreCases = []ruleCase{
	{name: "PDB selector typo", rule: rulePDBSelector, files: map[string]string{"d.yaml": deploy, "p.yaml": replace(pdb, "      app: churn-api", "      app: churn-apj")},
		want: []string{"p.yaml 9:12-9:21 warning"}},
	{name: "PDB selects pods of another namespace", rule: rulePDBSelector, files: map[string]string{"d.yaml": deploy, "p.yaml": replace(pdb, "  name: churn-api\n", "  name: churn-api\n  namespace: mlops\n")},
		want: []string{"p.yaml 9:5-10:21 warning"}},
	{name: "PDB expression matches no pod", rule: rulePDBSelector, files: map[string]string{"d.yaml": deploy,
		"p.yaml": replace(pdb, "    matchLabels:\n      app: churn-api\n", "    matchExpressions:\n      - {key: app, operator: In, values: [web, worker]}\n")},
		want: []string{"p.yaml 8:5-9:54 warning"}},
	{name: "PDB selects its pods", rule: rulePDBSelector, files: map[string]string{"d.yaml": deploy, "p.yaml": pdb}},
	{name: "PDB alone says nothing about pods", rule: rulePDBSelector, files: one(pdb)},

	{name: "minAvailable equals replicas", rule: rulePDBNoEviction, files: map[string]string{"d.yaml": deploy, "p.yaml": replace(pdb, "minAvailable: 1", "minAvailable: 2")},
		want: []string{"p.yaml 6:17-6:18 warning"}},
	{name: "minAvailable with the default single replica", rule: rulePDBNoEviction, files: map[string]string{"d.yaml": remove(deploy, "  replicas: 2\n"), "p.yaml": pdb},
		want: []string{"p.yaml 6:17-6:18 warning"}},
	{name: "maxUnavailable zero", rule: rulePDBNoEviction, files: one(replace(pdb, "minAvailable: 1", "maxUnavailable: 0")),
		want: []string{"6:19-6:20 warning"}},
	{name: "minAvailable 100%", rule: rulePDBNoEviction, files: one(replace(pdb, "minAvailable: 1", `minAvailable: "100%"`)),
		want: []string{"6:17-6:23 warning"}},
	{name: "minAvailable below replicas", rule: rulePDBNoEviction, files: map[string]string{"d.yaml": deploy, "p.yaml": pdb}},
	{name: "minAvailable of an autoscaled workload", rule: rulePDBNoEviction, files: map[string]string{"d.yaml": deploy, "h.yaml": hpa("Deployment", "churn-api", 2, 10),
		"p.yaml": replace(pdb, "minAvailable: 1", "minAvailable: 2")}},

	{name: "NetworkPolicy podSelector typo", rule: ruleNetpolSelector, files: map[string]string{"d.yaml": deploy, "n.yaml": replace(netpol, "  podSelector:\n    matchLabels:\n      app: churn-api", "  podSelector:\n    matchLabels:\n      app: churn")},
		want: []string{"n.yaml 8:12-8:17 warning"}},
	{name: "NetworkPolicy peer matches no pod", rule: ruleNetpolSelector, files: map[string]string{"d.yaml": deploy, "n.yaml": replace(netpol, "              app: churn-api", "              app: gateway")},
		want: []string{"n.yaml 13:20-13:27 warning"}},
	{name: "NetworkPolicy selects its pods", rule: ruleNetpolSelector, files: map[string]string{"d.yaml": deploy, "n.yaml": netpol}},
	{name: "NetworkPolicy selecting every pod", rule: ruleNetpolSelector, files: map[string]string{"d.yaml": deploy,
		"n.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n"}},

	{name: "namespaceSelector matches no Namespace", rule: ruleNetpolNamespace, files: map[string]string{"d.yaml": deploy, "n.yaml": netpol, "ns.yaml": remove(edgeNamespace, "  labels:\n    team: edge\n")},
		want: []string{"n.yaml 15:13-16:25 warning"}},
	{name: "namespaceSelector matches a Namespace", rule: ruleNetpolNamespace, files: map[string]string{"d.yaml": deploy, "n.yaml": netpol, "ns.yaml": edgeNamespace}},
	{name: "namespaceSelector by the automatic name label", rule: ruleNetpolNamespace, files: map[string]string{"d.yaml": deploy, "ns.yaml": remove(edgeNamespace, "  labels:\n    team: edge\n"),
		"n.yaml": replace(netpol, "              team: edge", "              kubernetes.io/metadata.name: edge")}},
	{name: "namespaceSelector of a system namespace", rule: ruleNetpolNamespace, files: map[string]string{"d.yaml": deploy, "ns.yaml": edgeNamespace,
		"n.yaml": replace(netpol, "              team: edge", "              kubernetes.io/metadata.name: kube-system")}},
	{name: "namespaceSelector without Namespaces in the files", rule: ruleNetpolNamespace, files: map[string]string{"d.yaml": deploy, "n.yaml": netpol}},

	{name: "spread selector is another app", rule: ruleSpreadSelector, files: one(replace(spreadDeploy, "              app: churn-api\n      containers", "              app: churn\n      containers")),
		want: []string{"21:20-21:25 warning"}},
	{name: "spread selector with an expression", rule: ruleSpreadSelector, files: one(replace(spreadDeploy, "            matchLabels:\n              app: churn-api\n      containers",
		"            matchExpressions:\n              - {key: tier, operator: Exists}\n      containers")),
		want: []string{"20:13-21:45 warning"}},
	{name: "spread selector matches the pod", rule: ruleSpreadSelector, files: one(spreadDeploy)},
	{name: "spread selector on the template hash", rule: ruleSpreadSelector, files: one(replace(spreadDeploy, "              app: churn-api\n      containers", "              app: churn-api\n              pod-template-hash: 5d4f8c\n      containers"))},

	{name: "serviceName not among the files", rule: ruleStatefulSetService, files: one(statefulSet),
		want: []string{"6:16-6:24 warning"}},
	{name: "serviceName missing in an exercise", rule: ruleStatefulSetService, complete: true, files: map[string]string{"s.yaml": statefulSet, "h.yaml": replace(headlessService, "name: churn-db", "name: churn-dbs")},
		want: []string{"s.yaml 6:16-6:24 error"}},
	{name: "serviceName is not headless", rule: ruleStatefulSetService, files: map[string]string{"s.yaml": statefulSet, "h.yaml": remove(headlessService, "  clusterIP: None\n")},
		want: []string{"h.yaml 5:1-5:5 warning"}},
	{name: "serviceName with a cluster IP", rule: ruleStatefulSetService, files: map[string]string{"s.yaml": statefulSet, "h.yaml": replace(headlessService, "clusterIP: None", "clusterIP: 10.0.0.12")},
		want: []string{"h.yaml 6:14-6:23 warning"}},
	{name: "serviceName is headless", rule: ruleStatefulSetService, files: map[string]string{"s.yaml": statefulSet, "h.yaml": headlessService}},

	{name: "Role not among the files", rule: ruleRBACRefMissing, files: one(roleBinding),
		want: []string{"9:9-9:22 warning", "12:11-12:20 warning"}},
	{name: "Role name typo in an exercise", rule: ruleRBACRefMissing, complete: true, files: map[string]string{"b.yaml": replace(roleBinding, "name: config-reader", "name: config-raeder"), "r.yaml": role},
		want: []string{"b.yaml 9:9-9:22 error"}},
	{name: "ServiceAccount in another namespace", rule: ruleRBACRefMissing, files: map[string]string{"b.yaml": replace(roleBinding, "    namespace: mlops", "    namespace: default"), "r.yaml": role},
		want: []string{"b.yaml 13:16-13:23 warning"}},
	{name: "ClusterRole not among the files", rule: ruleRBACRefMissing, files: map[string]string{"b.yaml": replace(roleBinding, "kind: Role\n", "kind: ClusterRole\n"), "r.yaml": role},
		want: []string{"b.yaml 9:9-9:22 warning"}},
	{name: "built-in ClusterRole", rule: ruleRBACRefMissing, files: map[string]string{"b.yaml": replace(replace(roleBinding, "kind: Role\n", "kind: ClusterRole\n"), "name: config-reader", "name: view"), "r.yaml": role}},
	{name: "controller account of kube-system", rule: ruleRBACRefMissing, files: map[string]string{"r.yaml": role,
		"b.yaml": replace(roleBinding, "    name: churn-api\n    namespace: mlops", "    name: horizontal-pod-autoscaler\n    namespace: kube-system")}},
	{name: "Role every cluster has in kube-system", rule: ruleRBACRefMissing, files: map[string]string{"r.yaml": role,
		"b.yaml": replace(replace(roleBinding, "  namespace: mlops\nroleRef", "  namespace: kube-system\nroleRef"), "name: config-reader", "name: extension-apiserver-authentication-reader")}},
	{name: "account of a namespace these files do not use", rule: ruleRBACRefMissing, files: map[string]string{"r.yaml": role,
		"b.yaml": replace(roleBinding, "    name: churn-api\n    namespace: mlops", "    name: collector\n    namespace: gmp-system")}},
	{name: "Role and ServiceAccount exist", rule: ruleRBACRefMissing, files: map[string]string{"b.yaml": roleBinding, "r.yaml": role}},
	{name: "RoleBinding to a Role of another namespace", rule: ruleNamespaceMismatch, files: map[string]string{"b.yaml": replace(roleBinding, "  namespace: mlops\nroleRef", "  namespace: web\nroleRef"), "r.yaml": role},
		want: []string{"b.yaml 9:9-9:22 error"}},

	{name: "TLS host without a rule", rule: ruleIngressTLSHost, files: one(replace(tlsIngress, "        - churn.example.com", "        - churn.exmaple.com")),
		want: []string{"8:11-8:28 warning"}},
	{name: "TLS host of another site", rule: ruleIngressTLSHost, files: one(replace(tlsIngress, "        - churn.example.com", "        - churn.example.com\n        - api.other.org")),
		want: []string{"9:11-9:24 warning"}},
	{name: "TLS hosts of the rules", rule: ruleIngressTLSHost, files: one(tlsIngress)},
	{name: "wildcard TLS host", rule: ruleIngressTLSHost, files: one(replace(tlsIngress, "        - churn.example.com", "        - \"*.example.com\""))},

	{name: "image pull secret not among the files", rule: ruleRefMissing, complete: true, files: one(replace(deploy, "      containers:\n", "      imagePullSecrets:\n        - name: ghcr-pull\n      containers:\n")),
		want: []string{"16:17-16:26 warning"}},
	{name: "projected volume sources", rule: ruleRefMissing, files: one(replace(deploy, "      containers:\n",
		"      volumes:\n        - name: cfg\n          projected:\n            sources:\n              - configMap:\n                  name: churn-config\n              - secret:\n                  name: churn-tls\n                  optional: true\n      containers:\n")),
		want: []string{"20:25-20:37 warning"}},
	{name: "image pull secret among the files", rule: ruleRefMissing, files: map[string]string{"d.yaml": replace(deploy, "      containers:\n", "      imagePullSecrets:\n        - name: ghcr-pull\n      containers:\n"),
		"s.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ghcr-pull\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: \"{}\"\n"}},

	{name: "probe on a port of another container", rule: ruleProbePortMismatch, complete: true, files: one(sidecarDeploy)},
	{name: "probe on a port no container declares", rule: ruleProbePortMismatch, files: one(replace(sidecarDeploy, "              port: 8000\n", "              port: 8080\n")),
		want: []string{"34:21-34:25 warning"}},
	{name: "probe on a port no container declares, in an exercise", rule: ruleProbePortMismatch, complete: true, files: one(replace(sidecarDeploy, "              port: 8000\n", "              port: 8080\n")),
		want: []string{"34:21-34:25 error"}},
	{name: "probe by name on a container without ports", rule: ruleProbePortMismatch, files: one(replace(remove(sidecarDeploy, "          ports:\n            - containerPort: 9090\n"), "              port: 9090\n", "              port: http\n")),
		want: []string{"35:21-35:25 error"}},
	{name: "kustomization naming a file that is not there", rule: ruleKustomizeBuild, files: map[string]string{"kustomization.yaml": kustomizeFile("resources:\n  - d.yaml\n  - svc.yaml\n"), "d.yaml": deploy},
		want: []string{"kustomization.yaml 1:1-1:44 error"}},
	{name: "patch of an object the kustomization lacks", rule: ruleKustomizeBuild, files: map[string]string{"kustomization.yaml": kustomizeFile("resources:\n  - d.yaml\npatches:\n  - path: p.yaml\n"),
		"d.yaml": deploy, "p.yaml": replace(patchDeploy, "name: churn-api", "name: churn-web")},
		want: []string{"kustomization.yaml 1:1-1:44 error"}},
	{name: "kustomization that builds", rule: ruleKustomizeBuild, files: map[string]string{"kustomization.yaml": kustomizeFile("resources:\n  - d.yaml\npatches:\n  - path: p.yaml\n"),
		"d.yaml": deploy, "p.yaml": patchDeploy}},
	{name: "label only kustomize writes", rule: ruleInvalidLabel, files: map[string]string{"kustomization.yaml": kustomizeFile("labels:\n  - pairs:\n      team: data science\nresources:\n  - d.yaml\n"), "d.yaml": deploy},
		want: []string{"d.yaml 3:1-3:9 error"}},
	{name: "targetPort of a native sidecar", rule: ruleTargetPortMismatch, complete: true, files: map[string]string{"s.yaml": replace(service, "targetPort: 8000", "targetPort: 15001"),
		"d.yaml": replace(deploy, "      containers:\n", "      initContainers:\n        - name: proxy\n          image: ghcr.io/acme/proxy:1.2.0\n          restartPolicy: Always\n          ports:\n            - containerPort: 15001\n      containers:\n")}},
	{name: "targetPort of an init container that has finished", rule: ruleTargetPortMismatch, complete: true, files: map[string]string{"s.yaml": replace(service, "targetPort: 8000", "targetPort: 15001"),
		"d.yaml": replace(deploy, "      containers:\n", "      initContainers:\n        - name: proxy\n          image: ghcr.io/acme/proxy:1.2.0\n          ports:\n            - containerPort: 15001\n      containers:\n")},
		want: []string{"s.yaml 10:19-10:24 error"}},
	{name: "targetPort of a sidecar", rule: ruleTargetPortMismatch, complete: true, files: map[string]string{"d.yaml": sidecarDeploy, "s.yaml": replace(service, "targetPort: 8000", "targetPort: 9090")}},
}
