#!/bin/bash
#PBS -l select=2:ncpus=24:mpiprocs=24
#PBS -l place=scatter:excl
#PBS -l walltime=01:00:00
mpiexec ./prog
