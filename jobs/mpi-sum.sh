#!/bin/sh
#PBS -N mpi-sum
#PBS -l nodes=2:ppn=2,walltime=00:05:00
# An MPI job: 4 ranks, 2 on each of the job's 2 nodes. The scheduler gives every job the environment under which a
# plain mpiexec (MPICH's Hydra) starts its ranks on the job's nodes through omb rsh (HYDRA_LAUNCHER_EXEC,
# HYDRA_HOST_FILE); no ssh, no host list to write. Submit it from the directory holding mpi-sum.c:
#   cd jobs && qsub mpi-sum.sh
# MPI_SUM_N (default 100000000), MPI_SUM_SPIN (extra busy seconds per rank, default 0) and MPI_SUM_FAIL (a rank that
# exits with status 3, default none) can be passed with -v.
set -e
cd "$PBS_O_WORKDIR"
if [ ! -x mpi-sum ] || [ mpi-sum.c -nt mpi-sum ]; then
    mpicc -O2 -o mpi-sum.$$ mpi-sum.c
    mv -f mpi-sum.$$ mpi-sum
fi
echo "nodes: $(sort -u "$PBS_NODEFILE" | tr '\n' ' ')ranks: $PBS_NP"
mpiexec ./mpi-sum "${MPI_SUM_N:-100000000}" "${MPI_SUM_SPIN:-0}" "${MPI_SUM_FAIL:--1}"
