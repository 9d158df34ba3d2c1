#!/usr/bin/env bash
# Time from start to the first full frame of the interface, against a plain
# `echo` started the same way through tmux. Both are started alternately,
# 10 times each, in one run; the script prints the medians and the gap.
# Usage: bench/tui-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux >/dev/null; }

tmp=$(mktemp -d)
trap 'tmux kill-session -t bench-start 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/iactutor" ./cmd/iactutor
mkdir -p "$tmp/ws"

# start_ms CMD MARKER: milliseconds from starting CMD in tmux until MARKER is
# on the screen.
start_ms() {
  local cmd=$1 marker=$2 t0 now
  tmux kill-session -t bench-start 2>/dev/null || true
  t0=$(date +%s%N)
  tmux new-session -d -s bench-start -x 100 -y 30 "$cmd"
  while ! tmux capture-pane -p -t bench-start 2>/dev/null | grep -qF -- "$marker"; do
    now=$(date +%s%N)
    if [ $(( (now - t0) / 1000000 )) -gt 10000 ]; then echo "timeout waiting for $marker" >&2; exit 1; fi
  done
  now=$(date +%s%N)
  tmux kill-session -t bench-start 2>/dev/null || true
  echo $(( (now - t0) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

: > "$tmp/echo.txt"; : > "$tmp/tui.txt"
for i in $(seq 1 "$runs"); do
  start_ms "echo first-frame-marker; sleep 10" "first-frame-marker" >> "$tmp/echo.txt"
  start_ms "IACTUTOR_WORKSPACE=$tmp/ws $tmp/iactutor" "Lessons and exercises" >> "$tmp/tui.txt"
done
e=$(median < "$tmp/echo.txt"); u=$(median < "$tmp/tui.txt")
echo "echo:     $(tr '\n' ' ' < "$tmp/echo.txt")ms -> median ${e} ms"
echo "iactutor: $(tr '\n' ' ' < "$tmp/tui.txt")ms -> median ${u} ms"
echo "iactutor first frame is $(awk -v a="$u" -v b="$e" 'BEGIN{print a-b}') ms slower than echo (limit 100 ms)"
