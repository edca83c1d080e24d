#!/bin/bash
#PBS -N hello
#PBS -l nodes=1:ppn=1,mem=64mb,walltime=00:05:00
#PBS -j oe
# The smallest useful job: says where it ran and what the scheduler gave it.
echo "hello from job ${PBS_JOBID:-?} (${PBS_JOBNAME:-?}) on ${OMB_NODE:-$(hostname)}"
echo "submitted from ${PBS_O_WORKDIR:-?}, queue ${PBS_QUEUE:-?}"
