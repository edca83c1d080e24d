#!/bin/bash
#PBS -N env
#PBS -l select=1:ncpus=1:mem=64mb,walltime=00:01:00
#PBS -j oe
# Prints what the scheduler gave the task (DESIGN §4), one NAME=value a line, and where it started.
for v in OMB_JOB_ID OMB_TASK_ID OMB_ARRAY_INDEX OMB_NODE OMB_RANK OMB_SUBMIT_DIR OMB_CHECKPOINT_DIR OMB_RESTART_COUNT \
         PBS_JOBID PBS_JOBNAME PBS_O_WORKDIR PBS_QUEUE PBS_NODEFILE PBS_ENVIRONMENT; do
    echo "$v=${!v}"
done
echo "PWD=$PWD"
echo "NODEFILE=$(tr '\n' ' ' < "$PBS_NODEFILE")"
[ -d "$OMB_CHECKPOINT_DIR" ] && echo "CHECKPOINT_DIR_EXISTS=yes"
