#!/usr/bin/env bash
# Join benchmark (issue 16). Prints one figure a line: for ROUNDS rounds (default 5), the time from `omb node add
# node3` (the CLI's start) to node3 shown `free` by `pbsnodes -a`, on a world of two local nodes — the health check
# (none configured: no probe process), the stop of the world, the launch of the next one with three ranks, its attach
# and first load report — then `omb node remove node3` and the wait until it is gone, so every round adds to the same
# two-node world; and the median of the rounds. Polls every 20 ms, so a figure is at most that much late.
# The server gets a temporary OMB_HOME; on exit the script stops exactly the server it started, by PID (the server
# stops its world).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}

# shellcheck source=bench/lib.sh
. bench/lib.sh
build_omb
home=$(mktemp -d /tmp/omb-join.XXXXXX)
stop_all() {
    stop_server
    rm -rf "$home"
}
trap stop_all EXIT
trap "exit 130" INT TERM

figure() { printf '%s: %s\n' "$1" "$2"; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { printf "%.0f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
now_ms() { date +%s%3N; }
state_of() { "$omb" pbsnodes -a --json 2>/dev/null | python3 -c '
import json, sys
nodes = json.load(sys.stdin)["nodes"]
print(next((n["node"]["state"] for n in nodes if n["node"]["name"] == sys.argv[1]), "gone"))' "$1" 2>/dev/null || true; }
wait_state() {  # NODE STATE SECONDS
    local deadline=$(( $(now_ms) + $3 * 1000 ))
    until [ "$(state_of "$1")" = "$2" ]; do
        if [ "$(now_ms)" -gt "$deadline" ]; then
            echo "join.sh: $1 did not become $2 within $3 s; see $home/server.log" >&2
            tail -40 "$home/server.log" >&2
            exit 1
        fi
        sleep 0.02
    done
}

start_server "$home" --world --nodes 2 --node-cpus 2 --node-mem 4gb
wait_state node1 Free 60
wait_state node2 Free 60

samples=""
for round in $(seq 1 "$ROUNDS"); do
    start=$(now_ms)
    "$omb" node add node3 >/dev/null
    wait_state node3 Free 60
    ms=$(( $(now_ms) - start ))
    figure "omb_node_add_to_free_ms_round_$round" "$ms"
    samples="$samples $ms"
    "$omb" node remove node3 >/dev/null
    wait_state node3 gone 60
    # The world without node3 is up again before the next round.
    wait_state node2 Free 60
done
figure omb_node_add_to_free_ms_median "$(median <<<"$samples")"
