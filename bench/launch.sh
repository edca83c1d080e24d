#!/usr/bin/env bash
# What starting one trivial task costs on this machine: bare /bin/true, the node's former chain (setsid setpriv env,
# the job's environment in argv) and omb-launch (the environment on a pipe), each switching from root to nobody.
# Prints one figure a line (microseconds a start, mean of N); compare them as ratios within one run. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-300}
./omb --version >/dev/null
launch=$PWD/artifacts/omb/omb-launch
[ "$(id -u)" -eq 0 ] || { echo "bench/launch.sh: run as root (the chains switch to nobody)" >&2; exit 2; }
bare() { for ((i = 0; i < N; i++)); do /bin/true </dev/null; done; }
chain() { for ((i = 0; i < N; i++)); do setsid setpriv --reuid=65534 --regid=65534 --init-groups -- env -i A=b /bin/true </dev/null; done; }
omb_launch() { for ((i = 0; i < N; i++)); do printf 'A=b\0' | "$launch" --as 65534:65534:nobody -- /bin/true; done; }
for f in bare chain omb_launch chain omb_launch; do
    s=$(date +%s%N); $f; e=$(date +%s%N)
    echo "${f}_us_per_start $(( (e - s) / N / 1000 ))"
done
