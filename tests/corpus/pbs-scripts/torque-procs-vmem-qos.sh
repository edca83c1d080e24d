#!/bin/bash
#PBS -l procs=32,vmem=64gb,pvmem=2gb,file=10gb
#PBS -l walltime=2:00:00
#PBS -l qos=debug
#PBS -l feature=16core
mpirun ./prog
