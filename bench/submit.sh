#!/usr/bin/env bash
# Queue-server benchmark (issues 2 and 15). Prints one figure a line:
#   durable submissions/s through the API, 8 concurrent clients (HttpClient, one request at a time each), 10k jobs,
#   with the client's and the server's CPU per submission
#   the same through 8 hand-written HTTP/1.1 connections, one request at a time and 16 pipelined
#   wall time of one qsub process (median of 50)
#   wall time of qstat and server RSS with 100,000 jobs queued
#   a 10,000-element array (-t 0-9999 -- /bin/true): API request to durable id, and one qsub process (medians of 5)
# Starts its own server on a temporary OMB_HOME and stops exactly that process on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-10000}
CLIENTS=${CLIENTS:-8}
QUEUED=${QUEUED:-100000}

./omb --version >/dev/null   # builds artifacts/omb once
dotnet build bench/OpenMosixBatch.Bench -c Release -v quiet --nologo >/dev/null
bench=bench/OpenMosixBatch.Bench/bin/Release/net10.0/omb-bench

home=$(mktemp -d /tmp/omb-bench.XXXXXX)
export OMB_HOME=$home
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$home"
}
trap cleanup EXIT
artifacts/omb/omb-server --home "$home" >"$home/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do [ -S "$home/omb.sock" ] && artifacts/omb/omb qstat >/dev/null 2>&1 && break; sleep 0.1; done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
before=$(cpu_ticks)
"$bench" submit "$JOBS" "$CLIENTS" api_submissions_per_second_${CLIENTS}_clients
echo "api_server_cpu_us_per_submission: $(( ($(cpu_ticks) - before) * 1000000 / $(getconf CLK_TCK) / JOBS ))"
"$bench" submit-raw "$JOBS" "$CLIENTS" 1 raw_submissions_per_second_${CLIENTS}_connections
"$bench" submit-raw "$JOBS" "$CLIENTS" 16 raw_submissions_per_second_${CLIENTS}_connections_16_pipelined

ms() { echo $(( ($2 - $1) / 1000000 )); }
times=()
for _ in $(seq 1 50); do
    t0=$(date +%s%N); artifacts/omb/omb qsub -N one -- /bin/true >/dev/null; t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 100000 ))")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( ${#times[@]} / 2 + 1 ))p")
printf 'qsub_wall_ms_median: %d.%d\n' $((median / 10)) $((median % 10))

have=$(( 3 * JOBS + 50 ))
if [ "$have" -lt "$QUEUED" ]; then
    "$bench" submit $((QUEUED - have)) "$CLIENTS" fill_submissions_per_second >/dev/null
fi
qtimes=()
for _ in $(seq 1 5); do
    t0=$(date +%s%N); artifacts/omb/omb qstat >/dev/null; t1=$(date +%s%N)
    qtimes+=("$(( (t1 - t0) / 1000000 ))")
done
echo "qstat_wall_ms_median_at_${QUEUED}_jobs: $(printf '%s\n' "${qtimes[@]}" | sort -n | sed -n 3p)"
echo "server_rss_mb_at_${QUEUED}_jobs: $(( $(awk '/VmRSS/ {print $2}' /proc/$server_pid/status) / 1024 ))"

# Last, so that the arrays' 100,000 tasks do not weigh on the figures above.
"$bench" array 10000 5 array_10000_api
atimes=()
for _ in $(seq 1 5); do
    t0=$(date +%s%N); artifacts/omb/omb qsub -t 0-9999 -- /bin/true >/dev/null; t1=$(date +%s%N)
    atimes+=("$(( (t1 - t0) / 1000000 ))")
done
echo "qsub_array_10000_wall_ms_median: $(printf '%s\n' "${atimes[@]}" | sort -n | sed -n 3p)"
