#!/usr/bin/env bash
# run.sh: builds tutti, starts its pod simulator with TLS on a free loopback
# port and runs check.py against it with Symphony's Python BDK, configured
# from the config.yaml the simulator writes, unchanged.
#
#   BDK_PYTHON_SRC   the BDK's source tree (default: ../bdk-python beside the repository)
#   BDK_PYTHON       the Python with the BDK's dependencies (default: /usr/bin/python3)
#   FAULTS           --faults for the simulator, e.g. error5xx:15s (default: none)
#   SCENARIO, SPEED  the simulator's scenario and speed (default: demo, 2)
#   KEEP=1           keep the temporary directory (simulator log, ledger)
#
# Extra arguments go to check.py (e.g. --verbose). Exit status: check.py's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bdk=${BDK_PYTHON_SRC:-$root/../bdk-python}
python=${BDK_PYTHON:-/usr/bin/python3}
scenario=${SCENARIO:-demo}
speed=${SPEED:-2}

if [ ! -d "$bdk/symphony/bdk" ]; then
  echo "run.sh: no BDK source at $bdk (set BDK_PYTHON_SRC)" >&2
  exit 2
fi

tmp=$(mktemp -d)
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ]; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-}" = 1 ]; then
    echo "run.sh: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

(cd "$root" && go build -o "$tmp/tutti" .)

export PYTHONPATH="$bdk:$here"
export PYTHONDONTWRITEBYTECODE=1  # nothing written beside the check
"$python" "$here/check.py" make-key "$tmp/compat-tester-key.pem" "$tmp/compat-tester-pub.pem"

port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
faults=()
if [ -n "${FAULTS:-}" ]; then
  faults=(--faults "$FAULTS")
fi
"$tmp/tutti" simulator --tls --addr "127.0.0.1:$port" --scenario "$scenario" --speed "$speed" \
  --long-poll 10s --ledger "$tmp/ledger.jsonl" \
  --account "compat-tester=$tmp/compat-tester-pub.pem" \
  --write-config "$tmp/config.yaml" "${faults[@]}" >"$tmp/simulator.log" 2>&1 &
sim_pid=$!

# Up when it has written the configuration and answers on its port.
for _ in $(seq 1 100); do
  if [ -s "$tmp/config.yaml" ] &&
    "$python" -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$sim_pid" 2>/dev/null; then
    echo "run.sh: the simulator stopped:" >&2
    cat "$tmp/simulator.log" >&2
    exit 2
  fi
  sleep 0.2
done

# The BDK writes the datafeed v1 id file in its working directory.
cd "$tmp"
status=0
"$python" "$here/check.py" --config "$tmp/config.yaml" --ledger "$tmp/ledger.jsonl" \
  --tester "compat-tester=$tmp/compat-tester-key.pem" --admin "https://127.0.0.1:$port" "$@" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  echo "run.sh: check.py stopped with status $status; the simulator's log:" >&2
  tail -n 40 "$tmp/simulator.log" >&2
fi
exit "$status"
