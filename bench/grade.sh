#!/usr/bin/env bash
# Times `iactutor grade` on a generated class: STUDENTS students (300 by
# default), each with every exercise of the built-in course, taken from the
# exercise's solution/ for even-numbered students and from its start/ for the
# others, so half the class passes everything and half scores 0. Measures wall
# time, CPU time and peak resident memory with GNU time for each format, and
# prints files per second.
#
# Identical submissions are graded once, so the class above costs little
# more than grading two students. The "distinct" runs append a comment naming
# the student to every file, so every one of the submissions is graded: that
# is the worst case, a class where no two students hand in the same bytes.
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
# One student's folder from solution/ and one from start/, then copies.
for tree in solution start; do
	mkdir -p "$tmp/$tree"
	for ex in "$repo"/exercises/*/*/; do
		[ -f "$ex/exercise.yaml" ] || continue
		id=$(sed -n 's/^id:[[:space:]]*//p' "$ex/exercise.yaml" | head -n1 | tr -d '"'"'")
		[ -n "$id" ] || continue
		mkdir -p "$tmp/$tree/$id"
		cp -R "$ex/$tree/." "$tmp/$tree/$id/"
	done
done
exercises=$(find "$tmp/solution" -mindepth 1 -maxdepth 1 -type d | wc -l)
class="$tmp/class"
distinct="$tmp/distinct"
mkdir -p "$class" "$distinct"
for ((i = 0; i < students; i++)); do
	tree=start
	if ((i % 2 == 0)); then tree=solution; fi
	name=$(printf 'student%03d' "$i")
	cp -R "$tmp/$tree" "$class/$name"
	# The same class with a comment naming the student appended to every
	# file, so no two submissions are byte-identical and each is graded.
	cp -R "$tmp/$tree" "$distinct/$name"
	while IFS= read -r f; do
		printf '# %s\n' "$name" >>"$f"
	done < <(find "$distinct/$name" -type f)
done
files=$(find "$class" -type f | wc -l)
echo "$students students × $exercises exercises = $((students * exercises)) submissions, $files files" >&2

# run LABEL DIR ARGS... times one `iactutor grade` and prints a table row.
run() {
	local label=$1 dir=$2
	shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$tmp/iactutor" grade "$dir" "$@" >"$tmp/out" 2>"$tmp/err" || {
		echo "iactutor grade $* failed:" >&2
		cat "$tmp/err" >&2
		exit 1
	}
	local wall user sys peak rate
	read -r wall user sys peak <"$tmp/time"
	rate=$(awk -v f="$files" -v s="$wall" 'BEGIN { if (s > 0) printf "%.0f", f / s; else print "-" }')
	printf '%-26s %9s %9s %11s %13s\n' "$label" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$peak" "$rate"
}

echo
printf '%-26s %9s %9s %11s %13s\n' run "wall (s)" "cpu (s)" "peak (KB)" "files/second"
for format in table json csv junit; do
	run "$format" "$class" --format "$format"
done
run "json + feedback" "$class" --format json --feedback "$tmp/feedback"
run "distinct, table" "$distinct" --format table
run "distinct, json + feedback" "$distinct" --format json --feedback "$tmp/feedback2"
echo
echo "cpus: $(getconf _NPROCESSORS_ONLN), load average: $(cut -d' ' -f1-3 /proc/loadavg); target: under 5 s for 300 students" >&2
