#!/usr/bin/env bash
# One qsub process against one sbatch, /bin/true and a NativeAOT hello, interleaved: each round runs every command
# once, so that on a loaded machine all four see the same minutes. Prints each command's median wall time (ms) and the
# ratios qsub/sbatch and qsub/hello; with perf installed, also each one's CPU (task-clock) and page faults, again
# interleaved. qsub runs against a server without a world (jobs wait; root's allowed, as in bench/compare.sh), sbatch
# submits held jobs (bench/slurm-cluster.sh, on ports of its own). Needs root (Slurm). ROUNDS (50). Stops what it
# started by PID, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
ROUNDS=${ROUNDS:-50}
[ "$(id -u)" -eq 0 ] || { echo "qsub-interleaved.sh: run as root (Slurm's daemons run as root)" >&2; exit 2; }
export CTLD_PORTS=${CTLD_PORTS:-7837-7840} SLURMD_PORT=${SLURMD_PORT:-7841}
# shellcheck source=bench/slurm-cluster.sh
. "$root/bench/slurm-cluster.sh"
scratch=$(mktemp -d /tmp/omb-qsub-interleaved.XXXXXX)
cleanup() {
    trap - EXIT INT TERM HUP
    stop_server
    slurm_stop
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

build_omb
hello=artifacts/bench/aot-hello/aot-hello
if [ ! -x "$hello" ] || [ -n "$(find bench/AotHello -newer "$hello" -name '*.cs*' -print -quit)" ]; then
    dotnet publish bench/AotHello -c Release -r linux-x64 -p:PublishAot=true -o artifacts/bench/aot-hello -v quiet --nologo >/dev/null
fi
slurm_install
start_server "$scratch/omb"
slurm_start "$scratch/slurm"
cd "$OMB_HOME/work"

names=(true hello qsub sbatch)
cmds=("/bin/true" "$root/$hello" "$root/artifacts/omb/omb qsub -N one -- /bin/true" "sbatch -H -o /dev/null --wrap true")
for c in "${cmds[@]}"; do $c >/dev/null; done   # each once, unmeasured: caches warm, the server's first request done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 0; r < ROUNDS; r++)); do
    for i in "${!names[@]}"; do
        t0=$EPOCHREALTIME
        ${cmds[$i]} >/dev/null
        t1=$EPOCHREALTIME
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$scratch/${names[$i]}.ms"
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }
for n in "${names[@]}"; do echo "${n}_wall_ms_median: $(median "$scratch/$n.ms")"; done
awk -v q="$(median "$scratch/qsub.ms")" -v s="$(median "$scratch/sbatch.ms")" -v h="$(median "$scratch/hello.ms")" \
    'BEGIN { printf "qsub_over_sbatch: %.2f\nqsub_over_hello: %.2f\n", q / s, q / h }'
if command -v perf >/dev/null 2>&1; then
    # CPU of the process itself (not the server's or slurmctld's), 3 interleaved rounds of 20 runs each.
    for ((r = 1; r <= 3; r++)); do
        for i in "${!names[@]}"; do
            # shellcheck disable=SC2086
            perf stat -r 20 -x, -e task-clock,page-faults ${cmds[$i]} 2>&1 >/dev/null |
                awk -F, -v n="${names[$i]}" -v r="$r" '/task-clock/ { t = $1 } /page-faults/ { f = $1 } END { printf "%s_cpu_ms_round%d: %.2f (page faults %d)\n", n, r, t, f }'
        done
    done
fi
