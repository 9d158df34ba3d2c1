#!/usr/bin/env bash
# Compares `iactutor lint` (every Terraform rule) with `terraform fmt -check`
# on a generated module of 2,000 AWS resources in 50 files: ECS services,
# task definitions, load balancer target groups and S3 buckets wired together
# with variables and references. It is the module BenchmarkLint2000 lints in
# memory, written to disk by the test TestWriteBenchModule.
#
# Both tools run alternately, several rounds, each measured for wall time.
# Prints every run, the medians and the ratio iactutor/terraform.
# Acceptance: iactutor takes at most 1/5 of terraform fmt's wall time.
#
# Usage: bench/tf-vs-terraform-fmt.sh [ROUNDS]   (from anywhere inside the repo)
# Needs: Go, terraform on PATH (or TERRAFORM=path). IACTUTOR=path uses an
# already built binary instead of building ./cmd/iactutor.
set -euo pipefail

rounds=${1:-7}
repo=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:-$(command -v terraform || true)}
if [ -z "$terraform" ]; then
	echo "terraform not found (set TERRAFORM=path)" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
module="$tmp/module"

echo "generating the module…" >&2
(cd "$repo" && IACTUTOR_BENCH_DIR="$module" go test -count=1 -run '^TestWriteBenchModule$' ./internal/grader/terraform/ >/dev/null)
iactutor=${IACTUTOR:-}
if [ -z "$iactutor" ]; then
	echo "building iactutor…" >&2
	(cd "$repo" && go build -o "$tmp/iactutor" ./cmd/iactutor)
	iactutor="$tmp/iactutor"
fi

files=$(find "$module" -name '*.tf' | wc -l)
resources=$(cat "$module"/*.tf | grep -c '^resource ')
size=$(cat "$module"/*.tf | wc -c)
echo "input: $resources resources in $files files, $size bytes"

# An empty CLI configuration keeps terraform quiet and offline.
touch "$tmp/terraformrc"
export TF_CLI_CONFIG_FILE="$tmp/terraformrc" CHECKPOINT_DISABLE=1

# Sanity: the module is formatted and iactutor finds no error in it.
"$terraform" fmt -check -recursive "$module" >/dev/null
"$iactutor" lint --format json "$module" >"$tmp/out.json" || {
	echo "iactutor lint failed:" >&2
	head -c 2000 "$tmp/out.json" >&2
	exit 1
}

# seconds CMD...: wall time in seconds with millisecond precision.
seconds() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}

ia=()
tf=()
for r in $(seq 1 "$rounds"); do
	a=$(seconds "$iactutor" lint --format json "$module")
	b=$(seconds "$terraform" fmt -check -recursive "$module")
	ia+=("$a")
	tf+=("$b")
	echo "round $r: iactutor ${a}s  terraform fmt ${b}s"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mi=$(median "${ia[@]}")
mt=$(median "${tf[@]}")
echo "median: iactutor ${mi}s  terraform fmt ${mt}s"
awk -v a="$mi" -v b="$mt" 'BEGIN {
	r = a / b
	printf "ratio iactutor/terraform fmt: %.3f (%s; target <= 0.200)\n", r, (r <= 0.2 ? "PASS" : "FAIL")
}'
