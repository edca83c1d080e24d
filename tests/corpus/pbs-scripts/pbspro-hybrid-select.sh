#!/bin/bash
#PBS -N hybrid
#PBS -A ab12
#PBS -l select=4:ncpus=32:mpiprocs=4:ompthreads=8:mem=120gb
#PBS -l walltime=04:00:00
#PBS -S /bin/bash
#PBS -q workq
mpiexec ./hybrid
