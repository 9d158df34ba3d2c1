#!/usr/bin/env bash
# Compares what two iactutor binaries say about the same files: every folder
# under internal/*/testdata, exercises/ and ../shared/corpus that directly
# holds .tf, .yaml or .yml files is linted with `lint --format json`, in
# English and in Spanish, by both binaries, and the outputs are diffed.
# Outputs are compared as decoded JSON, so a change of escaping alone (\u003c
# against <) does not count; folders whose diagnostics are the same but come
# in another order (ties at one position) are counted apart. A refactoring
# that must not change any verdict shows "0 folders differ".
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
# same: 0 when equal as JSON (or as bytes when not JSON), 3 when the
# diagnostics are equal only as a multiset, 1 otherwise.
same() {
	python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
try:
    ja, jb = json.loads(a), json.loads(b)
except ValueError:
    sys.exit(0 if a == b else 1)
if ja == jb:
    sys.exit(0)
key = lambda d: json.dumps(d, sort_keys=True)
da, db = ja.pop("diagnostics", []), jb.pop("diagnostics", [])
sys.exit(3 if ja == jb and sorted(map(key, da)) == sorted(map(key, db)) else 1)
PY
}
n=0; differ=0; reordered=0
for d in "${dirs[@]}"; do
	mapfile -t files < <(find "$d" -maxdepth 1 -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.yml' \) | sort)
	key=$(printf '%s' "$d" | tr '/.' '__')
	for lang in en es; do
		"$old" --lang "$lang" lint --format json "${files[@]}" >"$out/old/$key.$lang.json" 2>&1 || true
		"$new" --lang "$lang" lint --format json "${files[@]}" >"$out/new/$key.$lang.json" 2>&1 || true
	done
	n=$((n + 1))
	worst=0
	for lang in en es; do
		rc=0; same "$out/old/$key.$lang.json" "$out/new/$key.$lang.json" || rc=$?
		if [ "$rc" = 1 ] || { [ "$rc" = 3 ] && [ "$worst" = 0 ]; }; then worst=$rc; fi
	done
	case $worst in
	1) differ=$((differ + 1)); echo "differs: $d" ;;
	3) reordered=$((reordered + 1)); echo "same diagnostics, other order: $d" ;;
	esac
done
echo "$n folders linted in two languages; $differ folders differ, $reordered only in the order of diagnostics at one place (outputs in $out)"
