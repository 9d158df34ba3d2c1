#!/usr/bin/env bash
# Compares `iactutor lint` with kube-score on a 7,000-document manifest built
# from the microservices-demo corpus (repeated 200 times with unique names).
# Both tools run alternately, several rounds, each measured for wall time and
# peak resident memory with /usr/bin/time. Prints every run, the medians and
# the ratios iactutor/kube-score.
#
# Usage: bench/k8s-vs-kube-score.sh [ROUNDS]   (from anywhere inside the repo)
# Needs: Go, network access once to install kube-score v1.20.0.
set -euo pipefail

rounds=${1:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$repo/../shared/corpus/k8s/microservices-demo}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$corpus" ]; then
	echo "corpus not found: $corpus (set CORPUS=dir)" >&2
	exit 2
fi

if [ ! -x /usr/bin/time ]; then
	echo "installing GNU time…" >&2
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && apt-get install -y -qq time >/dev/null
	else
		sudo apt-get update -qq && sudo apt-get install -y -qq time >/dev/null
	fi
fi

echo "building iactutor…" >&2
(cd "$repo" && go build -o "$tmp/iactutor" ./cmd/iactutor)
echo "installing kube-score v1.20.0…" >&2
GOBIN="$tmp" go install github.com/zegl/kube-score/cmd/kube-score@v1.20.0

# The same transformation as BenchmarkLint7000: every copy gets its own
# object names, app labels and service accounts.
big="$tmp/big.yaml"
for n in $(seq 0 199); do
	for f in "$corpus"/*.yaml; do
		echo "---"
		sed -E "s/^(  name: |[[:space:]]+app: |[[:space:]]+serviceAccountName: )([^[:space:]]+)$/\1\2-c$n/" "$f"
		echo
	done
done >"$big"
docs=$(grep -c '^kind:' "$big")
size=$(wc -c <"$big")
echo "input: $docs documents, $size bytes"

# measure CMD...: prints "seconds peakKB"; the tools' own exit status is
# ignored (both exit non-zero when they find problems).
measure() {
	/usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$tmp/t"
}

ia=()
ks=()
for r in $(seq 1 "$rounds"); do
	a=$(measure "$tmp/iactutor" lint --format json --max-file-size $((size + 1)) "$big")
	b=$(measure "$tmp/kube-score" score "$big")
	printf 'round %d: iactutor %ss %sKB | kube-score %ss %sKB\n' "$r" ${a} ${b}
	ia+=("$a")
	ks+=("$b")
done

median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
ia_t=$(printf '%s\n' "${ia[@]}" | cut -d' ' -f1 | median)
ia_m=$(printf '%s\n' "${ia[@]}" | cut -d' ' -f2 | median)
ks_t=$(printf '%s\n' "${ks[@]}" | cut -d' ' -f1 | median)
ks_m=$(printf '%s\n' "${ks[@]}" | cut -d' ' -f2 | median)

echo
awk -v it="$ia_t" -v im="$ia_m" -v kt="$ks_t" -v km="$ks_m" 'BEGIN {
	printf "%-12s %10s %14s\n", "tool", "wall (s)", "peak RSS (MB)"
	printf "%-12s %10.2f %14.1f\n", "iactutor", it, im / 1024
	printf "%-12s %10.2f %14.1f\n", "kube-score", kt, km / 1024
	printf "\ntime ratio   iactutor/kube-score = %.3f (goal <= 0.200)\n", it / kt
	printf "memory ratio iactutor/kube-score = %.3f (goal <= 0.500)\n", im / km
}'
