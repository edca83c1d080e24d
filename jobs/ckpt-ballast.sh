#!/bin/bash
#PBS -N ckpt-ballast
#PBS -l nodes=1:ppn=1,mem=64mb,walltime=00:30:00
#PBS -c enabled
#PBS -j oe
# The calibration job of 'omb calibrate' (DESIGN §5 contract): a task that does nothing but carry MIB mebibytes of
# ballast in its checkpoint, so that moving it costs what the system adds for a checkpoint of that size.
# usage: ckpt-ballast.sh [MIB]
# On its first start it writes the ballast (random bytes, which nothing compresses) into $OMB_CHECKPOINT_DIR; then it
# sleeps until the checkpoint signal (SIGUSR1), writes "restart_count" to $OMB_CHECKPOINT_DIR/state atomically and
# exits 85. Started again with the ballast in place it sleeps again. The walltime bounds it if nobody deletes it.
mib=${1:-8}
dir=${OMB_CHECKPOINT_DIR:?OMB_CHECKPOINT_DIR is not set: run this under omb (qsub jobs/ckpt-ballast.sh 8)}
if [[ ! $mib =~ ^[0-9]+$ ]]; then
    echo "ckpt-ballast.sh: MIB must be a whole number of mebibytes, got '$mib'" >&2
    exit 2
fi

checkpoint=0
trap 'checkpoint=1' USR1

# A signal during the write waits for it (bash runs traps between commands): the checkpoint holds the whole ballast.
if [[ ! -f $dir/ballast ]]; then
    head -c $((mib * 1048576)) /dev/urandom > "$dir/ballast.tmp"
    mv "$dir/ballast.tmp" "$dir/ballast"
fi

# 'wait' returns as soon as the signal arrives, so the task answers it at once rather than after a whole sleep.
while ((!checkpoint)); do
    sleep 5 &
    wait $!
done

kill $! 2>/dev/null
printf '%d\n' "${OMB_RESTART_COUNT:-0}" > "$dir/state.tmp"
mv "$dir/state.tmp" "$dir/state"
exit 85
