#!/usr/bin/env bash
# Accounting at scale (issue 20). Prints one figure a line:
#   the time to generate a job database of JOBS finished jobs over DAYS days (through the real store)
#   the server's start on it (until qstat answers)
#   omb report over the last 30 days of it (median of 3), and the jobs it counted
#   qstat and one qsub on that server (medians of 5)
# Starts its own server on a temporary OMB_HOME and stops exactly that process on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-1000000}
DAYS=${DAYS:-365}

./omb --version >/dev/null   # builds artifacts/omb once
dotnet build bench/OpenMosixBatch.Bench -c Release -v quiet --nologo >/dev/null
bench=bench/OpenMosixBatch.Bench/bin/Release/net10.0/omb-bench

home=$(mktemp -d /tmp/omb-bench-acct.XXXXXX)
export OMB_HOME=$home
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$home"
}
trap cleanup EXIT
"$bench" accounting-db "$home/omb.db" "$JOBS" "$DAYS"

ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

t0=$(date +%s%N)
artifacts/omb/omb-server --home "$home" >"$home/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 6000); do [ -S "$home/omb.sock" ] && artifacts/omb/omb qstat >/dev/null 2>&1 && break; sleep 0.1; done
echo "server_start_ms $(ms "$t0" "$(date +%s%N)")"

start=$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)
end=$(date -u +%Y-%m-%dT%H:%M:%SZ)
times=()
for _ in 1 2 3; do
    t0=$(date +%s%N); artifacts/omb/omb report --json --start "$start" --end "$end" >"$home/report.json"; t1=$(date +%s%N)
    times+=("$(ms "$t0" "$t1")")
done
echo "report_30_days_ms $(median "${times[@]}") ($(grep -o '"by":"total","key":"total","jobs":[0-9]*' "$home/report.json" | grep -o '[0-9]*$') jobs)"

times=()
for _ in 1 2 3 4 5; do t0=$(date +%s%N); artifacts/omb/omb qstat >/dev/null; t1=$(date +%s%N); times+=("$(ms "$t0" "$t1")"); done
echo "qstat_ms $(median "${times[@]}")"
times=()
for _ in 1 2 3 4 5; do t0=$(date +%s%N); artifacts/omb/omb qsub -h -- /bin/true >/dev/null; t1=$(date +%s%N); times+=("$(ms "$t0" "$t1")"); done
echo "qsub_ms $(median "${times[@]}")"
