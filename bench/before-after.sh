#!/usr/bin/env bash
# Measures two builds of iactutor side by side, in one run, alternating them
# so that machine noise hits both alike:
#   - start-up: `iactutor version`, 200 runs each, median of per-run time;
#   - lint of the Terraform capstone module (its solution), 30 runs, median;
#   - grading a class of STUDENTS students where no two files are the same
#     (each file gets a comment naming its student, as bench/grade.sh's
#     "distinct" run does), 3 runs, median wall time and peak memory.
# Prints one table with both builds and their ratio (new / old).
#
# Usage: bench/before-after.sh OLD_REV [NEW_REV] [STUDENTS]
#        (revisions as git understands them; NEW_REV defaults to the work tree)
# Needs: Go, git, GNU time (installed with apt-get when missing and possible).
set -euo pipefail
old_rev=$1
new_rev=${2:-}
students=${3:-300}
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$tmp/old-src" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq time >/dev/null; fi
fi

build() { # build REV OUT
	if [ -z "$1" ]; then
		(cd "$repo" && go build -o "$2" ./cmd/iactutor)
	else
		git -C "$repo" worktree add --detach "$tmp/$(basename "$2")-src" "$1" >/dev/null 2>&1
		(cd "$tmp/$(basename "$2")-src" && go build -o "$2" ./cmd/iactutor)
		git -C "$repo" worktree remove --force "$tmp/$(basename "$2")-src"
	fi
}
echo "building $old_rev and ${new_rev:-the work tree}…" >&2
build "$old_rev" "$tmp/old"
build "$new_rev" "$tmp/new"

capstone="$repo/exercises/terraform/14-capstone-fraud-api/solution"

echo "generating a class of $students students…" >&2
one="$tmp/one"
for tree in solution start; do
	for ex in "$repo"/exercises/*/*/; do
		[ -f "$ex/exercise.yaml" ] || continue
		id=$(sed -n 's/^id:[[:space:]]*//p' "$ex/exercise.yaml" | head -n1 | tr -d '"'"'")
		mkdir -p "$one/$tree/$id"
		cp -R "$ex/$tree/." "$one/$tree/$id/"
	done
done
class="$tmp/class"
mkdir -p "$class"
for ((i = 0; i < students; i++)); do
	tree=start
	if ((i % 2 == 0)); then tree=solution; fi
	name=$(printf 'student%03d' "$i")
	cp -R "$one/$tree" "$class/$name"
	while IFS= read -r f; do printf '# %s\n' "$name" >>"$f"; done < <(find "$class/$name" -type f)
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# loop BIN N ARGS...: seconds per run of a tight loop, measured as a whole.
loop() {
	local bin=$1 n=$2; shift 2
	local s e
	s=$(date +%s.%N)
	for ((k = 0; k < n; k++)); do "$bin" "$@" >/dev/null 2>&1 || true; done
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" -v n="$n" 'BEGIN { printf "%.6f\n", (e - s) / n }'
}

declare -A res
for round in 1 2 3 4 5; do
	for b in old new; do
		loop "$tmp/$b" 40 version >>"$tmp/$b.version"
		loop "$tmp/$b" 6 lint "$capstone" >>"$tmp/$b.lint"
	done
done
for round in 1 2 3; do
	for b in old new; do
		/usr/bin/time -f "%e %M" -o "$tmp/t" "$tmp/$b" grade "$class" --format json >/dev/null 2>&1
		read -r wall peak <"$tmp/t"
		echo "$wall" >>"$tmp/$b.grade"
		echo "$peak" >>"$tmp/$b.peak"
	done
done
for b in old new; do
	res[$b.version]=$(median <"$tmp/$b.version")
	res[$b.lint]=$(median <"$tmp/$b.lint")
	res[$b.grade]=$(median <"$tmp/$b.grade")
	res[$b.peak]=$(median <"$tmp/$b.peak")
done
row() { printf '%-44s %12s %12s %8s\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')"; }
echo
printf '%-44s %12s %12s %8s\n' "" "$old_rev" "${new_rev:-work tree}" "new/old"
row "start-up, iactutor version (ms)" "$(awk -v x="${res[old.version]}" 'BEGIN{printf "%.1f", x*1000}')" "$(awk -v x="${res[new.version]}" 'BEGIN{printf "%.1f", x*1000}')"
row "lint the capstone module (ms)" "$(awk -v x="${res[old.lint]}" 'BEGIN{printf "%.1f", x*1000}')" "$(awk -v x="${res[new.lint]}" 'BEGIN{printf "%.1f", x*1000}')"
row "grade $students students, distinct files (s)" "${res[old.grade]}" "${res[new.grade]}"
row "  peak memory of that (MB)" "$(awk -v x="${res[old.peak]}" 'BEGIN{printf "%.1f", x/1024}')" "$(awk -v x="${res[new.peak]}" 'BEGIN{printf "%.1f", x/1024}')"
echo "cpus: $(getconf _NPROCESSORS_ONLN), load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
