#!/usr/bin/env bash
# Compares what two iactutor binaries say about the same files: every folder
# under internal/*/testdata, exercises/ and ../shared/corpus that directly
# holds .tf, .yaml or .yml files is linted with `lint --format json`, in
# English and in Spanish, by both binaries, and the outputs are diffed.
# A refactoring that must not change any verdict shows "0 folders differ".
#
# Usage: bench/lint-compare.sh OLD_BINARY NEW_BINARY [OUTDIR]
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2")
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${3:-$(mktemp -d)}
mkdir -p "$out/old" "$out/new"
cd "$repo"
roots=(internal exercises)
[ -d ../shared/corpus ] && roots+=(../shared/corpus)
mapfile -t dirs < <(find "${roots[@]}" -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.yml' \) \
	\( -path '*testdata*' -o -path 'exercises/*' -o -path '../shared/*' \) -printf '%h\n' | sort -u)
n=0; differ=0
for d in "${dirs[@]}"; do
	mapfile -t files < <(find "$d" -maxdepth 1 -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.yml' \) | sort)
	key=$(printf '%s' "$d" | tr '/.' '__')
	for lang in en es; do
		"$old" --lang "$lang" lint --format json "${files[@]}" >"$out/old/$key.$lang.json" 2>&1 || true
		"$new" --lang "$lang" lint --format json "${files[@]}" >"$out/new/$key.$lang.json" 2>&1 || true
	done
	n=$((n + 1))
	if ! cmp -s "$out/old/$key.en.json" "$out/new/$key.en.json" || ! cmp -s "$out/old/$key.es.json" "$out/new/$key.es.json"; then
		differ=$((differ + 1)); echo "differs: $d"
	fi
done
echo "$n folders linted in two languages; $differ folders differ (outputs in $out)"
