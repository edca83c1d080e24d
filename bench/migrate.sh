#!/usr/bin/env bash
# Migration benchmark (issue 4). Prints one figure a line:
#   1. checkpoint transfer bandwidth between two ranks (BlobTransfer through the running MPI pump into the receiver's
#      file, as a migration's target receives it; the SHA-256 is checked at unpack, inside figure 2) for 1, 64 and
#      256 MB, next to the raw MPI_Send/Recv bandwidth of the same run, and their ratio per size (target: blob >= 0.5 x raw);
#      then the same data path in C (bench/native/blob-ceiling.c: pread, MPI_Isend, MPI_Recv, 32 KiB writes on a thread
#      of its own), with its own raw figure, its ratio and the C# blob over the C figure: what this machine allows a
#      program that does not poll; BANDWIDTH_ROUNDS rounds (default 3), the two in alternating order, and the median
#      blob/C ratio per size (target: at least 0.9 at 64 and 256 MB);
#   2. end-to-end migration time by checkpoint size: omb migrate of jobs/ckpt-ballast.sh MIB, from the order to the
#      task running on the target, as the server records it (qstat -f's last_migration); MOVES moves a size (a new job
#      each), one line each and, with MOVES > 1, their median; MOVE_SIZES (default SIZES) are the sizes moved;
#   latency: LATENCY_MOVES moves (default 10) of one jobs/ckpt-ballast.sh 1 task back and forth between two nodes, each as in 2,
#      and their median (target: at most 150 ms); next to it the job's own part, measured outside omb: how long
#      ckpt-ballast.sh takes from the checkpoint signal to its exit (median of LATENCY_MOVES);
#   3. makespans with migration on and off (omb server --no-migration), alternately, ROUNDS rounds each:
#      imbalanced: 4 x jobs/ckpt-sum.sh 4000000 all started on node1 of three (node1 says 4 CPUs but has core 0;
#      node2 and node3 share core 1; node2/node3 offline until all four run, then back) - target: on < off;
#      balanced: 2 x the same on 2 nodes with a core each - target: on <= 1.02 x off.
# LOGS=DIR keeps a copy of each server's logs there (with OMB_NODE_LOG_LEVEL=Debug, world.log times every phase of a move).
# ROUNDS, SIZES (MB), MOVE_SIZES (MiB), MOVES, SUM_N, LATENCY_MOVES, BANDWIDTH_ROUNDS and PARTS (a subset of
# "bandwidth latency end_to_end imbalanced balanced") may be set in the
# environment. Every server gets a temporary OMB_HOME; on exit the script stops exactly the processes it started, by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
ROUNDS=${ROUNDS:-2}
SIZES=${SIZES:-1 64 256}
SUM_N=${SUM_N:-4000000}
LATENCY_MOVES=${LATENCY_MOVES:-10}
BANDWIDTH_ROUNDS=${BANDWIDTH_ROUNDS:-3}
PARTS=${PARTS:-bandwidth latency end_to_end imbalanced balanced}
MOVE_SIZES=${MOVE_SIZES:-$SIZES}
MOVES=${MOVES:-1}

build_omb_and_bench
dotnet build src/OpenMosixBatch.Transport.Mpi.Probe -c Release -v quiet --nologo >/dev/null
probe=$PWD/src/OpenMosixBatch.Transport.Mpi.Probe/bin/Release/net10.0/omb-mpi-probe.dll
mkdir -p artifacts/bench
mpicc -O2 -Wall -Wextra -Werror -o artifacts/bench/blob-ceiling bench/native/blob-ceiling.c -lpthread
ceiling=$PWD/artifacts/bench/blob-ceiling

home=
mpiexec_pid=
stop_all() {
    if [ -n "$mpiexec_pid" ]; then
        kill -TERM "$mpiexec_pid" 2>/dev/null || true
        wait "$mpiexec_pid" 2>/dev/null || true
        mpiexec_pid=
    fi
    stop_server
    if [ -n "$home" ]; then
        if [ -n "${LOGS:-}" ]; then mkdir -p "$LOGS" && cp "$home"/*.log "$LOGS/" 2>/dev/null || true; fi
        rm -rf "$home"
        home=
    fi
}
trap stop_all EXIT
trap "exit 130" INT TERM   # so Ctrl-C or a kill also runs stop_all

figure() { printf '%s: %s\n' "$1" "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

new_home() {
    home=$(mktemp -d /tmp/omb-migrate.XXXXXX)
    export OMB_HOME=$home
    mkdir -p "$home/work"
}

# A copy of conf/ in OMB_HOME with CLUSTER_JSON as its cluster.json (as the integration tests do).
conf_with_cluster() {  # CLUSTER_JSON
    mkdir -p "$home/conf"
    cp conf/* "$home/conf/"
    printf '%s\n' "$1" >"$home/conf/cluster.json"
}

qsub() { (cd "$home/work" && "$omb" qsub "$@"); }

# Runs COMMAND as a two-rank world with its output in OUT; on failure shows OUT and exits.
two_ranks() {  # OUT WHAT COMMAND...
    local out=$1 what=$2
    shift 2
    HYDRA_LAUNCHER=fork mpiexec.hydra -n 2 "$@" >"$out" 2>&1 &
    mpiexec_pid=$!
    if ! wait "$mpiexec_pid"; then
        mpiexec_pid=
        echo "migrate.sh: $what failed:" >&2
        cat "$out" >&2
        rm -f "$out"
        exit 1
    fi
    mpiexec_pid=
}

# 1. Bandwidth: raw MPI point-to-point and BlobTransfer through the pump, in one two-rank world; then the C program.
# BANDWIDTH_ROUNDS rounds (default 3), the C# and the C run in alternating order, each figure suffixed with its round;
# then the median over the rounds of each size's blob/C ratio (a busy machine moves single figures by +-50%).
bandwidth() {
    local round
    local -A over_native=()
    for round in $(seq 1 "$BANDWIDTH_ROUNDS"); do
        local side
        for side in $( ((round % 2)) && echo "managed native" || echo "native managed"); do
            "bandwidth_$side" "_round$round"
        done
        for mb in $SIZES; do
            local r
            r=$(ratio "${blobs[$mb]}" "${natives[$mb]}")
            figure "blob_${mb}mb_over_native_file_round$round" "$r"
            over_native[$mb]="${over_native[$mb]:-} $r"
        done
    done
    for mb in $SIZES; do
        figure "blob_${mb}mb_over_native_file_median" "$(echo "${over_native[$mb]}" | median)"
    done
}

declare -A blobs=() natives=()

bandwidth_managed() {  # SUFFIX
    local out raw
    out=$(mktemp /tmp/omb-migrate-bw.XXXXXX)
    two_ranks "$out" "the bandwidth probe" dotnet "$probe" bandwidth --sizes "${SIZES// /,}"
    raw=$(awk '$1 == "raw_p2p_mb_per_s" { print $2 }' "$out")
    figure "raw_p2p_mb_per_s$1" "$raw"
    for mb in $SIZES; do
        local blob verified
        blob=$(awk -v k="blob_${mb}mb_mb_per_s" '$1 == k { print $2 }' "$out")
        verified=$(awk -v k="blob-${mb}mb" '$1 == "received" && $2 == k { print $5 }' "$out")
        blobs[$mb]=$blob
        figure "blob_${mb}mb_mb_per_s$1" "$blob"
        figure "blob_${mb}mb_over_raw$1" "$(ratio "$blob" "$raw")"
        [ "$verified" = True ] || { echo "migrate.sh: blob-${mb}mb was not verified by the receiver" >&2; cat "$out" >&2; exit 1; }
    done
    rm -f "$out"
}

bandwidth_native() {  # SUFFIX
    local out native_raw
    out=$(mktemp /tmp/omb-migrate-bw.XXXXXX)
    # shellcheck disable=SC2086 # one argument per size
    two_ranks "$out" "the native blob-ceiling run" "$ceiling" $SIZES
    native_raw=$(awk '$1 == "native_raw_mb_per_s" { print $2 }' "$out")
    figure "native_raw_mb_per_s$1" "$native_raw"
    for mb in $SIZES; do
        local native
        native=$(awk -v k="native_file_${mb}mb_mb_per_s" '$1 == k { print $2 }' "$out")
        natives[$mb]=$native
        figure "native_file_${mb}mb_mb_per_s$1" "$native"
        figure "native_file_${mb}mb_over_raw$1" "$(ratio "$native" "$native_raw")"
    done
    rm -f "$out"
}

# 2. End-to-end migration by checkpoint size, on a world of two default nodes; the planner is off (--no-migration
# stops only its own moves), so the one move is the order's.
end_to_end() {
    new_home
    start_server "$home" --world --nodes 2 --no-migration
    for mib in $MOVE_SIZES; do
        local id source target costs=() move
        for move in $(seq 1 "$MOVES"); do
            id=$(qsub "$root/jobs/ckpt-ballast.sh" "$mib" 600)
            source=$(BENCH_WAIT_SECONDS=120 "$bench" running - "$id")
            # The ballast is in place once the job renamed it into its checkpoint directory.
            for _ in $(seq 1 600); do
                [ -f "$home/spool/$source/${id%%.*}-0/checkpoint/ballast" ] && break
                sleep 0.1
            done
            source=$(BENCH_WAIT_SECONDS=120 "$bench" running - "$id")
            target=$([ "$source" = node1 ] && echo node2 || echo node1)
            "$omb" migrate "$id" "$target" >/dev/null
            read -r cost bytes _ < <(BENCH_WAIT_SECONDS=300 "$bench" moved "$id")
            figure "migration_${mib}mib_ms" "$cost"
            [ "$move" -gt 1 ] || figure "migration_${mib}mib_checkpoint_bytes" "$bytes"
            costs+=("$cost")
            "$omb" qdel "$id" >/dev/null
        done
        [ "$MOVES" -le 1 ] || figure "migration_${mib}mib_ms_median" "$(echo "${costs[*]}" | median)"
    done
    stop_all
}

# Latency: LATENCY_MOVES moves of one 1 MiB task, alternately node1 -> node2 and back, on a world of two default nodes with the
# planner off; each move starts a second after the task runs again (its trap is set by then).
latency() {
    local id source target cost bytes costs=()
    new_home
    start_server "$home" --world --nodes 2 --no-migration
    id=$(qsub "$root/jobs/ckpt-ballast.sh" 1 3600)
    source=$(BENCH_WAIT_SECONDS=120 "$bench" running - "$id")
    for _ in $(seq 1 600); do
        [ -f "$home/spool/$source/${id%%.*}-0/checkpoint/ballast" ] && break
        sleep 0.1
    done
    for move in $(seq 1 "$LATENCY_MOVES"); do
        sleep 1
        source=$(BENCH_WAIT_SECONDS=120 "$bench" running - "$id")
        target=$([ "$source" = node1 ] && echo node2 || echo node1)
        "$omb" migrate "$id" "$target" >/dev/null
        read -r cost bytes _ < <(BENCH_WAIT_SECONDS=120 "$bench" moved "$id" "$move")
        figure "migration_1mib_move${move}_ms" "$cost"
        costs+=("$cost")
    done
    figure migration_1mib_checkpoint_bytes "$bytes"
    figure migration_1mib_median_ms "$(echo "${costs[*]}" | median)"
    "$omb" qdel "$id" >/dev/null
    stop_all
    job_reaction
}

# The job's own share of a move, outside omb: ckpt-ballast.sh 1 from SIGUSR1 to its exit 85 (bash's clock, no exec).
job_reaction() {
    local dir pid t0 status reactions=()
    dir=$(mktemp -d /tmp/omb-migrate-job.XXXXXX)
    for _ in $(seq 1 "$LATENCY_MOVES"); do
        OMB_CHECKPOINT_DIR=$dir bash "$root/jobs/ckpt-ballast.sh" 1 3600 >/dev/null 2>&1 &
        pid=$!
        # In its wait loop (trap set) once its first sleep runs.
        until pgrep -P "$pid" -x sleep >/dev/null; do sleep 0.01; done
        t0=$EPOCHREALTIME
        kill -USR1 "$pid"
        status=0
        wait "$pid" || status=$?
        reactions+=("$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
        [ "$status" = 85 ] || { echo "migrate.sh: ckpt-ballast.sh exited $status on its checkpoint signal, not 85" >&2; rm -rf "$dir"; exit 1; }
    done
    rm -rf "$dir"
    figure job_checkpoint_reaction_median_ms "$(echo "${reactions[*]}" | median)"
}

# 3. One makespan each: sets span, moves and completed (seconds from the first submission to the last end, migrations,
# jobs completed with exit 0). No subshell: the server it starts must stay known to the EXIT trap.
measure_makespan() {  # ID...
    local out
    out=$("$bench" makespan "$@")
    read -r span moves completed <<<"$out"
}

imbalanced_run() {  # server-switches...
    local ids=()
    new_home
    conf_with_cluster '{"defaults": {"cpus": 1, "memory": "2gb"},
        "nodes": [{"name": "node1", "cpus": 4, "cpuset": "0"}, {"name": "node2", "cpuset": "1"}, {"name": "node3", "cpuset": "1"}]}'
    start_server "$home" --conf "$home/conf/omb.json" --world --cpu-threshold 100 "$@"
    "$omb" pbsnodes -o node2 node3 >/dev/null
    for _ in 1 2 3 4; do ids+=("$(qsub "$root/jobs/ckpt-sum.sh" "$SUM_N")"); done
    "$bench" running node1 "${ids[@]}" >/dev/null
    "$omb" pbsnodes -c node2 node3 >/dev/null
    measure_makespan "${ids[@]}"
    stop_all
}

balanced_run() {  # server-switches...
    local ids=()
    new_home
    conf_with_cluster '{"defaults": {"cpus": 1, "memory": "2gb"},
        "nodes": [{"name": "node1", "cpuset": "0"}, {"name": "node2", "cpuset": "1"}]}'
    start_server "$home" --conf "$home/conf/omb.json" --world --cpu-threshold 100 "$@"
    for _ in 1 2; do ids+=("$(qsub "$root/jobs/ckpt-sum.sh" "$SUM_N")"); done
    "$bench" running - "${ids[@]}" >/dev/null
    measure_makespan "${ids[@]}"
    stop_all
}

makespans() {  # WORKLOAD
    local workload=$1 on_ratios=() round
    for round in $(seq 1 "$ROUNDS"); do
        local off off_moves off_done on on_moves on_done
        # Alternate which goes first, so a drift in the machine's load does not favour one side.
        for side in $( ((round % 2)) && echo "off on" || echo "on off"); do
            if [ "$side" = off ]; then
                "${workload}_run" --no-migration
                off=$span off_moves=$moves off_done=$completed
            else
                "${workload}_run"
                on=$span on_moves=$moves on_done=$completed
            fi
        done
        figure "${workload}_off_round${round}_makespan_s" "$off"
        figure "${workload}_off_round${round}_migrations" "$off_moves"
        figure "${workload}_on_round${round}_makespan_s" "$on"
        figure "${workload}_on_round${round}_migrations" "$on_moves"
        figure "${workload}_round${round}_on_over_off" "$(ratio "$on" "$off")"
        [ "$off_done" = "$on_done" ] || echo "migrate.sh: round $round of $workload completed $off_done jobs without migration and $on_done with" >&2
        on_ratios+=("$(ratio "$on" "$off")")
    done
    figure "${workload}_median_on_over_off" "$(echo "${on_ratios[*]}" | median)"
}

for part in $PARTS; do
    case $part in
        bandwidth | latency | end_to_end) "$part" ;;
        imbalanced | balanced) makespans "$part" ;;
        *) echo "migrate.sh: unknown part '$part' in PARTS: use bandwidth, latency, end_to_end, imbalanced, balanced" >&2; exit 2 ;;
    esac
done
