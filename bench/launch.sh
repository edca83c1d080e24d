#!/usr/bin/env bash
# What starting one trivial task costs on this machine, side by side in one run, each switching from root to nobody:
#   bare        posix_spawn of /bin/true (no switch): the machine's own limit
#   launcher    one long-lived process per node that vforks, makes the session, switches and execs (option c)
#   shepherd    omb-shepherd per task: session, identity, files, exec, wait, and the end written to its record (b)
#   omb_launch  the NativeAOT omb-launch per task that execs the job and does not stay (a, the former path): only
#               with OMB_LAUNCH=PATH to a build of it (it was retired for omb-shepherd; main before that publishes it)
# Each runs as one start-and-wait loop per core (bench/native/launch-rate.c), N starts a loop. Prints one figure a
# line: starts a second (all loops together) and CPU microseconds a start, then each rate as a ratio of bare. Needs
# root and cc.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-300}
CORES=${CORES:-$(nproc)}
[ "$(id -u)" -eq 0 ] || { echo "bench/launch.sh: run as root (the launches switch to nobody)" >&2; exit 2; }
command -v cc >/dev/null || { echo "bench/launch.sh: needs a C compiler (cc): apt-get install gcc" >&2; exit 2; }
./omb --version >/dev/null
omb=$PWD/artifacts/omb
work=$(mktemp -d /tmp/omb-launch-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/launch-rate" bench/native/launch-rate.c
printf 'A=b\0PATH=/usr/bin:/bin\0' >"$work/env"
nobody_groups=$(id -G nobody | tr ' ' ,)

bare() { "$work/launch-rate" "$N" "$work/env" -- /bin/true; }
launcher() { "$work/launch-rate" "$N" "$work/env" --as 65534:65534 -- /bin/true; }
shepherd() {
    "$work/launch-rate" "$N" "$work/env" -- "$omb/omb-shepherd" --record "$work/record-$1" --as 65534:65534:nobody \
        --groups "$nobody_groups" --umask 022 --dir / --out /dev/null --err /dev/null -- /bin/true
}
omb_launch() { "$work/launch-rate" "$N" "$work/env" -- "$OMB_LAUNCH" --as 65534:65534:nobody -- /bin/true; }

# One loop per core at once; the rate is the sum of theirs, the CPU a start their mean.
measure() {
    local name=$1 i
    for ((i = 0; i < CORES; i++)); do "$name" "$i" >"$work/$name.$i" & done
    wait
    cat "$work/$name".* | awk -v name="$name" '{ rate += $1; cpu += $2 } END {
        printf "%s_per_s: %.0f\n%s_cpu_us_per_start: %.0f\n", name, rate, name, cpu / NR }' | tee "$work/$name.sum"
    rm -f "$work/$name".[0-9]*
}
options=(launcher shepherd)
[ -x "${OMB_LAUNCH:-}" ] && options+=(omb_launch)
for f in bare "${options[@]}"; do measure "$f"; done
bare_rate=$(awk '/_per_s/ { print $2 }' "$work/bare.sum")
for f in "${options[@]}"; do
    awk -v name="$f" -v bare="$bare_rate" '/_per_s/ { printf "%s_over_bare: %.2f\n", name, $2 / bare }' "$work/$f.sum"
done
