#!/bin/bash
#PBS -N wide
#PBS -l select=1:ncpus=2:mem=3gb,walltime=00:10:00
#PBS -j oe
# Asks for a whole node's worth of CPUs and most of its memory: with the default thresholds it waits
# until the cluster is quiet enough, and qstat -f says why.
echo "wide job on ${OMB_NODE:-$(hostname)} with ${PBS_NCPUS:-2} CPUs"
sleep 5
