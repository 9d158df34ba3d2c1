#!/usr/bin/env bash
# Compares `iactutor lint` with `terraform validate -json` on the same
# module, with the real hashicorp/aws provider loaded from a local plugin
# folder (no network). The module is the course's capstone solution,
# exercises/terraform/14-capstone-fraud-api/solution, copied to a temporary
# folder: one copy for each tool, so terraform's .terraform folder and lock
# file never become part of iactutor's input.
#
# `terraform init -backend=false -plugin-dir=DIR` runs once, before and
# outside the timing (validate cannot run without it, and a learner pays it
# once per folder). Then both tools run alternately in one process tree,
# several rounds, each measured for wall time. Prints every round, then
# the medians: iactutor lint end to end (process start to exit, all rules,
# JSON out) on the capstone module, which is also the capstone's lint time
# (goal: under 100 ms), terraform validate alone, and the ratio
# iactutor / validate (goal: at most 0.1).
#
# Usage: bench/tf-vs-terraform-validate.sh [ROUNDS]   (from anywhere inside the repo)
# Needs: Go, terraform on PATH (or TERRAFORM=path), the hashicorp/aws
# provider unpacked in a plugin folder: TF_PLUGIN_DIR=DIR (the folder that
# holds registry.terraform.io/), else the script looks for a
# terraform-provider-aws_* binary anywhere on the machine. IACTUTOR=path uses
# an already built binary instead of building ./cmd/iactutor.
set -euo pipefail

rounds=${1:-7}
repo=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:-$(command -v terraform || true)}
if [ -z "$terraform" ]; then
	echo "terraform not found (set TERRAFORM=path)" >&2
	exit 2
fi

plugins=${TF_PLUGIN_DIR:-}
if [ -z "$plugins" ]; then
	echo "looking for the aws provider…" >&2
	provider=$(find / \( -path /proc -o -path /sys -o -path /dev \) -prune -o \
		-name 'terraform-provider-aws_*' -type f -path '*/registry.terraform.io/*' -print -quit 2>/dev/null || true)
	if [ -z "$provider" ]; then
		echo "no terraform-provider-aws_* under a registry.terraform.io/ folder found (set TF_PLUGIN_DIR=dir)" >&2
		exit 2
	fi
	plugins=${provider%%/registry.terraform.io/*}
fi
if [ ! -d "$plugins/registry.terraform.io" ]; then
	echo "$plugins holds no registry.terraform.io/ folder" >&2
	exit 2
fi

source_module="$repo/exercises/terraform/14-capstone-fraud-api/solution"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$source_module" "$tmp/lint"
# An empty CLI configuration keeps terraform quiet and offline.
touch "$tmp/terraformrc"
export TF_CLI_CONFIG_FILE="$tmp/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
cp -R "$source_module" "$tmp/validate"

iactutor=${IACTUTOR:-}
if [ -z "$iactutor" ]; then
	echo "building iactutor…" >&2
	(cd "$repo" && go build -o "$tmp/iactutor" ./cmd/iactutor)
	iactutor="$tmp/iactutor"
fi

files=$(find "$tmp/lint" -name '*.tf' | wc -l)
resources=$(cat "$tmp/lint"/*.tf | grep -c '^resource ' || true)
size=$(cat "$tmp/lint"/*.tf | wc -c)
provider_version=$(find "$plugins/registry.terraform.io/hashicorp/aws" -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tr '\n' ' ')
echo "input: capstone solution, $resources resources in $files files, $size bytes"
echo "terraform: $("$terraform" version | head -n 1), hashicorp/aws $provider_version(plugin dir $plugins)"

tf_init() {
	rm -rf "$tmp/validate/.terraform" "$tmp/validate/.terraform.lock.hcl"
	"$terraform" -chdir="$tmp/validate" init -backend=false -plugin-dir="$plugins" -input=false -no-color
}
tf_validate() { "$terraform" -chdir="$tmp/validate" validate -json -no-color; }

# ms CMD...: wall time in milliseconds, to a tenth.
ms() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", (b - a) / 1e6 }'
}

# Sanity: both tools accept the module, so both do the whole job.
"$iactutor" lint --format json "$tmp/lint" >"$tmp/lint.json" || {
	echo "iactutor lint found errors:" >&2
	head -c 2000 "$tmp/lint.json" >&2
	exit 1
}
init_start=$(date +%s%N)
tf_init >"$tmp/init.log" 2>&1 || {
	echo "terraform init failed:" >&2
	cat "$tmp/init.log" >&2
	exit 1
}
init_ms=$(awk -v a="$init_start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f\n", (b - a) / 1e6 }')
echo "terraform init (once, not timed below): ${init_ms} ms"
tf_validate >"$tmp/validate.json" 2>&1 || true
if ! grep -q '"valid": true' "$tmp/validate.json"; then
	echo "terraform validate does not accept the module:" >&2
	head -c 2000 "$tmp/validate.json" >&2
	exit 1
fi

ia=()
tv=()
for r in $(seq 1 "$rounds"); do
	# Alternate which tool goes first, so neither always runs on a cache
	# the other just warmed.
	if [ $((r % 2)) -eq 1 ]; then
		a=$(ms "$iactutor" lint --format json "$tmp/lint")
		v=$(ms tf_validate)
	else
		v=$(ms tf_validate)
		a=$(ms "$iactutor" lint --format json "$tmp/lint")
	fi
	ia+=("$a")
	tv+=("$v")
	echo "round $r: iactutor lint ${a} ms | terraform validate ${v} ms"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mi=$(median "${ia[@]}")
mtv=$(median "${tv[@]}")

echo
awk -v a="$mi" -v v="$mtv" -v n="$rounds" 'BEGIN {
	printf "median of %d rounds, wall time\n", n
	printf "%-44s %10s\n", "step", "ms"
	printf "%-44s %10.1f\n", "iactutor lint (capstone module, end to end)", a
	printf "%-44s %10.1f\n", "terraform validate -json (after init)", v
	ratio = a / v
	printf "\nratio iactutor lint / terraform validate: %.4f (%.0fx faster); goal <= 0.1: %s\n", ratio, v / a, (ratio <= 0.1 ? "met" : "NOT met")
	printf "capstone lint end to end: %.1f ms; goal < 100 ms: %s\n", a, (a < 100 ? "met" : "NOT met")
}'
