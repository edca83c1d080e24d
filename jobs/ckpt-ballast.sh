#!/bin/bash
#PBS -N ckpt-ballast
#PBS -l nodes=1:ppn=1,mem=64mb,walltime=01:00:00
#PBS -c enabled
#PBS -j oe
# A self-checkpointing job (DESIGN §5) whose checkpoint is MIB MiB of random ballast, for measuring migrations by
# checkpoint size (bench/migrate.sh, omb calibrate).
# usage: ckpt-ballast.sh MIB [SECONDS]  (SECONDS of idle waiting in all before it ends by itself; default 600)
# The first start writes MIB MiB from /dev/urandom to $OMB_CHECKPOINT_DIR/ballast and its SHA-256 to ballast.sha256.
# It then waits, using no CPU, until SECONDS have passed. On the checkpoint signal (SIGUSR1) it writes "elapsed
# resumes" to $OMB_CHECKPOINT_DIR/state atomically (temporary file + mv) and exits 85; started again with the state
# in place it resumes the wait. At the end it prints the ballast's size, whether its hash still matches the one
# written at the first start, and how many times it resumed from a checkpoint.
mib=${1:?usage: ckpt-ballast.sh MIB [SECONDS]}
seconds=${2:-600}
if [[ ! $mib =~ ^[0-9]+$ || ! $seconds =~ ^[0-9]+$ ]]; then
    echo "ckpt-ballast.sh: MIB ('$mib') and SECONDS ('$seconds') must be whole numbers, e.g. ckpt-ballast.sh 64 600" >&2
    exit 2
fi
dir=${OMB_CHECKPOINT_DIR:?OMB_CHECKPOINT_DIR is not set: run this under omb (qsub jobs/ckpt-ballast.sh MIB)}
checkpoint=0
trap 'checkpoint=1' USR1

elapsed=0
resumes=0
if [[ -f $dir/state ]]; then
    read -r elapsed resumes < "$dir/state"
    resumes=$((resumes + 1))
else
    head -c "$((mib * 1024 * 1024))" /dev/urandom > "$dir/ballast.tmp"
    sha256sum < "$dir/ballast.tmp" | cut -d' ' -f1 > "$dir/ballast.sha256"
    mv "$dir/ballast.tmp" "$dir/ballast"
fi

while ((elapsed < seconds)); do
    # sleep in the background and wait for it, so the signal's trap runs at once instead of after the sleep.
    sleep 1 &
    wait $!
    if ((checkpoint)); then
        kill "$!" 2>/dev/null
        printf '%d %d\n' "$elapsed" "$resumes" > "$dir/state.tmp"
        mv "$dir/state.tmp" "$dir/state"
        exit 85
    fi
    elapsed=$((elapsed + 1))
done

intact=no
[[ $(sha256sum < "$dir/ballast" | cut -d' ' -f1) == $(cat "$dir/ballast.sha256") ]] && intact=yes
echo "ballast $(stat -c %s "$dir/ballast") bytes intact $intact resumes $resumes restart_count ${OMB_RESTART_COUNT:-0}"
