#!/bin/bash
#PBS -N torque-mpi
#PBS -l nodes=2:ppn=12,pmem=1800MB,walltime=12:00:00
#PBS -q batch
#PBS -j oe
#PBS -m abe
#PBS -M alice@example.org
#PBS -V
mpirun ./a.out
