package k8s

// Cases of the API server's own verdict (server.go). Each input is a
// mistake the server refuses on its own, written for this table; the
// positions are those of the field the server names, or of its nearest
// written parent when the field is missing.
func init() { ruleCases = append(ruleCases, serverCases...) }

func podWith(spec string) string {
	return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: scorer\nspec:\n" + spec
}

var serverCases = []ruleCase{
	{name: "envsubst placeholders", rule: rulePlaceholders, files: one(`apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${SA_NAME:-scorer}  # filled in by the deploy job
`), want: []string{"4:3-4:27 info"}},
	{name: "dollar sign in a value", rule: rulePlaceholders, files: one(`apiVersion: v1
kind: ConfigMap
metadata:
  name: prices
data:
  note: "costs $5 per hour"
`)},

	{name: "job that restarts always", rule: ruleAPIRequired, files: one(`apiVersion: batch/v1
kind: Job
metadata:
  name: train
spec:
  template:
    spec:
      restartPolicy: Always
      containers:
        - name: train
          image: ghcr.io/acme/train:1.0.0
`), want: []string{"8:22-8:28 error"}},
	{name: "job that restarts on failure", rule: ruleAPIRequired, files: one(job)},

	{name: "cron schedule with hour 25", rule: ruleAPIInvalid, files: one(`apiVersion: batch/v1
kind: CronJob
metadata:
  name: retrain
spec:
  schedule: "0 25 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: train
              image: ghcr.io/acme/train:1.0.0
`), want: []string{"6:13-6:25 error"}},
	{name: "secret volume mode out of range", rule: ruleAPIInvalid, files: one(podWith(`  volumes:
    - name: creds
      secret:
        secretName: creds
        defaultMode: 1000
  containers:
    - name: api
      image: ghcr.io/acme/api:1.0.0
`)), want: []string{"10:22-10:26 error"}},
	{name: "env name holding its value", rule: ruleAPIInvalid, files: one(podWith(`  containers:
    - name: api
      image: ghcr.io/acme/api:1.0.0
      env:
        - name: MODEL_PATH=/models
          value: /models
`)), want: []string{"10:17-10:35 error"}},
	{name: "valid deployment", rule: ruleAPIInvalid, files: one(deploy)},

	{name: "service type misspelt", rule: ruleAPINotSupported, files: one(`apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: Nodeport
  selector:
    app: api
  ports:
    - port: 80
`), want: []string{"6:9-6:17 error"}},
	{name: "service type spelt right", rule: ruleAPINotSupported, files: one(service)},

	{name: "gpu requested without a limit", rule: ruleAPIRequired, files: one(podWith(`  containers:
    - name: api
      image: ghcr.io/acme/api:1.0.0
      resources:
        requests:
          nvidia.com/gpu: 1
`)), want: []string{"9:7-9:16 error"}},

	{name: "tls secret without its key", rule: ruleAPIRequired, files: one(`apiVersion: v1
kind: Secret
metadata:
  name: api-tls
type: kubernetes.io/tls
data:
  tls.crt: Y2VydA==
`), want: []string{"6:1-6:5 error"}},
	{name: "tls secret with both keys", rule: ruleAPIRequired, files: one(`apiVersion: v1
kind: Secret
metadata:
  name: api-tls
type: kubernetes.io/tls
data:
  tls.crt: Y2VydA==
  tls.key: a2V5
`)},

	{name: "hpa cpu target as a raw value", rule: ruleAPIRequired, files: one(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: api
  maxReplicas: 5
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Value
          value: 500m
`), want: []string{"15:9-15:15 error"}},

	{name: "two ports with one name", rule: ruleAPIDuplicate, files: one(`apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - name: http
      port: 80
    - name: http
      port: 8080
`), want: []string{"11:13-11:17 error"}},
	{name: "two ports with two names", rule: ruleAPIDuplicate, files: one(service)},

	{name: "cron job name too long for its jobs' names", rule: ruleInvalidName, files: one(`apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-retraining-of-the-churn-prediction-model-eu-west
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: train
              image: ghcr.io/acme/train:1.0.0
`), want: []string{"4:9-4:65 error"}},

	{name: "cluster IP on an ExternalName service", rule: ruleAPIForbidden, files: one(`apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  type: ExternalName
  externalName: db.example.com
  clusterIP: 10.0.0.12
`), want: []string{"8:14-8:23 error"}},
	{name: "ExternalName service", rule: ruleAPIForbidden, files: one(`apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  type: ExternalName
  externalName: db.example.com
`)},

	{name: "env variable set twice", rule: ruleAPIWarning, files: one(podWith(`  containers:
    - name: api
      image: ghcr.io/acme/api:1.0.0
      env:
        - name: MODEL_PATH
          value: /models/a
        - name: MODEL_PATH
          value: /models/b
`)), want: []string{"12:11-13:27 warning"}},
	{name: "env variables set once", rule: ruleAPIWarning, files: one(deploy)},
}
