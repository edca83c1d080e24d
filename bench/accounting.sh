#!/usr/bin/env bash
# A server with a year of history (issue 20). Prints one figure a line, for a server on an empty database and one on a
# database of JOBS finished jobs over DAYS days, both up at once, so that their figures come from the same minutes:
#   each server's start (until qstat answers) and its RSS after it
#   qsub -h and qstat, interleaved on the two servers, ROUNDS rounds (median and range of each)
#   on the history only: omb report over the last 30 days (median of REPORTS, and the jobs it counted), tracejob of an
#   old job
# HISTORY_DB=FILE reuses a database generated before (copied, never changed); otherwise one is generated here through
# the real store. The history server prunes what ended more than Omb:Accounting:Keep ago (90 days by default) while it
# is measured, as a server does after its history or its Keep changed. Starts its own servers on temporary OMB_HOMEs
# and stops exactly those processes on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-1000000}
DAYS=${DAYS:-365}
ROUNDS=${ROUNDS:-20}
REPORTS=${REPORTS:-5}

./omb --version >/dev/null   # builds artifacts/omb once
dotnet build bench/OpenMosixBatch.Bench -c Release -v quiet --nologo >/dev/null
bench=bench/OpenMosixBatch.Bench/bin/Release/net10.0/omb-bench
omb=artifacts/omb/omb

root=$(mktemp -d /tmp/omb-bench-acct.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    rm -rf "$root"
}
trap cleanup EXIT

ms() { echo $(( ($2 - $1) / 1000000 )); }
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d (%d-%d, n=%d)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }

# Starts a server on $1, waits until it answers, and prints its start time and RSS, named with $2.
start() {
    local home=$1 name=$2 t0
    t0=$(date +%s%N)
    artifacts/omb/omb-server --home "$home" >"$home/server.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 9000); do
        kill -0 "${pids[-1]}" 2>/dev/null || { echo "the server on $home exited: $(tail -1 "$home/server.log")" >&2; exit 1; }
        [ -S "$home/omb.sock" ] && OMB_HOME=$home $omb qstat >/dev/null 2>&1 && break
        sleep 0.1
    done
    echo "server_start_ms_${name} $(ms "$t0" "$(date +%s%N)")"
    echo "server_rss_mb_${name} $(( $(awk '/VmRSS/ {print $2}' "/proc/${pids[-1]}/status") / 1024 ))"
}

mkdir -p "$root/empty" "$root/history"
if [ -n "${HISTORY_DB:-}" ]; then
    cp "$HISTORY_DB" "$root/history/omb.db"
    chmod 600 "$root/history/omb.db"   # the server refuses a database others may read (cp gives the umask's 0644)
else
    "$bench" accounting-db "$root/history/omb.db" "$JOBS" "$DAYS"
fi
history="${JOBS}_finished"
start "$root/empty" empty_history
start "$root/history" "$history"
echo "load_before_rounds $(cut -d' ' -f1 /proc/loadavg)"

declare -A times=()
for _ in $(seq 1 "$ROUNDS"); do
    for name in empty_history "$history"; do
        home=$root/empty; [ "$name" = empty_history ] || home=$root/history
        t0=$(date +%s%N); OMB_HOME=$home $omb qsub -h -- /bin/true >/dev/null; t1=$(date +%s%N)
        OMB_HOME=$home $omb qstat >/dev/null; t2=$(date +%s%N)
        times[qsub_$name]+="$(ms "$t0" "$t1") "; times[qstat_$name]+="$(ms "$t1" "$t2") "
    done
done
for what in qsub qstat; do
    for name in empty_history "$history"; do
        # shellcheck disable=SC2086  # the list is numbers separated by spaces
        echo "${what}_ms_${name} $(stats ${times[${what}_$name]})"
    done
done
echo "load_after_rounds $(cut -d' ' -f1 /proc/loadavg)"

export OMB_HOME=$root/history
start=$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)
end=$(date -u +%Y-%m-%dT%H:%M:%SZ)
reports=()
for _ in $(seq 1 "$REPORTS"); do
    t0=$(date +%s%N); $omb report --json --start "$start" --end "$end" >"$root/report.json"; t1=$(date +%s%N)
    reports+=("$(ms "$t0" "$t1")")
done
echo "report_30_days_ms $(stats "${reports[@]}") ($(grep -o '"by":"total","key":"total","jobs":[0-9]*' "$root/report.json" | grep -o '[0-9]*$') jobs)"
t0=$(date +%s%N); found=found; $omb tracejob 1 >/dev/null 2>&1 || found="not found: pruned"; t1=$(date +%s%N)
echo "tracejob_oldest_ms $(ms "$t0" "$t1") (job 1 $found)"
echo "server_rss_mb_after_report_${history} $(( $(awk '/VmRSS/ {print $2}' "/proc/${pids[-1]}/status") / 1024 ))"
grep -h "accounting: pruned" "$root/history/server.log" | sed 's/^/pruning: /' || echo "pruning: not finished while measured"
