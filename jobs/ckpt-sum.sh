#!/bin/bash
#PBS -N ckpt-sum
#PBS -l nodes=1:ppn=1,mem=64mb,walltime=01:00:00
#PBS -c enabled
#PBS -j oe
# A self-checkpointing job (DESIGN §5) whose answer is known: the sum of i for i in 1..N = N(N+1)/2.
# usage: ckpt-sum.sh [N] [STEP] [PAUSE]  (N=20000000 is about 15-30 s of one busy core; PAUSE seconds of sleep after
# each step make the job's length a matter of time rather than of CPU speed, for tests on a machine whose load varies)
# It works through 1..N in steps of STEP. On the checkpoint signal (SIGUSR1) it finishes the step it is in, writes
# "next sum resumes" to $OMB_CHECKPOINT_DIR/state atomically (temporary file + mv) and exits 85; started again with
# the state in place it resumes where it stopped. At the end it prints the sum, the expected value and how many
# times it resumed from a checkpoint.
n=${1:-20000000}
step=${2:-100000}
pause=${3:-0}
dir=${OMB_CHECKPOINT_DIR:?OMB_CHECKPOINT_DIR is not set: run this under omb (qsub jobs/ckpt-sum.sh)}
checkpoint=0
trap 'checkpoint=1' USR1

i=0
sum=0
resumes=0
if [[ -f $dir/state ]]; then
    read -r i sum resumes < "$dir/state"
    resumes=$((resumes + 1))
fi

while ((i < n)); do
    end=$((i + step))
    ((end > n)) && end=$n
    for ((j = i + 1; j <= end; j++)); do
        ((sum += j))
    done
    i=$end
    if [[ $pause != 0 ]] && ((!checkpoint)); then
        sleep "$pause"
    fi
    if ((checkpoint)); then
        printf '%d %d %d\n' "$i" "$sum" "$resumes" > "$dir/state.tmp"
        mv "$dir/state.tmp" "$dir/state"
        exit 85
    fi
done

echo "sum $sum expected $((n * (n + 1) / 2)) resumes $resumes restart_count ${OMB_RESTART_COUNT:-0}"
