#!/usr/bin/env bash
# What watching the cluster costs the queue server (issue 19). Prints one figure a line: the server's CPU (% of one core,
# from /proc/PID/stat) over SECONDS with QUEUED jobs queued while one qsub a second keeps the queue changing, and
#   nothing watching; qstat once a second; omb top (one frame a second, the request its terminal view makes);
#   PAGES dashboard pages polling as app.js does (overview and migrations every 2 s);
#   one administrator's jobs page (all QUEUED jobs) polled every 2 s, and PAGES of them; nothing watching again.
# Starts its own server (no world, so the jobs stay queued) on a temporary OMB_HOME and stops exactly the processes it
# started, by PID, on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
QUEUED=${QUEUED:-10000}
SECONDS_EACH=${SECONDS_EACH:-20}
PAGES=${PAGES:-5}

# shellcheck source=bench/lib.sh
. bench/lib.sh
build_omb_and_bench

home=$(mktemp -d /tmp/omb-watch.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
site=http://127.0.0.1:$port
watchers=()
stop_watchers() {
    for p in "${watchers[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    watchers=()
}
cleanup() {
    stop_watchers
    stop_server
    rm -rf "$home"
}
trap cleanup EXIT
Omb__Web__Listen=127.0.0.1:$port start_server "$home"
"$bench" submit "$QUEUED" 8 fill_submissions_per_second >/dev/null

mkdir -p "$home/root"
HOME=$home/root $omb token >/dev/null
curl -sf -c "$home/cookies" -H 'Content-Type: application/json' -d "{\"token\":\"$(cat "$home/root/.omb/token")\"}" "$site/api/login" >/dev/null

sleep 10   # the fill's garbage collection and the store's checkpoint settle before the first figure
cpu_ticks() { sed 's/.*) //' "/proc/$server_pid/stat" | awk '{print $12 + $13}'; }

# measure NAME: the server's CPU over SECONDS_EACH while the watchers started before it run, with one qsub a second.
measure() {
    sleep 2   # the watchers' first requests and the last figure's garbage collection settle
    local c0 c1 t0 t1
    c0=$(cpu_ticks); t0=$(date +%s%N)
    for _ in $(seq 1 "$SECONDS_EACH"); do $omb qsub -N trickle -- /bin/true >/dev/null; sleep 1; done
    c1=$(cpu_ticks); t1=$(date +%s%N)
    awk -v c="$(( c1 - c0 ))" -v hz="$(getconf CLK_TCK)" -v ns="$(( t1 - t0 ))" -v name="$1" -v q="$QUEUED" \
        'BEGIN { printf "server_cpu_percent_%s_at_%d_queued: %.1f\n", name, q, 100 * (c / hz) / (ns / 1e9) }'
    stop_watchers
}

measure unwatched

( while :; do $omb qstat >/dev/null; sleep 1; done ) & watchers+=($!)
measure qstat_every_second

( $omb top -b -d 1 -n 100000 >/dev/null ) & watchers+=($!)
measure omb_top

for _ in $(seq 1 "$PAGES"); do
    ( while :; do curl -sf "$site/api/overview" >/dev/null; curl -sf "$site/api/migrations" >/dev/null; sleep 2; done ) & watchers+=($!)
done
measure "dashboard_${PAGES}_pages"

( while :; do curl -sf -b "$home/cookies" "$site/api/jobs" >/dev/null; sleep 2; done ) & watchers+=($!)
measure dashboard_admin_jobs_page

for _ in $(seq 1 "$PAGES"); do
    ( while :; do curl -sf -b "$home/cookies" "$site/api/jobs" >/dev/null; sleep 2; done ) & watchers+=($!)
done
measure "dashboard_admin_jobs_${PAGES}_pages"

measure unwatched_again
