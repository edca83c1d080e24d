#!/bin/bash
# Torque host list: two chunks pinned to named hosts.
#PBS -N pinned
#PBS -l nodes=node01:ppn=2+node02:ppn=2
#PBS -l walltime=00:30:00
cat $PBS_NODEFILE
mpirun -np 4 ./prog
