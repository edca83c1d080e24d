#!/bin/bash
#PBS -P xy99
#PBS -q normal
#PBS -l ncpus=48,mem=190GB,walltime=10:00:00,jobfs=100GB
#PBS -l storage=gdata/xy99+scratch/xy99
#PBS -l wd
#PBS -l software=matlab
matlab -batch run
