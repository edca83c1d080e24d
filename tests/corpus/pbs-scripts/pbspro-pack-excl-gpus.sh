#!/bin/bash
# PBS Pro: two GPU chunks packed on one node that nobody else uses.
#PBS -N ddp
#PBS -l select=2:ncpus=2:ngpus=2:mpiprocs=1
#PBS -l place=pack:excl
#PBS -l walltime=02:00:00
mpiexec ./ddp_train
