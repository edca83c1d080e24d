#!/usr/bin/env bash
# Queue-server benchmark (issues 2 and 15). Prints one figure a line:
#   durable submissions/s through the API, 8 concurrent clients (a thread each with one kept-alive HTTP/1.1 connection,
#   one request at a time; `omb-bench submit-httpclient` sends them through HttpClient instead), 10k jobs,
#   with the client's and the server's CPU per submission
#   the same through POST /v1/jobs/batch, 100 jobs a request (durable: only jobs acknowledged with an id count)
#   wall time of qstat with those 10,000 jobs queued (median of 5)
#   the same submissions through 8 hand-written HTTP/1.1 connections, one request at a time and 16 pipelined
#   wall time of one qsub process (median of 50)
#   wall time of qstat (median of 5) and server RSS with 100,000 jobs queued
#   server CPU (% of one core) over IDLE_SECONDS with 100,000 jobs waiting and nothing changing, from /proc/PID/stat
#   a 10,000-element array (-t 0-9999 -- /bin/true): API request to durable id, and one qsub process (medians of 5)
# Starts its own server on a temporary OMB_HOME and stops exactly that process on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-10000}
CLIENTS=${CLIENTS:-8}
QUEUED=${QUEUED:-100000}
IDLE_SECONDS=${IDLE_SECONDS:-10}

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

# Median of 5 qstat runs, in ms.
qstat_ms() {
    local qtimes=() t0 t1
    for _ in $(seq 1 5); do
        t0=$(date +%s%N); artifacts/omb/omb qstat >/dev/null; t1=$(date +%s%N)
        qtimes+=("$(( (t1 - t0) / 1000000 ))")
    done
    printf '%s\n' "${qtimes[@]}" | sort -n | sed -n 3p
}

# utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat; counted from the closing parenthesis, since the
# command name in field 2 may hold spaces).
cpu_ticks() { sed 's/.*) //' "/proc/$server_pid/stat" | awk '{print $12 + $13}'; }
before=$(cpu_ticks)
"$bench" submit "$JOBS" "$CLIENTS" api_submissions_per_second_${CLIENTS}_clients
echo "api_server_cpu_us_per_submission: $(( ($(cpu_ticks) - before) * 1000000 / $(getconf CLK_TCK) / JOBS ))"
echo "qstat_wall_ms_median_at_${JOBS}_jobs: $(qstat_ms)"
before=$(cpu_ticks)
"$bench" submit-batch "$JOBS" "$CLIENTS" 100 api_batch100_submissions_per_second_${CLIENTS}_clients
echo "api_batch100_server_cpu_us_per_submission: $(( ($(cpu_ticks) - before) * 1000000 / $(getconf CLK_TCK) / JOBS ))"
"$bench" submit-raw "$JOBS" "$CLIENTS" 1 raw_submissions_per_second_${CLIENTS}_connections
"$bench" submit-raw "$JOBS" "$CLIENTS" 16 raw_submissions_per_second_${CLIENTS}_connections_16_pipelined

times=()
for _ in $(seq 1 50); do
    t0=$(date +%s%N); artifacts/omb/omb qsub -N one -- /bin/true >/dev/null; t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 100000 ))")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( ${#times[@]} / 2 + 1 ))p")
printf 'qsub_wall_ms_median: %d.%d\n' $((median / 10)) $((median % 10))

have=$(( 4 * JOBS + 50 ))
if [ "$have" -lt "$QUEUED" ]; then
    "$bench" submit $((QUEUED - have)) "$CLIENTS" fill_submissions_per_second >/dev/null
fi
echo "qstat_wall_ms_median_at_${QUEUED}_jobs: $(qstat_ms)"
echo "server_rss_mb_at_${QUEUED}_jobs: $(( $(awk '/VmRSS/ {print $2}' /proc/$server_pid/status) / 1024 ))"

sleep 2   # the last qstat's garbage collection settles
c0=$(cpu_ticks); t0=$(date +%s%N)
sleep "$IDLE_SECONDS"
c1=$(cpu_ticks); t1=$(date +%s%N)
awk -v c="$(( c1 - c0 ))" -v hz="$(getconf CLK_TCK)" -v ns="$(( t1 - t0 ))" -v q="$QUEUED" \
    'BEGIN { printf "server_idle_cpu_percent_at_%d_jobs: %.1f\n", q, 100 * (c / hz) / (ns / 1e9) }'

# Last, so that the arrays' 100,000 tasks do not weigh on the figures above.
"$bench" array 10000 5 array_10000_api
atimes=()
for _ in $(seq 1 5); do
    t0=$(date +%s%N); artifacts/omb/omb qsub -t 0-9999 -- /bin/true >/dev/null; t1=$(date +%s%N)
    atimes+=("$(( (t1 - t0) / 1000000 ))")
done
echo "qsub_array_10000_wall_ms_median: $(printf '%s\n' "${atimes[@]}" | sort -n | sed -n 3p)"
