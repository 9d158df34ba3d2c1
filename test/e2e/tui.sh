#!/usr/bin/env bash
# End-to-end test of the terminal interface: the real binary in tmux, driven
# with send-keys and read with capture-pane, as a learner would use it.
set -euo pipefail
cd "$(dirname "$0")/../.."

tmp=$(mktemp -d)
session="iactutor-e2e-$$"
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

go build -o "$tmp/iactutor" ./cmd/iactutor
ws="$tmp/ws"
ex=k8s-selector-labels
exdir=exercises/kubernetes/01-selector-labels

screen() { tmux capture-pane -p -t "$session"; }
# wait_for TEXT SECONDS: poll the screen until TEXT shows up.
wait_for() {
  local text=$1 limit=$2 start=$(date +%s%N)
  while true; do
    if screen | grep -qF -- "$text"; then
      echo "  saw \"$text\" after $(( ($(date +%s%N) - start) / 1000000 )) ms"
      return 0
    fi
    if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt $((limit * 1000)) ]; then
      echo "FAIL: \"$text\" did not appear within ${limit}s. The screen was:"; screen; exit 1
    fi
    sleep 0.05
  done
}

# The learner's editor: it writes the solution over the file it is given,
# as a learner saving a fix would, and returns.
cat > "$tmp/editor" <<EOF2
#!/bin/sh
cp "$PWD/$exdir/solution/\$(basename "\$1")" "\$1"
EOF2
chmod +x "$tmp/editor"

echo "start"
tmux new-session -d -s "$session" -x 100 -y 30 "IACTUTOR_WORKSPACE=$ws NO_COLOR=1 VISUAL=$tmp/editor EDITOR=$tmp/editor $tmp/iactutor; echo EXITED; sleep 30"
wait_for "Lessons and exercises" 5
wait_for "Created your workspace" 1

echo "open the first lesson and scroll"
tmux send-keys -t "$session" Enter
wait_for "What Infrastructure as Code is and why" 5
wait_for "From console clicks to code" 5
for _ in $(seq 1 12); do tmux send-keys -t "$session" j; done
tmux send-keys -t "$session" Space
sleep 0.3
if screen | grep -qF "  0%"; then echo "FAIL: scrolling did not move the lesson"; screen; exit 1; fi
scrolled=$(screen | grep -oE '[0-9]+%$' | tail -1)
echo "  scrolled: $scrolled"

echo "look up a term from the lesson, then go back to it"
tmux send-keys -t "$session" t
wait_for "terms from lesson 1" 3
tmux send-keys -t "$session" / && tmux send-keys -t "$session" -l "drift" && tmux send-keys -t "$session" Enter
wait_for "Taught in:" 3
tmux send-keys -t "$session" Escape
wait_for "terms from lesson 1" 3
tmux send-keys -t "$session" Escape
# Back on the lesson, where it was scrolled to.
wait_for "c checkpoint • t terms" 3
if [ "$(screen | grep -oE '[0-9]+%$' | tail -1)" != "$scrolled" ]; then echo "FAIL: the lesson lost its place"; screen; exit 1; fi

echo "answer the first checkpoint question wrongly and read the feedback"
tmux send-keys -t "$session" c
wait_for "Choose all that apply" 3
tmux send-keys -t "$session" Space
tmux send-keys -t "$session" Enter
wait_for "Not quite." 3
wait_for "right answer" 3
tmux send-keys -t "$session" Escape
wait_for "c checkpoint • t terms" 3

echo "back to the course map"
tmux send-keys -t "$session" Escape
wait_for "Lessons and exercises" 3

echo "open exercise $ex through the filter"
tmux send-keys -t "$session" / && tmux send-keys -t "$session" -l "selector and pod" && tmux send-keys -t "$session" Enter
wait_for "Selector and pod labels that agree" 3
tmux send-keys -t "$session" j Enter
wait_for "watching for saves" 5
wait_for "0/4 points" 3

echo "hand off to the editor, which saves the fix"
tmux send-keys -t "$session" e
wait_for "4/4 points" 5

echo "quit"
tmux send-keys -t "$session" Escape
wait_for "Lessons and exercises" 3
tmux send-keys -t "$session" q
wait_for "EXITED" 3

echo "the progress file records the pass"
# The record of the exercise, as progress.json indents it, must say passed.
record=$(grep -A2 "\"$ex\": {" "$ws/.iactutor/progress.json" || true)
echo "$record" | sed 's/^/  /'
if ! echo "$record" | grep -q '"passed": true'; then
  echo "FAIL: the progress file does not record the pass:"; cat "$ws/.iactutor/progress.json"; exit 1
fi
echo "tui end-to-end: 1 passed, 0 failed"
