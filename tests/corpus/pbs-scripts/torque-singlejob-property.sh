#!/bin/bash
# Torque/Moab: whole nodes for one job, on InfiniBand nodes only.
#PBS -N exclusive-mpi
#PBS -l nodes=2:ppn=16:ib
#PBS -l naccesspolicy=singlejob
#PBS -l walltime=06:00:00
#PBS -q batch
cd $PBS_O_WORKDIR
mpirun -np 32 ./solver input.dat
