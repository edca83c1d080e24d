#!/usr/bin/env bash
# Dispatch benchmark (issue 3). Starts a server with a local 4-rank MPI world (omb up) on a temporary OMB_HOME and
# prints one figure a line, from the timestamps the server recorded:
#   dispatch latency (dispatched → process started), median and p95, over 200 trivial jobs
#   trivial jobs (/bin/true) completed per second end to end, 1,000 jobs
#   job records written and store commits per job over those 1,000 (omb_store_job_writes_total and the count of
#   omb_store_commit_duration_seconds, from the server's /metrics, before and after)
#   the same with QUEUED (20,000; 0 skips it) lower-priority trivial jobs already queued, on the same server right
#   after: dispatch work that grows with the queue shows as a ratio well below 1 between the two
# for the default node shape (2 CPUs per node, 90% CPU threshold: 7 tasks at once) and for 8 CPUs per node at a
# 100% threshold (32 at once). Stops exactly the server it started (which stops its world) on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
LATENCY_JOBS=${LATENCY_JOBS:-200}
THROUGHPUT_JOBS=${THROUGHPUT_JOBS:-1000}
QUEUED=${QUEUED:-20000}

build_omb_and_bench

home=
# Stops the run's server and removes its OMB_HOME.
stop_run() {
    stop_server
    if [ -n "$home" ]; then rm -rf "$home"; home=; fi
}
trap stop_run EXIT

store_counts() {  # prints "JOB_WRITES COMMITS" from the server's /metrics (a job ends before its write is counted: read after)
    curl -s "http://127.0.0.1:$metrics_port/metrics" | awk '
        /^omb_store_job_writes_total[ {]/ { w += $NF }
        /^omb_store_commit_duration_seconds_count[ {]/ { c += $NF }
        END { printf "%d %d\n", w, c }'
}

run() {  # LABEL server-switches...
    local label=$1; shift
    home=$(mktemp -d /tmp/omb-dispatch.XXXXXX)
    # The benchmark submits as whoever runs it (root here): its scratch world runs those tasks.
    metrics_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    Omb__Metrics__Listen=127.0.0.1:$metrics_port start_server "$home" --world --nodes 4 "$@"
    (cd "$home" && "$bench" dispatch "$LATENCY_JOBS" 4 "${label}_${LATENCY_JOBS}" | grep -E "latency|completed")
    local before after
    before=$(store_counts)
    (cd "$home" && "$bench" dispatch "$THROUGHPUT_JOBS" 8 "${label}_${THROUGHPUT_JOBS}" | grep -E "per_second|completed")
    after=$(store_counts)
    local w0 c0 w1 c1
    read -r w0 c0 <<<"$before"
    read -r w1 c1 <<<"$after"
    awk -v w=$((w1 - w0)) -v c=$((c1 - c0)) -v n="$THROUGHPUT_JOBS" -v l="${label}_${THROUGHPUT_JOBS}" \
        'BEGIN { printf "%s_store_job_writes_per_job: %.2f\n%s_store_commits_per_job: %.2f\n", l, w / n, l, c / n }'
    if [ "$QUEUED" -gt 0 ]; then
        (cd "$home" && "$bench" dispatch "$THROUGHPUT_JOBS" 8 "${label}_${THROUGHPUT_JOBS}_with_${QUEUED}_queued" "$QUEUED" | grep -E "per_second|completed")
    fi
    stop_run
}

run default_2cpu_nodes
run wide_8cpu_nodes --node-cpus 8 --node-mem 16gb --cpu-threshold 100 --mem-threshold 100
