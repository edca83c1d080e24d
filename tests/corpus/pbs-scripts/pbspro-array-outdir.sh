#!/bin/sh
#PBS -N sweep
#PBS -J 1-50%5
#PBS -l select=1:ncpus=1:mem=2gb
#PBS -l walltime=0:30:00
#PBS -o out
#PBS -e out/
./run $PBS_ARRAY_INDEX
