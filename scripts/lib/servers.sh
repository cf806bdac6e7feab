# Shell helpers (sourced, bash) for scripts that start WebSocket servers which announce
# themselves with one stdout line `listening ws://HOST:PORT/` (`orrery echo`, the peers
# under Tests/Peers, scripts/bench/ws_server.js).
#
#   start_server LOGDIR NAME CMD...   starts CMD in the background, stdout to LOGDIR/NAME.out
#                                     and stderr to LOGDIR/NAME.err; waits (at most
#                                     SERVER_START_TIMEOUT s, default 15) for the line and sets
#                                     SERVER_PID and SERVER_URL; returns 1 and sets SERVER_ERROR
#                                     if the server died, hung or printed something else.
#   stop_server PID                   SIGTERM, then SIGKILL after SERVER_STOP_TIMEOUT s (default
#                                     5); returns the server's exit status (137 if killed).
#   stop_all_servers                  stops every server still running (for an EXIT trap).

SERVER_PIDS=()

start_server() {
  local logdir="$1" name="$2"; shift 2
  local out="$logdir/$name.out" err="$logdir/$name.err" line="" deadline
  "$@" > "$out" 2> "$err" &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  SERVER_URL="" SERVER_ERROR=""
  deadline=$(( $(date +%s) + ${SERVER_START_TIMEOUT:-15} ))
  while :; do
    if (( $(wc -l < "$out") >= 1 )); then
      line="$(head -n 1 "$out")"
      break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID" 2>/dev/null; local rc=$?
      SERVER_ERROR="exited with status $rc before announcing itself ($(head -n 3 "$err" | tr '\n' ' '))"
      return 1
    fi
    if (( $(date +%s) >= deadline )); then
      SERVER_ERROR="printed no complete line within ${SERVER_START_TIMEOUT:-15} s"
      stop_server "$SERVER_PID" >/dev/null 2>&1
      return 1
    fi
    sleep 0.05
  done
  if [[ "$line" =~ ^listening\ (ws://[^/[:space:]]+:[0-9]+/)$ ]]; then
    SERVER_URL="${BASH_REMATCH[1]}"
    return 0
  fi
  SERVER_ERROR="first line is not 'listening ws://HOST:PORT/' but: $line"
  stop_server "$SERVER_PID" >/dev/null 2>&1
  return 1
}

stop_server() {
  local pid="$1" waited=0 limit
  limit=$(( ${SERVER_STOP_TIMEOUT:-5} * 20 ))
  kill -TERM "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return $?; }
  while kill -0 "$pid" 2>/dev/null && (( waited < limit )); do
    # a zombie still answers kill -0; `wait` below reaps it
    [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" == Z* ]] && break
    sleep 0.05; waited=$(( waited + 1 ))
  done
  if (( waited >= limit )); then
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
}

stop_all_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null && stop_server "$pid" >/dev/null 2>&1
  done
  return 0
}
