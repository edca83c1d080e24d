#!/usr/bin/env bash
# Issue 15's side-by-side figures: OpenMosixBatch and Slurm (Debian's slurm-wlm, single host, tuned for throughput; see
# bench/slurm-cluster.sh) measured in the same run, next to the machine's own limits. Progress on stderr; on stdout one
# figure a line (name: value), then one markdown table. What each figure means: docs/benchmarks.md.
# Counts (environment, defaults are the issue's): QSUB_RUNS (50 qsub/sbatch/start samples), SUBMIT_JOBS (10000, API,
# CLIENTS=8 clients), SUBMIT_JOBS_SLURM (10000 sbatch from 8 loops, then the squeue figure), ARRAY (10000 elements),
# BIG_QUEUED (100000), IDLE_SECONDS (10), QUIET_SECONDS (20: the quiet before each RSS reading), LAT_N (20 one-at-a-time jobs), E2E_JOBS and E2E_JOBS_SLURM (1000 trivial jobs),
# E2E_CAP_SLURM (600 s: after it Slurm's rate counts the jobs done so far), MOVES (5 moves of 1 MiB), SIZES ("64 256" MB).
# PARTS: any of "floor queue dispatch migration slurm" (default all). Needs root (Slurm runs as root; tasks run as root).
# Every server, world and daemon it starts gets a temporary directory and is stopped by PID on exit, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
QSUB_RUNS=${QSUB_RUNS:-50}
CLIENTS=${CLIENTS:-8}
SUBMIT_JOBS=${SUBMIT_JOBS:-10000}
SUBMIT_JOBS_SLURM=${SUBMIT_JOBS_SLURM:-10000}
ARRAY=${ARRAY:-10000}
BIG_QUEUED=${BIG_QUEUED:-100000}
IDLE_SECONDS=${IDLE_SECONDS:-10}
QUIET_SECONDS=${QUIET_SECONDS:-20}
LAT_N=${LAT_N:-20}
E2E_JOBS=${E2E_JOBS:-1000}
E2E_JOBS_SLURM=${E2E_JOBS_SLURM:-1000}
E2E_CAP_SLURM=${E2E_CAP_SLURM:-600}
MOVES=${MOVES:-5}
SIZES=${SIZES:-64 256}
PARTS=${PARTS:-floor queue dispatch migration slurm}
[ "$(id -u)" -eq 0 ] || { echo "compare.sh: run as root (Slurm's daemons and the scratch worlds run as root)" >&2; exit 2; }
# shellcheck source=bench/slurm-cluster.sh
. "$root/bench/slurm-cluster.sh"
started=$SECONDS
progress() { printf 'compare.sh [%4ds]: %s\n' $((SECONDS - started)) "$*" >&2; }
has() { [[ " $PARTS " == *" $1 "* ]]; }

scratch=$(mktemp -d /tmp/omb-compare.XXXXXX)
# shellcheck source=bench/compare-table.sh
. "$root/bench/compare-table.sh"
loop_pids=()
cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    local p
    for p in "${loop_pids[@]}"; do kill "$p" 2>/dev/null || true; done
    stop_server
    slurm_stop
    rm -rf "$scratch"
    [ "$rc" -eq 0 ] || progress "failed (exit $rc); everything it started is stopped"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---- builds (not counted in the figures)
progress "building (artifacts/omb, omb-bench, the NativeAOT hello, the C programs)"
build_omb_and_bench
mkdir -p artifacts/bench
if [ ! -x artifacts/bench/aot-hello/aot-hello ] || [ -n "$(find bench/AotHello -newer artifacts/bench/aot-hello/aot-hello -name '*.cs*' -print -quit)" ]; then
    dotnet publish bench/AotHello -c Release -r linux-x64 -p:PublishAot=true -o artifacts/bench/aot-hello -v quiet --nologo >/dev/null
fi
progress "building the C programs; Slurm installed?"
build_spawn_ceiling
if has slurm; then slurm_install; fi

now() { printf '%s\n' "$EPOCHREALTIME"; }
ms_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
# Nearest-rank percentile P of the numbers on stdin.
pct() { sort -g | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; printf "%.1f", v[i] }'; }
# Median wall time (ms) of RUNS runs of COMMAND.
wall_median() {  # RUNS COMMAND...
    local runs=$1 i t0
    shift
    for ((i = 0; i < runs; i++)); do t0=$(now); "$@" >/dev/null; ms_since "$t0"; echo; done | pct 50
}
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# The server's resident memory once it has been quiet: it gives a burst's garbage back after 5 s of quiet (Omb:Memory),
# and its own passes after a fill keep it busy for some seconds more. Read after QUIET_SECONDS of quiet and again 5 s
# later (a steady figure, not a dip: both are printed, the first is the table's); the trims so far from its log.
rss_after_quiet() {  # QUEUED
    progress "queue: RSS after ${QUIET_SECONDS} s of quiet, and 5 s later"
    sleep "$QUIET_SECONDS"
    figure "omb_server_rss_mb_at_$1_queued" "$(rss_mb "$server_pid")"
    sleep 5
    figure "omb_server_rss_mb_at_$1_queued_5s_later" "$(rss_mb "$server_pid")"
    figure "omb_server_heap_trims_at_$1_queued" "$(grep -c 'heap trimmed after a burst' "$OMB_HOME/server.log" || true)"
}
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# Percent of one core PID used over SECONDS, from utime + stime.
cpu_percent() {  # PID SECONDS
    local a b t0
    a=$(cpu_ticks "$1"); t0=$(now)
    sleep "$2"
    b=$(cpu_ticks "$1")
    awk -v d=$((b - a)) -v hz="$(getconf CLK_TCK)" -v t0="$t0" -v t1="$(now)" 'BEGIN { printf "%.2f", d / hz / (t1 - t0) * 100 }'
}
random_pause() { sleep "0.$(printf '%03d' $((RANDOM % 1000)))"; }

# ---- 1. process starts: the machine's floor
if has floor; then
    progress "floor: /bin/true and a NativeAOT hello, $QSUB_RUNS starts each; posix_spawn loops, one per core"
    figure true_wall_ms_median "$(wall_median "$QSUB_RUNS" /bin/true)"
    figure aot_hello_wall_ms_median "$(wall_median "$QSUB_RUNS" artifacts/bench/aot-hello/aot-hello)"
    figure posix_spawn_true_per_second "$(artifacts/bench/spawn-ceiling 5 | awk '{ print $2 }')"
fi

# ---- 2, 3. the queue: qsub, API submissions, array, qstat, memory and idle CPU (a server without a world: nothing runs)
if has queue; then
    progress "queue: a ${ARRAY}-element array into an empty queue"
    start_server "$scratch/array"
    t0=$(now)
    (cd "$OMB_HOME/work" && "$omb" qsub -N array -t "0-$((ARRAY - 1))" -- /bin/true >/dev/null)
    figure omb_array_${ARRAY}_wall_ms "$(ms_since "$t0")"
    stop_server

    start_server "$scratch/queue"
    progress "queue: $QSUB_RUNS qsub processes"
    figure omb_qsub_wall_ms_median "$(cd "$OMB_HOME/work" && wall_median "$QSUB_RUNS" "$omb" qsub -N one -- /bin/true)"
    progress "queue: $SUBMIT_JOBS API submissions from $CLIENTS clients"
    (cd "$OMB_HOME/work" && "$bench" submit "$SUBMIT_JOBS" "$CLIENTS" omb_api_submissions_per_second) | while read -r k v; do figure "${k%:}" "$v"; done
    queued=$((SUBMIT_JOBS + QSUB_RUNS))
    figure omb_qstat_wall_ms_median_at_${queued}_queued "$(wall_median 5 "$omb" qstat)"
    rss_after_quiet "$queued"
    if [ "$queued" -lt "$BIG_QUEUED" ]; then
        progress "queue: filling to $BIG_QUEUED queued"
        (cd "$OMB_HOME/work" && "$bench" submit $((BIG_QUEUED - queued)) "$CLIENTS" fill >/dev/null)
        queued=$BIG_QUEUED
    fi
    figure omb_qstat_wall_ms_median_at_${queued}_queued "$(wall_median 5 "$omb" qstat)"
    rss_after_quiet "$queued"
    progress "queue: the server's CPU over ${IDLE_SECONDS} s with $queued waiting and nothing changing"
    sleep 2
    figure omb_server_idle_cpu_percent_at_${queued}_queued "$(cpu_percent "$server_pid" "$IDLE_SECONDS")"
    stop_server
fi

# ---- 4, 5. a local world of 4 nodes x 2 CPUs at 100%: one job at a time, then 1,000 trivial jobs
if has dispatch; then
    start_server "$scratch/world" --world --nodes 4 --node-cpus 2 --cpu-threshold 100 --mem-threshold 100
    progress "dispatch: $LAT_N jobs one at a time at random moments, qsub start -> the job's first instruction"
    lat=()
    for ((i = 0; i < LAT_N; i++)); do
        random_pause
        f=$OMB_HOME/work/lat.$i
        t0=$(now)
        id=$(cd "$OMB_HOME/work" && "$omb" qsub -N lat -- /bin/sh -c "date +%s.%N >$f")
        for _ in $(seq 3000); do [ -s "$f" ] && break; sleep 0.01; done
        [ -s "$f" ] && lat+=("$(awk -v a="$t0" '{ printf "%.1f", ($1 - a) * 1000 }' "$f")")
        BENCH_WAIT_SECONDS=60 "$bench" makespan "$id" >/dev/null   # the cluster is idle again before the next one
    done
    [ ${#lat[@]} -gt 0 ] || { echo "compare.sh: no latency job of OpenMosixBatch started (see $OMB_HOME/server.log)" >&2; exit 1; }
    figure omb_dispatch_latency_ms_median "$(printf '%s\n' "${lat[@]}" | pct 50)"
    figure omb_dispatch_latency_ms_p95 "$(printf '%s\n' "${lat[@]}" | pct 95)"
    figure omb_dispatch_latency_samples "${#lat[@]}"
    progress "dispatch: $E2E_JOBS trivial jobs (/bin/true) through the API, end to end"
    (cd "$OMB_HOME/work" && "$bench" dispatch "$E2E_JOBS" 8 "omb_e2e_${E2E_JOBS}") | grep -E "completed|per_second" | while read -r k v rest; do figure "${k%:}" "$v${rest:+ $rest}"; done
    stop_server
fi

# ---- 6. migration: 1 MiB moves and the checkpoint transfer against the C data path (bench/migrate.sh)
if has migration; then
    progress "migration: bench/migrate.sh (SIZES=$SIZES, $MOVES moves of 1 MiB)"
    # The rates of the first bandwidth round, the median blob/C ratio over the rounds, the median of the 1 MiB moves.
    PARTS="bandwidth latency" SIZES="$SIZES" LATENCY_MOVES="$MOVES" bench/migrate.sh |
        sed -nE 's/^(blob_[0-9]+mb_mb_per_s|native_file_[0-9]+mb_mb_per_s)_round1:/\1:/p; s/^(blob_[0-9]+mb_over_native_file)_median:/\1:/p;
                 s/^migration_1mib_median_ms:/migration_1mib_ms_median:/p; s/^job_checkpoint_reaction_median_ms:/job_checkpoint_reaction_ms_median:/p' |
        while read -r k v; do figure "omb_${k%:}" "$v"; done
fi

# ---- Slurm: the same figures, its daemons started here and stopped after
if has slurm; then
    slurm_start "$scratch/slurm"
    cd "$slurm_dir/work"
    me=$(id -un)
    progress "slurm: $QSUB_RUNS sbatch processes (held jobs)"
    figure slurm_sbatch_wall_ms_median "$(wall_median "$QSUB_RUNS" sbatch -H -o /dev/null --wrap true)"
    slurm_drain 60
    progress "slurm: $SUBMIT_JOBS_SLURM held jobs from 8 concurrent sbatch loops"
    t0=$(now)
    loop_pids=()
    for ((k = 0; k < 8; k++)); do
        (for ((i = 0; i < SUBMIT_JOBS_SLURM / 8; i++)); do sbatch -H -o /dev/null --wrap true >/dev/null || echo x >>fail; done) &
        loop_pids+=($!)
    done
    wait "${loop_pids[@]}"
    loop_pids=()
    pending=$(slurm_active)
    figure slurm_sbatch_8_loops_submissions_per_second "$(awk -v n="$pending" -v t0="$t0" -v t1="$(now)" 'BEGIN { printf "%.0f", n / (t1 - t0) }')"
    [ -f fail ] && progress "slurm: $(wc -l <fail) sbatch calls failed"
    figure slurm_squeue_wall_ms_median_at_${pending}_pending "$(wall_median 5 squeue)"
    figure slurm_slurmctld_rss_mb_at_${pending}_pending "$(rss_mb "$slurm_ctld_pid")"
    progress "slurm: slurmctld's CPU over ${IDLE_SECONDS} s with $pending pending and nothing changing"
    figure slurm_slurmctld_idle_cpu_percent_at_${pending}_pending "$(cpu_percent "$slurm_ctld_pid" "$IDLE_SECONDS")"
    slurm_drain 180
    progress "slurm: a ${ARRAY}-element array into an empty queue"
    # slurmctld may still be purging the cancelled jobs: a timed-out submission is retried, and only the one that
    # succeeded is timed.
    for attempt in 1 2 3; do
        sleep 5
        t0=$(now)
        if sbatch -H --array="0-$((ARRAY - 1))" -o /dev/null --wrap true >/dev/null; then
            figure slurm_array_${ARRAY}_wall_ms "$(ms_since "$t0")"
            break
        fi
        progress "slurm: the array submission failed (attempt $attempt of 3)"
    done
    slurm_drain 180
    progress "slurm: $LAT_N jobs one at a time at random moments, sbatch start -> the job's first instruction"
    lat=()
    # A submission that times out (slurmctld still busy with the cancelled jobs) is retried, up to LAT_N more.
    for ((i = 0; i < 2 * LAT_N && ${#lat[@]} < LAT_N; i++)); do
        random_pause
        f=$slurm_dir/work/lat.$i
        t0=$(now)
        sbatch -o /dev/null --wrap "date +%s.%N >$f" >/dev/null || { progress "slurm: sbatch failed: sample $i skipped"; continue; }
        for _ in $(seq 3000); do [ -s "$f" ] && break; sleep 0.01; done
        [ -s "$f" ] && lat+=("$(awk -v a="$t0" '{ printf "%.1f", ($1 - a) * 1000 }' "$f")")
        while [ "$(slurm_active)" -ne 0 ]; do sleep 0.02; done
    done
    [ ${#lat[@]} -gt 0 ] || { echo "compare.sh: no latency job of Slurm started (see $slurm_dir/log)" >&2; exit 1; }
    figure slurm_dispatch_latency_ms_median "$(printf '%s\n' "${lat[@]}" | pct 50)"
    figure slurm_dispatch_latency_ms_p95 "$(printf '%s\n' "${lat[@]}" | pct 95)"
    figure slurm_dispatch_latency_samples "${#lat[@]}"
    slurm_drain 60
    progress "slurm: $E2E_JOBS_SLURM trivial jobs (/bin/true) from 8 sbatch loops, end to end (at most ${E2E_CAP_SLURM} s)"
    t0=$(now)
    s0=$SECONDS
    for ((k = 0; k < 8; k++)); do
        (for ((i = k; i < E2E_JOBS_SLURM; i += 8)); do sbatch -o /dev/null --wrap /bin/true >/dev/null || echo x >>fail.e2e; done) &
        loop_pids+=($!)
    done
    wait "${loop_pids[@]}"
    loop_pids=()
    while [ "$(slurm_active)" -ne 0 ] && [ $((SECONDS - s0)) -lt "$E2E_CAP_SLURM" ]; do sleep 0.2; done
    left=$(slurm_active)
    failed=0
    [ -f fail.e2e ] && failed=$(wc -l <fail.e2e) && progress "slurm: $failed sbatch calls failed"
    left=$((left + failed))
    figure slurm_e2e_${E2E_JOBS_SLURM}_jobs_completed "$((E2E_JOBS_SLURM - left)) of $E2E_JOBS_SLURM"
    figure slurm_e2e_${E2E_JOBS_SLURM}_jobs_per_second_end_to_end "$(awk -v n=$((E2E_JOBS_SLURM - left)) -v t0="$t0" -v t1="$(now)" 'BEGIN { printf "%.1f", n / (t1 - t0) }')"
    cd "$root"
    slurm_stop
fi

progress "done in $((SECONDS - started)) s"
print_table
