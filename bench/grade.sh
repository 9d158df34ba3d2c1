#!/usr/bin/env bash
# Times `iactutor grade` on a generated class: STUDENTS students (300 by
# default), each with every exercise of the built-in course, taken from the
# exercise's solution/ for even-numbered students and from its start/ for the
# others, so half the class passes everything and half scores 0. Measures wall
# time and peak resident memory with GNU time for each format, and prints
# files per second.
#
# Usage: bench/grade.sh [STUDENTS]   (from anywhere inside the repo)
# Needs: Go and GNU time (installed with apt-get when missing and possible).
set -euo pipefail

students=${1:-300}
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

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

echo "generating a class of $students students…" >&2
class="$tmp/class"
mkdir -p "$class"
exercises=0
for ex in "$repo"/exercises/*/*/; do
	[ -f "$ex/exercise.yaml" ] || continue
	id=$(sed -n 's/^id:[[:space:]]*//p' "$ex/exercise.yaml" | head -n1 | tr -d '"'"'")
	[ -n "$id" ] || continue
	exercises=$((exercises + 1))
	for ((i = 0; i < students; i++)); do
		tree=start
		if ((i % 2 == 0)); then tree=solution; fi
		dst="$class/$(printf 'student%03d' "$i")/$id"
		mkdir -p "$dst"
		cp -R "$ex/$tree/." "$dst/"
	done
done
files=$(find "$class" -type f | wc -l)
echo "$students students × $exercises exercises = $((students * exercises)) submissions, $files files" >&2

echo
printf '%-12s %10s %12s %14s\n' format "wall (s)" "peak (KB)" "files/second"
for format in table json csv junit; do
	/usr/bin/time -f "%e s %M KB" -o "$tmp/time" "$tmp/iactutor" grade "$class" --format "$format" >"$tmp/out" 2>"$tmp/err" || {
		echo "iactutor grade --format $format failed:" >&2
		cat "$tmp/err" >&2
		exit 1
	}
	read -r wall _ peak _ <"$tmp/time"
	rate=$(awk -v f="$files" -v s="$wall" 'BEGIN { if (s > 0) printf "%.0f", f / s; else print "-" }')
	printf '%-12s %10s %12s %14s\n' "$format" "$wall" "$peak" "$rate"
done
/usr/bin/time -f "%e s %M KB" -o "$tmp/time" "$tmp/iactutor" grade "$class" --format json --feedback "$tmp/feedback" >/dev/null 2>"$tmp/err"
read -r wall _ peak _ <"$tmp/time"
rate=$(awk -v f="$files" -v s="$wall" 'BEGIN { if (s > 0) printf "%.0f", f / s; else print "-" }')
printf '%-12s %10s %12s %14s\n' "json+feedback" "$wall" "$peak" "$rate"
echo
echo "cpus: $(getconf _NPROCESSORS_ONLN); target: under 5 s for 300 students" >&2
