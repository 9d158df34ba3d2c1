package k8s

// ruleCase is one input and the exact places where one rule must fire; an
// empty want means the rule must stay silent.
type ruleCase struct {
	name     string
	rule     string
	files    map[string]string
	complete bool
	want     []string // "line:col-line:col severity"
}

// deploy is a clean Deployment the cases vary.
const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: churn-api
  template:
    metadata:
      labels:
        app: churn-api
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/churn-api:1.4.2
          ports:
            - name: http
              containerPort: 8000
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              memory: 1Gi
`

const service = `apiVersion: v1
kind: Service
metadata:
  name: churn-api
spec:
  selector:
    app: churn-api
  ports:
    - port: 80
      targetPort: 8000
`

// kustomizeFile is a kustomization.yaml with body after its header.
func kustomizeFile(body string) string {
	return "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" + body
}

// patchDeploy is a strategic-merge patch as kustomize overlays write them:
// no selector, a container without image, a $patch directive.
const patchDeploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-api
spec:
  template:
    spec:
      containers:
        - name: api
          resources:
            limits:
            $patch: delete
`

// knativeService is a custom resource whose kind is also a built-in kind.
const knativeService = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: message-dumper
spec:
  template:
    spec:
      containers:
        - image: gcr.io/knative-releases/knative.dev/eventing/cmd/event_display
`

// job is a Job whose pods a Service selects by the labels the Job
// controller adds.
const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: train
spec:
  template:
    metadata:
      labels:
        app: train
    spec:
      restartPolicy: Never
      containers:
        - name: train
          image: ghcr.io/acme/train:1.0.0
`

func jobService(selector string) string {
	return "apiVersion: v1\nkind: Service\nmetadata:\n  name: workers\nspec:\n  clusterIP: None\n  selector:\n    " + selector + "\n"
}

// helmTemplate is a chart template: YAML only once Helm renders it.
const helmTemplate = `apiVersion: apps/v1
kind: Deployment
metadata:
  {{- include "chart.labels" . | nindent 2 }}
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
`

// prometheusRule holds Go template actions that are text, in a plain
// scalar, a quoted one and a block scalar.
const prometheusRule = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: rules
spec:
  groups:
    - name: a
      rules:
        - alert: Down
          annotations:
            summary: Instance {{ $labels.instance }} down
            title: "{{ $labels.job }}"
            description: |
              {{ $labels.instance }} has been down
              {{ printf "%.2f" $value }}
            runbook: >-
              {{ $labels.runbook }}
`

// jsonPatch is a JSON 6902 patch: a list of operations.
const jsonPatch = `- op: replace
  path: /spec/replicas
  value: 3
`

func one(s string) map[string]string { return map[string]string{"a.yaml": s} }

var ruleCases = []ruleCase{
	// --- YAML syntax ---
	{name: "tab indentation", rule: ruleYAMLSyntax, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n"),
		want: []string{"4:1-4:2 error"}},
	{name: "bad indentation", rule: ruleYAMLSyntax, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n labels:\n    x: y\n"),
		want: []string{"5:2-5:9 error"}},
	{name: "unclosed quote", rule: ruleYAMLSyntax, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"c\n"),
		want: []string{"4:9-4:11 error"}},
	{name: "colon in value", rule: ruleYAMLSyntax, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  cmd: run: now\n"),
		want: []string{"6:11-6:12 error"}},
	{name: "colon in value after a quoted colon", rule: ruleYAMLSyntax, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  \"a: b\": x: y\n"),
		want: []string{"6:12-6:13 error"}},
	{name: "syntax error in one document does not hide the next", rule: ruleMissingField,
		files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"),
		want:  []string{"8:1-8:9 error"}},
	{name: "valid YAML", rule: ruleYAMLSyntax, files: one(deploy)},

	{name: "duplicate key", rule: ruleDuplicateKey, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n"),
		want: []string{"5:3-5:7 error"}},
	{name: "no duplicate key", rule: ruleDuplicateKey, files: one(deploy)},

	{name: "alias bomb", rule: ruleYAMLAliases, files: map[string]string{"lol.yaml": billionLaughs},
		want: []string{"6:12-6:17 error"}},
	{name: "small alias", rule: ruleYAMLAliases, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l {app: a}\n  annotations: *l\n")},

	{name: "list document", rule: ruleNotObject, files: one("- apiVersion: v1\n  kind: ConfigMap\n"),
		want: []string{"1:1-2:18 error"}},
	{name: "mapping document", rule: ruleNotObject, files: one(service)},

	{name: "compose file", rule: ruleNotKubernetes, files: map[string]string{"docker-compose.yml": "services:\n  api:\n    image: ghcr.io/acme/churn-api:1.4.2\n"},
		want: []string{"1:1-1:10 info"}},
	{name: "manifest without kind", rule: ruleNotKubernetes, files: one("apiVersion: v1\nmetadata:\n  name: a\n")},
	{name: "helm chart", rule: ruleNotKubernetes, files: map[string]string{"Chart.yaml": "apiVersion: v2\nname: churn-api\nversion: 0.1.0\n"},
		want: []string{"1:1-1:15 info"}},
	{name: "apiVersion alone", rule: ruleNotKubernetes, files: one("apiVersion: v1\nname: a\n")},
	{name: "no apiVersion nor kind, but metadata", rule: ruleNotKubernetes, files: one("metadata:\n  name: a\ndata:\n  a: b\n")},
	{name: "compose file in an exercise", rule: ruleNotKubernetes, complete: true, files: map[string]string{"docker-compose.yml": "services:\n  api:\n    image: ghcr.io/acme/churn-api:1.4.2\n"}},
	{name: "compose file in an exercise is an error", rule: ruleMissingField, complete: true, files: map[string]string{"docker-compose.yml": "services:\n  api:\n    image: ghcr.io/acme/churn-api:1.4.2\n"},
		want: []string{"1:1-1:10 error", "1:1-1:10 error"}},
	{name: "kustomization", rule: ruleNotKubernetes, files: map[string]string{"kustomization.yaml": kustomizeFile("resources:\n  - d.yaml\n"), "d.yaml": deploy},
		want: []string{"kustomization.yaml 1:1-1:44 info"}},
	{name: "kustomization without apiVersion", rule: ruleNotKubernetes, files: map[string]string{"kustomization.yaml": "resources:\n  - d.yaml\n", "d.yaml": deploy},
		want: []string{"kustomization.yaml 1:1-1:11 info"}},
	{name: "Component under another file name", rule: ruleNotKubernetes, files: one("apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: p.yaml\n"),
		want: []string{"1:1-1:45 info"}},
	{name: "Helm template", rule: ruleNotKubernetes, files: map[string]string{"templates/deployment.yaml": helmTemplate},
		want: []string{"4:3-4:46 info"}},
	{name: "Helm template says nothing else", rule: ruleYAMLSyntax, files: map[string]string{"templates/deployment.yaml": helmTemplate}},
	{name: "Helm template in an exercise", rule: ruleYAMLSyntax, complete: true, files: map[string]string{"templates/deployment.yaml": helmTemplate},
		want: []string{"4:3-4:46 error"}},
	{name: "template actions inside strings", rule: ruleNotKubernetes, files: one(prometheusRule)},
	{name: "kustomization is not an object", rule: ruleMissingField, files: map[string]string{"kustomization.yaml": kustomizeFile("resources:\n  - d.yaml\n"), "d.yaml": deploy}},
	{name: "Deployment without selector nor image outside kustomize", rule: ruleMissingField, files: map[string]string{"patch.yaml": patchDeploy, "d.yaml": deploy},
		want: []string{"patch.yaml 5:1-5:5 error"}},
	{name: "strategic-merge patch is partial", rule: ruleMissingField, files: map[string]string{"patch.yaml": patchDeploy, "d.yaml": deploy,
		"kustomization.yaml": kustomizeFile("resources:\n  - d.yaml\npatchesStrategicMerge:\n  - patch.yaml\n")}},
	{name: "patch outside kustomize has no image", rule: ruleContainerMissingImage, files: map[string]string{"patch.yaml": patchDeploy},
		want: []string{"9:11-9:15 error"}},
	{name: "patch listed in patches has no image", rule: ruleContainerMissingImage, files: map[string]string{"patch.yaml": patchDeploy,
		"kustomization.yaml": kustomizeFile("patches:\n  - path: patch.yaml\n    target:\n      kind: Deployment\n")}},
	{name: "$patch outside a patch", rule: ruleUnknownField, files: map[string]string{"patch.yaml": patchDeploy},
		want: []string{"12:13-12:19 error"}},
	{name: "$patch in a patch", rule: ruleUnknownField, files: map[string]string{"sub/patch.yaml": patchDeploy,
		"kustomization.yaml": kustomizeFile("patches:\n  - path: sub/patch.yaml\n")}},
	{name: "JSON 6902 patch outside kustomize", rule: ruleNotObject, files: map[string]string{"p.yaml": jsonPatch},
		want: []string{"1:1-3:11 error"}},
	{name: "JSON 6902 patch", rule: ruleNotObject, files: map[string]string{"p.yaml": jsonPatch,
		"kustomization.yaml": kustomizeFile("patchesJson6902:\n  - path: p.yaml\n    target:\n      kind: Deployment\n      name: churn-api\n")}},
	{name: "resource without selector", rule: ruleMissingField, files: map[string]string{"d.yaml": remove(deploy, "  selector:\n    matchLabels:\n      app: churn-api\n"),
		"kustomization.yaml": kustomizeFile("resources:\n  - d.yaml\n")},
		want: []string{"d.yaml 5:1-5:5 error"}},
	{name: "resource whose selector commonLabels fills", rule: ruleMissingField, files: map[string]string{"d.yaml": remove(deploy, "  selector:\n    matchLabels:\n      app: churn-api\n"),
		"kustomization.yaml": kustomizeFile("commonLabels:\n  app: churn-api\nresources:\n  - d.yaml\n")}},
	{name: "resource whose selector labels fill", rule: ruleMissingField, files: map[string]string{"d.yaml": remove(deploy, "  selector:\n    matchLabels:\n      app: churn-api\n"),
		"kustomization.yaml": kustomizeFile("labels:\n  - includeSelectors: true\n    pairs:\n      app: churn-api\nresources:\n  - ./d.yaml\n")}},

	// --- schema ---
	{name: "misspelled field", rule: ruleUnknownField, files: one(replace(deploy, "  replicas: 2", "  replcias: 2")),
		want: []string{"6:3-6:11 error"}},
	{name: "wrong case", rule: ruleUnknownField, files: one(replace(deploy, "containerPort: 8000", "containerport: 8000")),
		want: []string{"20:15-20:28 error"}},
	{name: "known fields", rule: ruleUnknownField, files: one(deploy)},

	{name: "quoted number", rule: ruleWrongType, files: one(replace(deploy, "replicas: 2", `replicas: "2"`)),
		want: []string{"6:13-6:16 error"}},
	{name: "mapping for a list", rule: ruleWrongType, files: one("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: a\n  ports:\n    port: 80\n"),
		want: []string{"9:5-9:13 error"}},
	{name: "number for a label", rule: ruleWrongType, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    version: 1.0\n"),
		want: []string{"6:14-6:17 error"}},
	{name: "right types", rule: ruleWrongType, files: one(deploy)},

	{name: "no selector", rule: ruleMissingField, files: one(remove(deploy, "  selector:\n    matchLabels:\n      app: churn-api\n")),
		want: []string{"5:1-5:5 error"}},
	{name: "no apiVersion", rule: ruleMissingField, files: one("kind: ConfigMap\nmetadata:\n  name: a\n"),
		want: []string{"1:1-1:16 error"}},
	{name: "no name", rule: ruleMissingField, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n"),
		want: []string{"3:1-3:9 error"}},
	{name: "empty containers", rule: ruleMissingField, files: one("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n"),
		want: []string{"6:3-6:17 error"}},
	{name: "all required fields", rule: ruleMissingField, files: one(deploy)},

	{name: "container without image", rule: ruleContainerMissingImage, files: one(remove(deploy, "          image: ghcr.io/acme/churn-api:1.4.2\n")),
		want: []string{"16:11-16:15 error"}},
	{name: "container with image", rule: ruleContainerMissingImage, files: one(deploy)},

	{name: "removed Ingress version", rule: ruleRemovedAPI, files: one("apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\n"),
		want: []string{"1:13-1:31 error"}},
	{name: "removed HPA version", rule: ruleRemovedAPI, files: one("apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n"),
		want: []string{"1:13-1:32 error"}},
	{name: "current version", rule: ruleRemovedAPI, files: one(deploy)},

	{name: "kind in the wrong group", rule: ruleKindNotInAPI, files: one(replace(deploy, "apps/v1", "v1")),
		want: []string{"1:13-1:15 error"}},
	{name: "misspelled kind", rule: ruleKindNotInAPI, files: one(replace(deploy, "kind: Deployment", "kind: Deploymnet")),
		want: []string{"2:7-2:17 error"}},
	{name: "kind in its group", rule: ruleKindNotInAPI, files: one(deploy)},
	{name: "kind in a custom group", rule: ruleKindNotInAPI, files: one(knativeService)},
	{name: "Deployment in a built-in group with a dot", rule: ruleKindNotInAPI, files: one(replace(deploy, "apps/v1", "networking.k8s.io/v1")),
		want: []string{"1:13-1:33 error"}},

	{name: "custom resource", rule: ruleUnknownKind, files: one("apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: sm\nspec:\n  anything: goes\n"),
		want: []string{"2:7-2:21 info"}},
	{name: "built-in kind", rule: ruleUnknownKind, files: one(deploy)},
	{name: "custom kind named like a built-in one", rule: ruleUnknownKind, files: one(knativeService),
		want: []string{"2:7-2:14 info"}},
	{name: "custom kind named like a built-in one has its own fields", rule: ruleUnknownField, files: one(knativeService)},

	// --- single-object rules ---
	{name: "uppercase name", rule: ruleInvalidName, files: one(replace(deploy, "  name: churn-api", "  name: Churn_API")),
		want: []string{"4:9-4:18 error"}},
	// Kubernetes 1.37 names Services by DNS labels, which may start with a digit.
	{name: "service name starting with a digit", rule: ruleInvalidName, files: one(replace(service, "name: churn-api", "name: 1api"))},
	{name: "Service port name in capitals", rule: ruleInvalidName, files: one(replace(service, "    - port: 80\n", "    - name: HTTP_Inference\n      port: 80\n")),
		want: []string{"9:13-9:27 error"}},
	{name: "long Service port name", rule: ruleInvalidName, files: one(replace(service, "    - port: 80\n", "    - name: http-inference-server\n      port: 80\n"))},
	{name: "long port name", rule: ruleInvalidName, files: one(replace(deploy, "- name: http", "- name: http-metrics-port")),
		want: []string{"19:21-19:38 error"}},
	{name: "valid names", rule: ruleInvalidName, files: one(deploy)},

	{name: "label value with a space", rule: ruleInvalidLabel, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    team: data science\n"),
		want: []string{"6:11-6:23 error"}},
	{name: "label key with two slashes", rule: ruleInvalidLabel, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    a/b/c: x\n"),
		want: []string{"6:5-6:10 error"}},
	{name: "valid labels", rule: ruleInvalidLabel, files: one(deploy)},

	{name: "template label differs", rule: ruleSelectorMismatch, files: one(replace(deploy, "        app: churn-api", "        app: churn-ap")),
		want: []string{"9:12-9:21 error"}},
	{name: "template label missing", rule: ruleSelectorMismatch, files: one(replace(deploy, "        app: churn-api", "        tier: api")),
		want: []string{"9:12-9:21 error"}},
	{name: "selector matches", rule: ruleSelectorMismatch, files: one(deploy)},

	{name: "same port twice", rule: ruleDuplicatePort, files: one(replace(deploy, "              containerPort: 8000\n", "              containerPort: 8000\n            - containerPort: 8000\n")),
		want: []string{"21:30-21:34 warning"}},
	{name: "same port name twice", rule: ruleDuplicatePort, files: one(replace(deploy, "              containerPort: 8000\n", "              containerPort: 8000\n            - name: http\n              containerPort: 9000\n")),
		want: []string{"21:21-21:25 error"}},
	{name: "distinct ports", rule: ruleDuplicatePort, files: one(deploy)},

	{name: "MB is not a unit", rule: ruleQuantityInvalid, files: one(replace(deploy, "memory: 512Mi", "memory: 512MB")),
		want: []string{"24:23-24:28 error"}},
	{name: "PVC storage", rule: ruleQuantityInvalid, files: one("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 5 GB\n"),
		want: []string{"9:16-9:20 error"}},
	{name: "valid quantities", rule: ruleQuantityInvalid, files: one(deploy)},

	{name: "memory without unit", rule: ruleQuantityUnit, files: one(replace(deploy, "memory: 512Mi", "memory: 512")),
		want: []string{"24:23-24:26 error"}},
	{name: "cpu in cores by mistake", rule: ruleQuantityUnit, files: one(replace(deploy, "cpu: 250m", "cpu: 500")),
		want: []string{"23:20-23:23 error"}},
	{name: "memory in millibytes", rule: ruleQuantityUnit, files: one(replace(deploy, "memory: 1Gi", "memory: 1024m")),
		want: []string{"26:23-26:28 error"}},
	{name: "units as meant", rule: ruleQuantityUnit, files: one(deploy)},

	{name: "limit under request", rule: ruleLimitBelowRequest, files: one(replace(deploy, "memory: 1Gi", "memory: 256Mi")),
		want: []string{"26:23-26:28 error"}},
	{name: "limit over request", rule: ruleLimitBelowRequest, files: one(deploy)},
	{name: "invalid limit is not also below the request", rule: ruleLimitBelowRequest, files: one(replace(deploy, "memory: 1Gi", "memory: 1GB"))},
	{name: "mount of a missing volume", rule: ruleVolumeMountMissing, files: one(replace(deploy, "          resources:\n", "          volumeMounts:\n            - name: model-files\n              mountPath: /models\n          resources:\n") + "      volumes:\n        - name: models\n          emptyDir: {}\n"),
		want: []string{"22:21-22:32 error"}},
	{name: "mount of a declared volume", rule: ruleVolumeMountMissing, files: one(replace(deploy, "          resources:\n", "          volumeMounts:\n            - name: models\n              mountPath: /models\n          resources:\n") + "      volumes:\n        - name: models\n          emptyDir: {}\n")},

	{name: "no resources", rule: ruleMissingResources, files: one(remove(deploy, "          resources:\n            requests:\n              cpu: 250m\n              memory: 512Mi\n            limits:\n              memory: 1Gi\n")),
		want: []string{"16:11-16:15 warning"}},
	{name: "no memory limit", rule: ruleMissingResources, files: one(remove(deploy, "            limits:\n              memory: 1Gi\n")),
		want: []string{"21:11-21:20 warning"}},
	{name: "resources set", rule: ruleMissingResources, files: one(deploy)},

	{name: "probe on another port in an exercise", rule: ruleProbePortMismatch, complete: true, files: one(deploy + "          livenessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n"),
		want: []string{"30:21-30:25 error"}},
	{name: "probe on an undeclared port", rule: ruleProbePortMismatch, files: one(deploy + "          livenessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n"),
		want: []string{"30:21-30:25 warning"}},
	{name: "probe on a port a sibling container declares", rule: ruleProbePortMismatch, complete: true, files: one(deploy + "          livenessProbe:\n            httpGet:\n              path: /health\n              port: 9000\n" +
		"        - name: proxy\n          image: ghcr.io/acme/proxy:1.0.0\n          ports:\n            - containerPort: 9000\n")},
	{name: "probe on an unknown port name", rule: ruleProbePortMismatch, files: one(deploy + "          readinessProbe:\n            tcpSocket:\n              port: htp\n"),
		want: []string{"29:21-29:24 error"}},
	{name: "probes on declared ports", rule: ruleProbePortMismatch, files: one(deploy + "          livenessProbe:\n            httpGet:\n              path: /health\n              port: 8000\n          readinessProbe:\n            httpGet:\n              path: /health\n              port: http\n")},

	{name: "latest tag", rule: ruleImageLatest, files: one(replace(deploy, "churn-api:1.4.2", "churn-api:latest")),
		want: []string{"17:18-17:47 warning"}},
	{name: "no tag", rule: ruleImageLatest, files: one(replace(deploy, "churn-api:1.4.2", "churn-api")),
		want: []string{"17:18-17:40 warning"}},
	{name: "pinned tag", rule: ruleImageLatest, files: one(deploy)},
	{name: "digest", rule: ruleImageLatest, files: one(replace(deploy, "churn-api:1.4.2", "churn-api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))},

	{name: "Docker Hub image outside an exercise", rule: ruleImageRegistry, files: one(replace(deploy, "ghcr.io/acme/churn-api:1.4.2", "churn-api:1.4.2"))},
	{name: "no registry", rule: ruleImageRegistry, complete: true, files: one(replace(deploy, "ghcr.io/acme/churn-api:1.4.2", "churn-api:1.4.2")),
		want: []string{"17:18-17:33 warning"}},
	{name: "registry with port", rule: ruleImageRegistry, files: one(replace(deploy, "ghcr.io/acme/", "localhost:5000/"))},
	{name: "registry", rule: ruleImageRegistry, files: one(deploy)},

	{name: "min above max", rule: ruleHPAMinMax, files: one(hpa("Deployment", "churn-api", 12, 10)),
		want: []string{"10:16-10:18 error"}},
	{name: "min below max", rule: ruleHPAMinMax, files: one(hpa("Deployment", "churn-api", 2, 10))},

	{name: "path without pathType", rule: ruleIngressPathType, files: one(remove(ingress, "            pathType: Prefix\n")),
		want: []string{"10:13-10:17 error"}},
	{name: "path with pathType", rule: ruleIngressPathType, files: one(ingress)},

	{name: "numbers and booleans in a ConfigMap", rule: ruleConfigMapNonString, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  PORT: 8000\n  DEBUG: true\n  LOG_LEVEL: info\n"),
		want: []string{"6:9-6:13 error", "7:10-7:14 error"}},
	{name: "quoted values", rule: ruleConfigMapNonString, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  PORT: \"8000\"\n  DEBUG: \"true\"\n")},

	{name: "password in a ConfigMap", rule: ruleConfigMapCredentials, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LOG_LEVEL: info\n  DB_PASSWORD: hunter2\n  api-key: abc\n"),
		want: []string{"7:3-7:14 warning", "8:3-8:10 warning"}},
	{name: "plain settings", rule: ruleConfigMapCredentials, files: one("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LOG_LEVEL: info\n  MLFLOW_TRACKING_URI: http://mlflow:5000\n")},

	{name: "plain text in data", rule: ruleSecretBase64, files: one("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  DB_PASSWORD: hunter2!\n"),
		want: []string{"6:16-6:24 error"}},
	{name: "base64 data and plain stringData", rule: ruleSecretBase64, files: one("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  DB_PASSWORD: aHVudGVyMg==\nstringData:\n  TOKEN: hunter2!\n")},

	// --- cross-object rules ---
	{name: "selector typo", rule: ruleServiceSelector, files: map[string]string{"d.yaml": deploy, "s.yaml": replace(service, "    app: churn-api", "    app: churn-apj")},
		want: []string{"s.yaml 7:10-7:19 warning"}},
	{name: "selector typo in an exercise", rule: ruleServiceSelector, complete: true, files: map[string]string{"d.yaml": deploy, "s.yaml": replace(service, "    app: churn-api", "    app: churn-apj")},
		want: []string{"s.yaml 7:10-7:19 error"}},
	{name: "headless Service for a Job's pods", rule: ruleServiceSelector, files: map[string]string{"j.yaml": job, "s.yaml": jobService("job-name: train")}},
	{name: "Service for one StatefulSet pod", rule: ruleServiceSelector, files: map[string]string{"j.yaml": replace(replace(job, "batch/v1", "apps/v1"), "kind: Job", "kind: StatefulSet"),
		"s.yaml": jobService("statefulset.kubernetes.io/pod-name: train-0")}},
	{name: "headless Service for another Job's pods", rule: ruleServiceSelector, files: map[string]string{"j.yaml": job, "s.yaml": jobService("batch.kubernetes.io/job-name: trian")},
		want: []string{"s.yaml 8:5-8:40 warning"}},
	{name: "selector matches pods", rule: ruleServiceSelector, files: map[string]string{"d.yaml": deploy, "s.yaml": service}},

	{name: "targetPort number in an exercise", rule: ruleTargetPortMismatch, complete: true, files: map[string]string{"d.yaml": deploy, "s.yaml": replace(service, "targetPort: 8000", "targetPort: 8080")},
		want: []string{"s.yaml 10:19-10:23 error"}},
	{name: "targetPort number the pods do not declare", rule: ruleTargetPortMismatch, files: map[string]string{"d.yaml": deploy, "s.yaml": replace(service, "targetPort: 8000", "targetPort: 8080")},
		want: []string{"s.yaml 10:19-10:23 warning"}},
	{name: "targetPort name", rule: ruleTargetPortMismatch, files: map[string]string{"d.yaml": deploy, "s.yaml": replace(service, "targetPort: 8000", "targetPort: web")},
		want: []string{"s.yaml 10:19-10:22 error"}},
	{name: "no targetPort means port", rule: ruleTargetPortMismatch, complete: true, files: map[string]string{"d.yaml": deploy, "s.yaml": remove(service, "      targetPort: 8000\n")},
		want: []string{"s.yaml 9:13-9:15 error"}},
	{name: "targetPort by name and number", rule: ruleTargetPortMismatch, files: map[string]string{"d.yaml": deploy, "s.yaml": service + "    - name: alt\n      port: 81\n      targetPort: http\n"}},

	{name: "backend Service missing", rule: ruleIngressBackend, files: map[string]string{"s.yaml": service, "i.yaml": replace(ingress, "name: churn-api\n                port", "name: churn-apl\n                port")},
		want: []string{"i.yaml 14:23-14:32 warning"}},
	{name: "backend port missing", rule: ruleIngressBackend, files: map[string]string{"s.yaml": service, "i.yaml": replace(ingress, "number: 80", "number: 8000")},
		want: []string{"i.yaml 16:27-16:31 error"}},
	{name: "backend exists", rule: ruleIngressBackend, files: map[string]string{"s.yaml": service, "i.yaml": ingress}},

	{name: "HPA target typo", rule: ruleHPATargetMissing, files: map[string]string{"d.yaml": deploy, "h.yaml": hpa("Deployment", "churn-apii", 2, 10)},
		want: []string{"h.yaml 9:11-9:21 warning"}},
	{name: "HPA target missing in an exercise", rule: ruleHPATargetMissing, complete: true, files: map[string]string{"h.yaml": hpa("Deployment", "churn-api", 2, 10)},
		want: []string{"9:11-9:20 error"}},
	{name: "HPA target exists", rule: ruleHPATargetMissing, files: map[string]string{"d.yaml": deploy, "h.yaml": hpa("Deployment", "churn-api", 2, 10)}},

	{name: "CPU target without CPU request", rule: ruleHPACPURequest, files: map[string]string{"d.yaml": remove(deploy, "              cpu: 250m\n"), "h.yaml": hpa("Deployment", "churn-api", 2, 10)},
		want: []string{"d.yaml 21:11-21:20 error"}},
	{name: "CPU target with CPU request", rule: ruleHPACPURequest, files: map[string]string{"d.yaml": deploy, "h.yaml": hpa("Deployment", "churn-api", 2, 10)}},

	{name: "missing ConfigMap and Secret", rule: ruleRefMissing, files: one(envDeploy),
		want: []string{"20:23-20:36 warning", "25:25-25:37 warning"}},
	{name: "missing ConfigMap and key", rule: ruleRefMissing, files: map[string]string{"d.yaml": envDeploy, "c.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: churn-config\ndata:\n  LOG_LEVEL: info\n"},
		want: []string{"d.yaml 20:23-20:36 warning", "d.yaml 26:24-26:34 error"}},
	{name: "missing Secret in an exercise", rule: ruleRefMissing, complete: true, files: map[string]string{"d.yaml": envDeploy, "c.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: churn-config\ndata:\n  MODEL_PATH: /m\n"},
		want: []string{"d.yaml 20:23-20:36 error"}},
	{name: "all references resolve", rule: ruleRefMissing, files: map[string]string{"d.yaml": envDeploy,
		"c.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: churn-config\ndata:\n  MODEL_PATH: /m\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: churn-secrets\nstringData:\n  TOKEN: x\n"}},
	{name: "optional reference", rule: ruleRefMissing, files: one(replace(replace(envDeploy, "                  key: MODEL_PATH\n", "                  key: MODEL_PATH\n                  optional: true\n"), "                name: churn-secrets\n", "                name: churn-secrets\n                optional: true\n"))},

	{name: "Service in another namespace", rule: ruleNamespaceMismatch, files: map[string]string{"d.yaml": deploy, "s.yaml": replace(service, "  name: churn-api\n", "  name: churn-api\n  namespace: mlops\n")},
		want: []string{"s.yaml 8:5-8:19 error"}},
	{name: "same namespace", rule: ruleNamespaceMismatch, files: map[string]string{"d.yaml": replace(deploy, "  name: churn-api\n", "  name: churn-api\n  namespace: mlops\n"), "s.yaml": replace(service, "  name: churn-api\n", "  name: churn-api\n  namespace: mlops\n")}},
}

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: churn-api
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /predict
            pathType: Prefix
            backend:
              service:
                name: churn-api
                port:
                  number: 80
`

const envDeploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-api
spec:
  selector:
    matchLabels:
      app: churn-api
  template:
    metadata:
      labels:
        app: churn-api
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/churn-api:1.4.2
          resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {memory: 1Gi}}
          envFrom:
            - secretRef:
                name: churn-secrets
          env:
            - name: MODEL_PATH
              valueFrom:
                configMapKeyRef:
                  name: churn-config
                  key: MODEL_PATH
`

const billionLaughs = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: lol
spec:
  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  a1: &a1 [*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0]
  a2: &a2 [*a1,*a1,*a1,*a1,*a1,*a1,*a1,*a1,*a1]
  a3: &a3 [*a2,*a2,*a2,*a2,*a2,*a2,*a2,*a2,*a2]
  a4: &a4 [*a3,*a3,*a3,*a3,*a3,*a3,*a3,*a3,*a3]
  a5: &a5 [*a4,*a4,*a4,*a4,*a4,*a4,*a4,*a4,*a4]
  a6: &a6 [*a5,*a5,*a5,*a5,*a5,*a5,*a5,*a5,*a5]
  a7: &a7 [*a6,*a6,*a6,*a6,*a6,*a6,*a6,*a6,*a6]
  a8: &a8 [*a7,*a7,*a7,*a7,*a7,*a7,*a7,*a7,*a7]
  a9: &a9 [*a8,*a8,*a8,*a8,*a8,*a8,*a8,*a8,*a8]
`
