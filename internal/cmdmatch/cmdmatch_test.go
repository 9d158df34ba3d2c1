package cmdmatch

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		expected, given string
		want            bool
	}{
		// kubectl get: namespace spellings and positions.
		{"kubectl get pods -n mlops", "kubectl get pods -n mlops", true},
		{"kubectl get pods -n mlops", "kubectl get pods --namespace mlops", true},
		{"kubectl get pods -n mlops", "kubectl get pods --namespace=mlops", true},
		{"kubectl get pods -n mlops", "kubectl -n mlops get pods", true},
		{"kubectl get pods -n mlops", "kubectl get -n mlops pods", true},
		{"kubectl get pods -n mlops", "kubectl get po -n mlops", true},
		{"kubectl get pods -n mlops", "kubectl get pod -nmlops", true},
		{"kubectl get pods -n mlops", "kubectl get pods -n=mlops", true},
		{"kubectl get pods -n mlops", "  kubectl   get pods  -n mlops  ", true},
		{"kubectl get pods -n mlops", "$ kubectl get pods -n mlops", true},
		{"kubectl get pods -n mlops", "kubectl get pods", false},
		{"kubectl get pods -n mlops", "kubectl get pods -n default", false},
		{"kubectl get pods -n mlops", "kubectl get services -n mlops", false},
		{"kubectl get pods -n mlops", "kubectl get pods -n mlops -o wide", false},
		{"kubectl get pods -n mlops", "kubectl describe pods -n mlops", false},
		{"kubectl get pods -n mlops", "kubectl get pods -A", false},
		// kubectl top: the subcommand's aliases.
		{"kubectl top pods -n mlops", "kubectl top pod -n mlops", true},
		{"kubectl top pods -n mlops", "kubectl top po --namespace mlops", true},
		{"kubectl top pods -n mlops", "kubectl top nodes", false},
		// Resource forms: TYPE NAME vs TYPE/NAME and aliases.
		{"kubectl scale deployment/churn-api --replicas=3 -n mlops", "kubectl scale deployment churn-api --replicas=3 -n mlops", true},
		{"kubectl scale deployment/churn-api --replicas=3 -n mlops", "kubectl scale deploy/churn-api --replicas 3 -n mlops", true},
		{"kubectl scale deployment/churn-api --replicas=3 -n mlops", "kubectl -n mlops scale --replicas=3 deployments/churn-api", true},
		{"kubectl scale deployment/churn-api --replicas=3 -n mlops", "kubectl scale deploy churn-api --namespace=mlops --replicas=3", true},
		{"kubectl scale deployment/churn-api --replicas=3 -n mlops", "kubectl scale deployment/churn-api --replicas=4 -n mlops", false},
		{"kubectl scale deployment/churn-api --replicas=3 -n mlops", "kubectl scale deployment/fraud-api --replicas=3 -n mlops", false},
		{"kubectl scale deployment/churn-api --replicas=3 -n mlops", "kubectl scale deployment/churn-api -n mlops", false},
		{"kubectl describe pod churn-api-7d9f -n mlops", "kubectl describe po/churn-api-7d9f -n mlops", true},
		{"kubectl describe pod churn-api-7d9f -n mlops", "kubectl describe pods churn-api-7d9f --namespace mlops", true},
		{"kubectl describe pod churn-api-7d9f -n mlops", "kubectl describe pod churn-api -n mlops", false},
		{"kubectl get hpa -n mlops", "kubectl get horizontalpodautoscalers -n mlops", true},
		{"kubectl get hpa -n mlops", "kubectl get horizontalpodautoscaler.autoscaling -n mlops", false},
		// logs: -f means follow; deployment forms.
		{"kubectl logs -f deployment/churn-api -n mlops", "kubectl logs deploy/churn-api -f -n mlops", true},
		{"kubectl logs -f deployment/churn-api -n mlops", "kubectl logs --follow deployments/churn-api --namespace mlops", true},
		{"kubectl logs -f deployment/churn-api -n mlops", "kubectl logs deployment/churn-api -n mlops", false},
		{"kubectl logs deployment/churn-api -n mlops --previous", "kubectl logs -p deploy/churn-api -n mlops", true},
		{"kubectl logs deployment/churn-api -n mlops --previous", "kubectl logs --previous=true deploy/churn-api -n mlops", true},
		// apply / diff: -f filename.
		{"kubectl apply -f k8s/", "kubectl apply --filename k8s/", true},
		{"kubectl apply -f k8s/", "kubectl apply --filename=k8s/", true},
		// A folder is the same folder however its path is spelled.
		{"kubectl apply -f k8s/", "kubectl apply -f k8s", true},
		{"kubectl apply -f k8s/", "kubectl apply -f ./k8s/", true},
		{"kubectl apply -f k8s/", "kubectl apply -f ./k8s", true},
		{"kubectl apply -f k8s/", "kubectl apply -f k8s//", true},
		{"kubectl apply -f k8s/", "kubectl apply -f k8s/base", false},
		{"kubectl apply -f k8s/", "kubectl apply -f ../k8s", false},
		{"kubectl apply -f https://example.com/k8s/", "kubectl apply -f https://example.com/k8s", false},
		{"kubectl apply -f k8s/", "kubectl diff -f k8s/", false},
		// port-forward and create.
		{"kubectl port-forward svc/churn-api 8001:80 -n mlops", "kubectl port-forward service/churn-api 8001:80 --namespace mlops", true},
		{"kubectl port-forward svc/churn-api 8001:80 -n mlops", "kubectl -n mlops port-forward services/churn-api 8001:80", true},
		{"kubectl port-forward svc/churn-api 8001:80 -n mlops", "kubectl port-forward svc/churn-api 80:8001 -n mlops", false},
		{"kubectl create secret generic churn-db --from-literal=password=s3cret -n mlops", "kubectl create secret generic churn-db -n mlops --from-literal password=s3cret", true},
		{"kubectl create secret generic churn-db --from-literal=password=s3cret -n mlops", `kubectl create secret generic churn-db --from-literal="password=s3cret" -n mlops`, true},
		{"kubectl create secret generic churn-db --from-literal=password=s3cret -n mlops", "kubectl create secret generic churn-db --from-literal=password=other -n mlops", false},
		{"kubectl get events -n mlops --sort-by=.lastTimestamp", "kubectl get ev --sort-by .lastTimestamp -n mlops", true},
		{"kubectl rollout status deployment/churn-api -n mlops", "kubectl rollout status deploy churn-api -n mlops", true},
		{"kubectl rollout status deployment/churn-api -n mlops", "kubectl rollout undo deployment/churn-api -n mlops", false},
		// terraform: single or double dash, = or space.
		{"terraform plan -out=tfplan", "terraform plan -out tfplan", true},
		{"terraform plan -out=tfplan", "terraform plan --out=tfplan", true},
		{"terraform plan -out=tfplan", "terraform plan", false},
		{"terraform plan -out=tfplan", "terraform apply -out=tfplan", false},
		{"terraform plan -var-file=prod.tfvars", "terraform plan -var-file prod.tfvars", true},
		{"terraform plan -var-file=prod.tfvars", "terraform plan -var-file=dev.tfvars", false},
		{"terraform plan -var-file=prod.tfvars", "terraform plan -var-file=./prod.tfvars", true},
		{"terraform apply -auto-approve tfplan", "terraform apply tfplan -auto-approve", true},
		{"terraform apply tfplan", "terraform apply", false},
		{"terraform plan -destroy", "terraform plan --destroy", true},
		{"terraform plan -destroy", "terraform destroy", false},
		{"terraform workspace select prod", "terraform workspace select prod", true},
		{"terraform workspace select prod", "terraform workspace new prod", false},
		{"terraform init", "terraform  init", true},
		{"terraform init", "terraform init -upgrade", false},
		{"terraform fmt -check -recursive", "terraform fmt -recursive -check", true},
		// Broken input never matches.
		{"kubectl get pods -n mlops", "", false},
		{"kubectl get pods -n mlops", "kubectl get pods -n", false},
		{"kubectl get pods -n mlops", `kubectl get pods -n "mlops`, false},
		{"kubectl get pods -n mlops", "kubectl", false},
		{"terraform init", "terraform", false},
		{"kubectl get pods -n mlops", "kubect get pods -n mlops", false},
	}
	accepted, rejected := 0, 0
	for _, tt := range tests {
		if got := Match(tt.expected, tt.given); got != tt.want {
			e, _ := Parse(tt.expected)
			g, err := Parse(tt.given)
			t.Errorf("Match(%q, %q) = %v, want %v\n  expected %s\n  given    %s (%v)", tt.expected, tt.given, got, tt.want, e, g, err)
		}
		if tt.want {
			accepted++
		} else {
			rejected++
		}
	}
	t.Logf("%d accepted and %d rejected forms", accepted, rejected)
}

func TestParseNormalForm(t *testing.T) {
	tests := map[string]string{
		"kubectl get deploy churn-api fraud-api -n mlops":              "kubectl get deployments/churn-api deployments/fraud-api --namespace=mlops",
		"kubectl get pods,svc -n mlops":                                "kubectl get pods,services --namespace=mlops",
		"kubectl exec -it churn-api-1 -- sh":                           "kubectl exec churn-api-1 sh --stdin --tty",
		"terraform -chdir=infra plan -var 'region=eu-west-1'":          "terraform plan --chdir=infra --var=region=eu-west-1",
		"kubectl create cm churn-config --from-literal=LOG_LEVEL=info": "kubectl create configmaps churn-config --from-literal=LOG_LEVEL=info",
	}
	for in, want := range tests {
		c, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if c.String() != want {
			t.Errorf("Parse(%q) = %q, want %q", in, c.String(), want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"kubectl get pods -n mlops", "terraform plan -out=tfplan", `kubectl create secret generic x --from-literal="a=b"`, "-n", "'", "kubectl -nmlops"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := Parse(s); err != nil {
			if Match(s, s) {
				t.Fatalf("an unparsable line %q must not match", s)
			}
			return
		}
		// Any parsable command means the same as itself.
		if !Match(s, s) {
			t.Fatalf("%q does not match itself", s)
		}
	})
}

func TestMatchAny(t *testing.T) {
	accepted := []string{"terraform plan", "terraform plan -refresh-only"}
	for _, tt := range []struct {
		given string
		want  bool
	}{
		{"terraform plan", true},
		{"terraform plan -refresh-only", true},
		{"terraform apply -refresh-only", false},
		{"", false},
	} {
		if got := MatchAny(tt.given, accepted...); got != tt.want {
			t.Errorf("MatchAny(%q) = %v, want %v", tt.given, got, tt.want)
		}
	}
	if MatchAny("terraform plan", "") {
		t.Error("an empty expected command matched")
	}
}
