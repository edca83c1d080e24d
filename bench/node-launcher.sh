#!/usr/bin/env bash
# Short-job throughput with a shepherd per task against one long-lived launcher per node (Omb:World:NodeLauncher),
# interleaved in the same minutes (issue 15 point 5): ROUNDS rounds, each a posix_spawn ceiling run
# (bench/native/spawn-ceiling.c, one loop per core) and then, per mode, a fresh server with a local world of 4 nodes x
# 2 CPUs at 100 % running JOBS trivial jobs (/bin/true) through the API (omb-bench dispatch, 8 clients), end to end.
# Per run it prints the jobs/s, the ratio to that round's posix_spawn rate, and the CPU per job (ms) of each part:
#   server     omb-server itself
#   world      mpiexec and its hydra_pmi_proxy processes
#   ranks      the omb-node processes themselves
#   tasks      what the ranks reaped (each task's omb-shepherd and its job) plus the node launchers and their jobs
# (CPU from /proc/PID/stat: utime+stime, and cutime+cstime for what a process reaped; the world is read just before it
# stops). Needs root (the tasks run as root on this scratch world). Stops exactly the servers it started, by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
JOBS=${JOBS:-1000}
ROUNDS=${ROUNDS:-2}
[ "$(id -u)" -eq 0 ] || { echo "node-launcher.sh: run as root (the scratch world runs root's tasks)" >&2; exit 2; }
build_omb_and_bench
build_spawn_ceiling
scratch=$(mktemp -d /tmp/omb-launcher.XXXXXX)
hz=$(getconf CLK_TCK)
trap 'stop_server; rm -rf "$scratch"' EXIT

# utime+stime (own) and cutime+cstime (reaped) of PID, in ticks: "OWN REAPED".
ticks() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $12 + $13, $14 + $15 }' || echo "0 0"; }
children() { awk -v p="$1" '{ sub(/.*\) /, ""); if ($2 == p) print FILENAME }' /proc/[0-9]*/stat 2>/dev/null | cut -d/ -f3; }
# The CPU ticks of each part of the world under the server, and of the launchers serving HOME's spool.
parts() {  # HOME
    local world=0 ranks=0 reaped=0 launchers=0 p c g own kids
    for p in $(children "$server_pid"); do
        read -r own kids < <(ticks "$p"); world=$((world + own))
        for c in $(children "$p"); do
            read -r own kids < <(ticks "$c"); world=$((world + own))
            for g in $(children "$c"); do
                read -r own kids < <(ticks "$g"); ranks=$((ranks + own)); reaped=$((reaped + kids))
            done
        done
    done
    for p in $(grep -l -a -- "$1/spool" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3); do
        grep -q -a -- "--launcher" "/proc/$p/cmdline" 2>/dev/null || continue
        read -r own kids < <(ticks "$p"); launchers=$((launchers + own + kids))
    done
    read -r own kids < <(ticks "$server_pid")
    echo "$own $world $ranks $((reaped + launchers))"
}

run() {  # MODE(shepherd|launcher) SPAWN_RATE
    local home=$scratch/$1.$RANDOM
    Omb__World__NodeLauncher=$([ "$1" = launcher ] && echo true || echo false) \
        start_server "$home" --world --nodes 4 --node-cpus 2 --cpu-threshold 100 --mem-threshold 100
    read -r s0 w0 r0 t0 < <(parts "$home")
    local rate
    rate=$(cd "$home/work" && "$bench" dispatch "$JOBS" 8 "e2e_$1" | awk '/per_second/ { print $2 }')
    read -r s1 w1 r1 t1 < <(parts "$home")
    stop_server
    awk -v m="$1" -v r="$rate" -v sp="$2" -v n="$JOBS" -v hz="$hz" -v s=$((s1 - s0)) -v w=$((w1 - w0)) -v k=$((r1 - r0)) -v t=$((t1 - t0)) 'BEGIN {
        f = 1000 / hz / n
        printf "%-8s jobs/s %7.1f  ratio %.3f  CPU ms/job: server %.2f world %.2f ranks %.2f tasks %.2f total %.2f\n",
            m, r, r / sp, s * f, w * f, k * f, t * f, (s + w + k + t) * f }'
}

for ((i = 1; i <= ROUNDS; i++)); do
    spawn=$(artifacts/bench/spawn-ceiling 5 | awk '{ print $2 }')
    echo "round $i $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg): posix_spawn /bin/true $spawn/s"
    run shepherd "$spawn"
    run launcher "$spawn"
done
