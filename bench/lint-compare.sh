#!/usr/bin/env bash
# Compares what two iactutor binaries say about the same files: every folder
# under internal/*/testdata, exercises/ and ../shared/corpus that directly
# holds .tf, .yaml or .yml files is linted with `lint --format json`, in
# English and in Spanish, by both binaries, and the outputs are diffed.
# Outputs are compared as decoded JSON, so a change of escaping alone (\u003c
# against <) does not count. A refactoring that must not change any verdict
# shows "0 folders differ".
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
# same: equal as JSON when both parse, else equal as bytes.
same() {
	python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
try:
    sys.exit(0 if json.loads(a) == json.loads(b) else 1)
except ValueError:
    sys.exit(0 if a == b else 1)
PY
}
n=0; differ=0
for d in "${dirs[@]}"; do
	mapfile -t files < <(find "$d" -maxdepth 1 -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.yml' \) | sort)
	key=$(printf '%s' "$d" | tr '/.' '__')
	for lang in en es; do
		"$old" --lang "$lang" lint --format json "${files[@]}" >"$out/old/$key.$lang.json" 2>&1 || true
		"$new" --lang "$lang" lint --format json "${files[@]}" >"$out/new/$key.$lang.json" 2>&1 || true
	done
	n=$((n + 1))
	if ! same "$out/old/$key.en.json" "$out/new/$key.en.json" || ! same "$out/old/$key.es.json" "$out/new/$key.es.json"; then
		differ=$((differ + 1)); echo "differs: $d"
	fi
done
echo "$n folders linted in two languages; $differ folders differ (outputs in $out)"
