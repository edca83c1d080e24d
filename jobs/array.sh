#!/bin/bash
#PBS -N squares
#PBS -t 1-8%4
#PBS -l select=1:ncpus=1:mem=64mb,walltime=00:05:00
#PBS -j oe
# A job array: each element squares its own index.
i=${PBS_ARRAYID:-${OMB_ARRAY_INDEX:-0}}
echo "element $i: $((i * i))"
