#!/usr/bin/env bash
# Soak run (issue 6), not part of the tests. Starts a server with a local mpiexec.hydra world of NODES ranks (shaped by
# a copy of conf/ with its own cluster.json) on a temporary OMB_HOME, submits JOBS jobs (array elements count one each)
# of mixed kinds through the API (omb-bench soak-submit: jobs/cpu-bound.sh sums, jobs/array.sh arrays, afterok
# dependents, command jobs, jobs/ckpt-sum.sh with periodic checkpoints), paced over DURATION seconds, while killing
# the server (kill -9, then a new one on the same OMB_HOME) and random ranks (kill -9 of an omb-node process found
# among the descendants of the world's mpiexec) at random times for DURATION seconds. Every one of the JOBS goes in:
# what the submitter has not sent when the faults stop goes in then, unpaced. Then it waits for the queue to drain, stops the server and checks (omb-bench soak-check) that every acknowledged job is in qstat -x --json,
# completed with exit 0, has exactly one terminal event in the job database and wrote exactly its expected output.
# Prints one figure a line; exits 1 when a job was lost, duplicated, failed or wrote the wrong output, or a task was
# rerun although its host stayed up (every node here runs on this host; only ranks and the server are killed).
#
# Environment: JOBS (50000), DURATION (600 s), SEED (random; printed), NODES (3), NODE_CPUS (4), CLIENTS (4),
# SERVER_KILL_MIN/MAX (30/90 s between server kills), RANK_KILL_MIN/MAX (45/120 s between rank kills),
# DRAIN_TIMEOUT (3600 s), BACKLOG (0 for none, the default: the server holds the whole soak queued; N makes submission
# wait while N tasks are queued or running), KEEP=1 keeps the OMB_HOME (its server.log, world.log, ledger and outputs) for debugging.
# On every exit the script stops exactly the processes it started (the submitter, the server, the world the server
# launched and that world's ranks), by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-50000}
DURATION=${DURATION:-600}
SEED=${SEED:-$((RANDOM * 32768 + RANDOM))}
NODES=${NODES:-3}
NODE_CPUS=${NODE_CPUS:-4}
CLIENTS=${CLIENTS:-4}
SERVER_KILL_MIN=${SERVER_KILL_MIN:-30}
SERVER_KILL_MAX=${SERVER_KILL_MAX:-90}
RANK_KILL_MIN=${RANK_KILL_MIN:-45}
RANK_KILL_MAX=${RANK_KILL_MAX:-120}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-3600}
BACKLOG=${BACKLOG:-0}
KEEP=${KEEP:-0}

# shellcheck source=bench/lib.sh
. bench/lib.sh
build_omb_and_bench
server_grace=60   # a server that does not stop within a minute is killed

home=$(mktemp -d /tmp/omb-soak.XXXXXX)
export OMB_HOME=$home
mkdir -p "$home/work/out" "$home/conf"
submit_pid=
declare -A started_ranks=()   # PID -> start time of every rank seen, to stop leftovers by PID at the end

note() { echo "soak: $*" >&2; }
figure() { printf '%s: %s\n' "$1" "$2"; }

# Field 22 of /proc/PID/stat (start time since boot): tells a live process from a reused PID.
# shellcheck disable=SC2086 # $s is split into its fields on purpose
start_time() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; echo "${20}"; }
alive_as() { [ "$(start_time "$1" 2>/dev/null)" = "$2" ]; }

# mpiexec of the world our server launched (OMB_HOME/world.json), when it still runs as recorded there.
world_pid() {
    local pid ticks
    [ -f "$home/world.json" ] || return 1
    pid=$(jq -r .Pid "$home/world.json" 2>/dev/null) && ticks=$(jq -r .StartTicks "$home/world.json" 2>/dev/null) || return 1
    alive_as "$pid" "$ticks" && echo "$pid"
}

# The omb-node processes (ranks) among the descendants of PID (hydra's proxies and the ranks' tasks are descendants too).
ranks_of() {
    ps -e -o pid= -o ppid= -o comm= | awk -v root="$1" '
        { parent[$1] = $2; comm[$1] = $3 }
        END {
            want[root] = 1
            do { grew = 0; for (p in parent) if (!(p in want) && (parent[p] in want)) { want[p] = 1; grew = 1 } } while (grew)
            for (p in want) if (p != root && comm[p] == "omb-node") printf "%s ", p
        }'
}

remember_ranks() {
    local w pid t
    w=$(world_pid) || return 0
    for pid in $(ranks_of "$w"); do
        t=$(start_time "$pid") && started_ranks[$pid]=$t
    done
}

cleanup() {
    local rc=$? w pid
    trap - EXIT INT TERM
    if [ -n "$submit_pid" ]; then stop_pid "$submit_pid" 5; wait "$submit_pid" 2>/dev/null || true; fi
    remember_ranks
    w=$(world_pid) || w=
    stop_server
    # A world outlives a killed server: if the last server did not stop it, stop it here, then any rank left.
    if [ -n "$w" ] && kill -0 "$w" 2>/dev/null; then stop_pid "$w" 15; fi
    for pid in "${!started_ranks[@]}"; do
        if alive_as "$pid" "${started_ranks[$pid]}"; then kill -KILL "$pid" 2>/dev/null || true; fi
    done
    if [ "$KEEP" = 1 ]; then note "kept OMB_HOME $home"; else rm -rf "$home"; fi
    exit "$rc"
}
trap cleanup EXIT
trap "exit 130" INT TERM

mkdir -p "$home/conf"
cp conf/* "$home/conf/"
{
    printf '{"defaults": {"cpus": %d, "memory": "4gb"}, "nodes": [' "$NODE_CPUS"
    for ((i = 1; i <= NODES; i++)); do printf '%s{"name": "node%d"}' "$([ "$i" -gt 1 ] && echo ,)" "$i"; done
    printf ']}\n'
} >"$home/conf/cluster.json"

server_switches=(--conf "$home/conf/omb.json" --world --cpu-threshold 100)
start_server "$home" "${server_switches[@]}"
for _ in $(seq 1 600); do
    [ "$("$omb" pbsnodes -a --json 2>/dev/null | jq '.nodes | length' 2>/dev/null || echo 0)" = "$NODES" ] && break
    sleep 0.1
done
remember_ranks

RANDOM=$SEED
between() { echo $(($1 + RANDOM % ($2 - $1 + 1))); }
figure seed "$SEED"
note "OMB_HOME $home; $JOBS jobs over $DURATION s on $NODES nodes x $NODE_CPUS CPUs"

: >"$home/ledger.tsv"
t0=$SECONDS
wall_start=$(date +%s.%N)
(cd "$home/work" && exec "$bench" soak-submit "$JOBS" "$DURATION" "$SEED" "$CLIENTS" "$home/ledger.tsv" "$root/jobs" "$BACKLOG") \
    >"$home/submit.out" 2>"$home/submit.err" &
submit_pid=$!

server_kills=0
rank_kills=0
next_server=$((t0 + $(between "$SERVER_KILL_MIN" "$SERVER_KILL_MAX")))
next_rank=$((t0 + $(between "$RANK_KILL_MIN" "$RANK_KILL_MAX")))
next_note=$((t0 + 30))
unfinished() { "$omb" qstat --json 2>/dev/null | jq '.jobs | length' 2>/dev/null; }

while ((SECONDS - t0 < DURATION)); do
    if ((SECONDS >= next_server)); then
        remember_ranks
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_kills=$((server_kills + 1))
        note "t=$((SECONDS - t0))s kill -9 server $server_pid (kill $server_kills)"
        # Its world may outlive it: the fault loop goes on while the new server attaches or relaunches one.
        launch_server "$home" "${server_switches[@]}"
        next_server=$((SECONDS + $(between "$SERVER_KILL_MIN" "$SERVER_KILL_MAX")))
    fi
    if ((SECONDS >= next_rank)); then
        read -r -a ranks <<<"$( (w=$(world_pid) && ranks_of "$w") || true)"
        if [ ${#ranks[@]} -gt 0 ]; then
            victim=${ranks[RANDOM % ${#ranks[@]}]}
            t=$(start_time "$victim") && started_ranks[$victim]=$t
            kill -KILL "$victim" 2>/dev/null && rank_kills=$((rank_kills + 1))
            note "t=$((SECONDS - t0))s kill -9 rank $victim of ${#ranks[@]} (kill $rank_kills)"
            next_rank=$((SECONDS + $(between "$RANK_KILL_MIN" "$RANK_KILL_MAX")))
        else
            next_rank=$((SECONDS + 5))   # the world is being relaunched: try again shortly
        fi
    fi
    if ((SECONDS >= next_note)); then
        note "t=$((SECONDS - t0))s acknowledged $(wc -l <"$home/ledger.tsv" 2>/dev/null || echo 0) submissions, $(unfinished || echo ?) unfinished"
        next_note=$((SECONDS + 30))
    fi
    sleep 1
done

# The faults are over; the submitter goes on until every job is in.
while kill -0 "$submit_pid" 2>/dev/null; do
    if ((SECONDS >= next_note)); then
        note "t=$((SECONDS - t0))s submitting (no faults): acknowledged $(wc -l <"$home/ledger.tsv" 2>/dev/null || echo 0) submissions, $(unfinished || echo ?) unfinished"
        next_note=$((SECONDS + 30))
    fi
    sleep 1
done
submit_ok=1
wait "$submit_pid" || submit_ok=0
submit_pid=
cat "$home/submit.err" >&2
remember_ranks

deadline=$((SECONDS + DRAIN_TIMEOUT))
while :; do
    left=$(unfinished || echo "")
    [ "$left" = 0 ] && break
    if ((SECONDS >= deadline)); then note "the queue did not drain within $DRAIN_TIMEOUT s ($left jobs unfinished)"; break; fi
    if ((SECONDS >= next_note)); then note "t=$((SECONDS - t0))s draining: $left unfinished"; next_note=$((SECONDS + 30)); fi
    # Every few seconds only: each look lists every unfinished job, tens of thousands early in a full-size drain.
    sleep "$((left > 1000 ? 5 : 1))"
done
wall=$(awk -v a="$wall_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

"$omb" qstat -x --json >"$home/qstat.json"
remember_ranks
stop_server

check_ok=1
"$bench" soak-check "$home/ledger.tsv" "$home/qstat.json" "$home/omb.db" "$home/work" >"$home/check.out" || check_ok=0
value() { awk -F': ' -v k="$1" '$1 == k { print $2 }' "$2"; }
completed=$(value jobs_completed "$home/check.out")
figure jobs_submitted "$(value jobs_submitted "$home/submit.out")"
figure jobs_acknowledged "$(value jobs_acknowledged "$home/submit.out")"
figure jobs_completed "$completed"
figure jobs_lost "$(value jobs_lost "$home/check.out")"
figure jobs_duplicated "$(value jobs_duplicated "$home/check.out")"
figure jobs_wrong_output "$(value jobs_wrong_output "$home/check.out")"
figure server_kills "$server_kills"
figure rank_kills "$rank_kills"
figure reruns "$(value reruns "$home/check.out")"
# Every node runs on this host, which stays up (only ranks and the server are killed): a task requeued here was
# restarted although its host never left, which its shepherd exists to prevent. Must be 0 (soak-check fails otherwise).
figure tasks_rerun_on_hosts_that_stayed_up "$(value tasks_rerun_on_hosts_that_stayed_up "$home/check.out")"
figure wall_time_s "$wall"
figure jobs_per_second "$(awk -v c="${completed:-0}" -v w="$wall" 'BEGIN { printf "%.1f", (w > 0 ? c / w : 0) }')"
figure jobs_failed "$(value jobs_failed "$home/check.out")"
figure checkpoint_requeues "$(value checkpoint_requeues "$home/check.out")"
figure checkpoint_resumes "$(value checkpoint_resumes "$home/check.out")"
figure submissions "$(value submissions "$home/submit.out")"
figure submissions_acknowledged "$(value submissions_acknowledged "$home/submit.out")"
figure submissions_unanswered_and_retried "$(value submissions_unanswered_and_retried "$home/submit.out")"
figure stored_unacknowledged "$(value stored_unacknowledged "$home/check.out")"
figure ids_known_to_server "$(value ids_known_to_server "$home/check.out")"
# Worlds the server saw die (each rank kill is one, unless the world was already going down) and ranks that died of an
# unhandled exception of their own (a bug: must be 0), from the server's log, which follows OMB_HOME/world.log.
figure world_deaths "$(grep -c 'WorldSupervisor.*world .* exited with status' "$home/server.log" || true)"
crashes=$(grep -c 'world: Unhandled exception' "$home/server.log" || true)
figure rank_crashes "$crashes"
# Where the time went (dispatched → started → ended, and how long a freed slot waited), from the database;
# the per-30 s counts stay in OMB_HOME/timeline.txt.
"$bench" soak-timeline "$home/omb.db" 30 >"$home/timeline.txt" 2>&1 || true
grep -E '^(dispatched_to_started|started_to_ended|ended_to_next_dispatch)_(median|p95)_ms: ' "$home/timeline.txt" || true
[ "$check_ok" = 1 ] && [ "$submit_ok" = 1 ] && [ "$crashes" = 0 ] || exit 1
