# Sourced by the benchmark scripts (bash, from the repository's root): checks and
# prepares what they need, or exits 2 with a clear message.
#   BENCH_PY    Python of .venv-bench (picows, uvloop), set up by setup-test-tools --bench
#   WSLOAD      the load generator, made absolute (default ../shared/harness/load/wsload.py);
#               not checked when BENCH_NEEDS_WSLOAD=0
#   PATH_TO_WS  an unpacked Node ws library, made absolute and exported (default /tmp/ws-lib)
# Also raises this shell's open-file soft limit to its hard limit for the servers and clients.

scripts/setup-test-tools --bench || exit 2
BENCH_PY="$PWD/.venv-bench/bin/python"

if [[ "${BENCH_NEEDS_WSLOAD:-1}" == 1 ]]; then
  WSLOAD="${WSLOAD:-../shared/harness/load/wsload.py}"
  if [[ ! -f "$WSLOAD" ]]; then
    echo "bench: no load generator at $WSLOAD: set WSLOAD to wsload.py (the shared harness's load/wsload.py)" >&2
    exit 2
  fi
  WSLOAD="$(cd "$(dirname "$WSLOAD")" && pwd)/$(basename "$WSLOAD")"
fi

export PATH_TO_WS="${PATH_TO_WS:-/tmp/ws-lib}"
if ! node -e "require('$PATH_TO_WS')" 2>/dev/null; then
  echo "bench: no Node ws library at $PATH_TO_WS: set PATH_TO_WS (BENCHMARKS.md, 'How to run', says how to get it)" >&2
  exit 2
fi
PATH_TO_WS="$(cd "$PATH_TO_WS" && pwd)"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
