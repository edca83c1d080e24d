#!/bin/bash
#PBS -l nodes=2:ppn=8:ib
#PBS -l walltime=01:00:00
mpirun ./prog
