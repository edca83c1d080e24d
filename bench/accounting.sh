#!/usr/bin/env bash
# A server with a year of history (issue 20). Prints one figure a line, for a server on an empty database and then for
# one on a database of JOBS finished jobs over DAYS days, in the same run:
#   the server's start (until qstat answers) and its RSS after it
#   qstat and one qsub (medians of 5)
#   on the history only: omb report over the last 30 days (median of 3, and the jobs it counted), tracejob of an old job
# HISTORY_DB=FILE reuses a database generated before (copied, never changed); otherwise one is generated here through
# the real store. Starts its own servers on temporary OMB_HOMEs and stops exactly those processes on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-1000000}
DAYS=${DAYS:-365}

./omb --version >/dev/null   # builds artifacts/omb once
dotnet build bench/OpenMosixBatch.Bench -c Release -v quiet --nologo >/dev/null
bench=bench/OpenMosixBatch.Bench/bin/Release/net10.0/omb-bench

root=$(mktemp -d /tmp/omb-bench-acct.XXXXXX)
server_pid=
stop_server() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    server_pid=
}
cleanup() { stop_server; rm -rf "$root"; }
trap cleanup EXIT

ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Starts a server on $1 and prints its start time and RSS, then qstat's and qsub's medians, each named with $2.
measure() {
    local home=$1 name=$2 t0 t1 times
    export OMB_HOME=$home
    t0=$(date +%s%N)
    artifacts/omb/omb-server --home "$home" >"$home/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 6000); do [ -S "$home/omb.sock" ] && artifacts/omb/omb qstat >/dev/null 2>&1 && break; sleep 0.1; done
    echo "server_start_ms_${name} $(ms "$t0" "$(date +%s%N)")"
    echo "server_rss_mb_${name} $(( $(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status") / 1024 ))"
    times=()
    for _ in 1 2 3 4 5; do t0=$(date +%s%N); artifacts/omb/omb qstat >/dev/null; t1=$(date +%s%N); times+=("$(ms "$t0" "$t1")"); done
    echo "qstat_ms_${name} $(median "${times[@]}")"
    times=()
    for _ in 1 2 3 4 5; do t0=$(date +%s%N); artifacts/omb/omb qsub -h -- /bin/true >/dev/null; t1=$(date +%s%N); times+=("$(ms "$t0" "$t1")"); done
    echo "qsub_ms_${name} $(median "${times[@]}")"
}

mkdir -p "$root/empty" "$root/history"
measure "$root/empty" empty_history
stop_server

if [ -n "${HISTORY_DB:-}" ]; then
    cp "$HISTORY_DB" "$root/history/omb.db"
else
    "$bench" accounting-db "$root/history/omb.db" "$JOBS" "$DAYS"
fi
measure "$root/history" "${JOBS}_finished"

start=$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)
end=$(date -u +%Y-%m-%dT%H:%M:%SZ)
times=()
for _ in 1 2 3; do
    t0=$(date +%s%N); artifacts/omb/omb report --json --start "$start" --end "$end" >"$root/report.json"; t1=$(date +%s%N)
    times+=("$(ms "$t0" "$t1")")
done
echo "report_30_days_ms $(median "${times[@]}") ($(grep -o '"by":"total","key":"total","jobs":[0-9]*' "$root/report.json" | grep -o '[0-9]*$') jobs)"
t0=$(date +%s%N); artifacts/omb/omb tracejob 1 >/dev/null; t1=$(date +%s%N)
echo "tracejob_oldest_ms $(ms "$t0" "$t1")"
echo "server_rss_mb_after_report_${JOBS}_finished $(( $(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status") / 1024 ))"
