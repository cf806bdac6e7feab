#!/usr/bin/env bash
# Drives `orrery spectate` in a detached tmux session of a fixed size against a live `orrery serve`, and checks
# from `tmux capture-pane` that entity glyphs and the status line appear, that the tick and the positions change,
# and that `q` restores the terminal (normal screen, cursor shown, shell prompt back).
#
#   Tests/Scripts/spectate-tmux.sh [ORRERY_BIN]      default: $ORRERY_BIN, else .build/debug/orrery
#
# The last line is `spectate-tmux: N passed, M failed`; exit 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

bin="${1:-${ORRERY_BIN:-.build/debug/orrery}}"
passed=0 failed=0
session="orrery-spectate-$$"
work="$(mktemp -d)"
server_pid=""

cleanup() {
  tmux kill-session -t "$session" 2>/dev/null
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

ok() { echo "ok: $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok: $1"; failed=$((failed + 1)); }
check() { local name="$1"; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
finish() { echo "spectate-tmux: $passed passed, $failed failed"; (( failed == 0 )); exit; }

# wait_for SECONDS COMMAND...: retries COMMAND every 0.1 s until it succeeds.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do (( SECONDS >= deadline )) && return 1; sleep 0.1; done
}

command -v tmux >/dev/null || { not_ok "tmux is installed (scripts/setup-test-tools installs it)"; finish; }
[[ -x "$bin" ]] || { not_ok "orrery binary at $bin"; finish; }

: >"$work/serve.out"
"$bin" serve --port 0 --universes demo --log-level warn >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
listening() { grep -qE '^listening ws://' "$work/serve.out"; }
wait_for 20 listening || { not_ok "server started: $(cat "$work/serve.err")"; finish; }
port="$(grep -oE ':[0-9]+/$' "$work/serve.out" | tr -d :/)"

pane() { tmux capture-pane -p -t "$session"; }
flag() { tmux display-message -p -t "$session" "#{$1}"; }

tmux -u new-session -d -s "$session" -x 100 -y 30 \
  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 PS1='prompt> ' bash --norc --noprofile"
prompt_shown() { pane | grep -q 'prompt>'; }
wait_for 10 prompt_shown || { not_ok "shell prompt in tmux"; finish; }

tmux send-keys -t "$session" "$bin spectate ws://127.0.0.1:$port/universes/demo" Enter
status_line() { pane | tail -n 1 | grep -qE '^demo  tick [0-9]+  seq [0-9]+'; }
entities_drawn() { (( $(pane | head -n -1 | tr -cd 'Oon' | wc -c) >= 10 )); }
wait_for 15 status_line && wait_for 5 entities_drawn
first="$(pane)"
sleep 1.5
second="$(pane)"

tick_of() { tail -n 1 <<<"$1" | grep -oE 'tick [0-9]+' | grep -oE '[0-9]+'; }
check "status line shows the universe, tick and seq" grep -qE '^demo  tick [0-9]+  seq [0-9]+  in view [0-9]+' <<<"$(tail -n 1 <<<"$first")"
check "status line shows bytes/s, rtt and the interpolation delay" grep -qE 'B/s  rtt .*  delay -?[0-9.]+ ms' <<<"$first"
check "entity glyphs are drawn (asteroids O/o, NPC ships n)" test "$(head -n -1 <<<"$first" | tr -cd 'Oon' | wc -c)" -ge 10
check "the world border is drawn" grep -q '+--' <<<"$first"
check "alternate screen while running" test "$(flag alternate_on)" = 1
check "cursor hidden while running" test "$(flag cursor_flag)" = 0
t1="$(tick_of "$first")" t2="$(tick_of "$second")"
check "the tick advances ($t1 -> $t2)" test "${t2:-0}" -gt "${t1:-0}"
check "entities move between captures" test "$(head -n -1 <<<"$first")" != "$(head -n -1 <<<"$second")"

tmux send-keys -t "$session" "+"
zoomed() { pane | tail -n 1 | grep -q 'zoom 2x'; }
check "+ zooms in" wait_for 5 zoomed

tmux resize-window -t "$session" -x 80 -y 24
resized() { [[ "$(pane | wc -l)" == 24 ]] && pane | tail -n 1 | grep -q '^demo  tick'; }
check "a resize redraws at the new size (status line on row 24)" wait_for 5 resized

tmux send-keys -t "$session" q
back() { [[ "$(flag alternate_on)" == 0 ]] && pane | grep -qE '^prompt> ?$' && [[ "$(flag pane_current_command)" == bash ]]; }
check "q quits back to the shell prompt" wait_for 10 back
check "normal screen restored (the typed command is visible again)" grep -q 'prompt> .*orrery spectate ws://' <<<"$(pane)"
check "cursor shown again" test "$(flag cursor_flag)" = 1
check "no status line left on screen" bash -c '! grep -q "^demo  tick" <<<"$1"' _ "$(pane)"

tmux send-keys -t "$session" clear Enter
tmux send-keys -t "$session" "$bin spectate ws://127.0.0.1:$port/universes/demo --ascii" Enter
check "a second run (--ascii) shows the status line" wait_for 15 status_line
tmux send-keys -t "$session" C-c
check "Ctrl-C quits and restores the terminal" wait_for 10 back
check "cursor shown after Ctrl-C" test "$(flag cursor_flag)" = 1
finish
