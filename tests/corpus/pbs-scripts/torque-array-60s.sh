#!/bin/sh
#PBS -t 0-99
#PBS -l nodes=1:ppn=1,mem=4gb,walltime=00:00:60
#PBS -N quick
./step ${PBS_ARRAYID}
