#!/bin/bash
# PBS Pro custom boolean: only nodes with the bigmem property.
#PBS -N assemble
#PBS -l select=2:ncpus=4:mem=120gb:bigmem=true
#PBS -l walltime=12:00:00
#PBS -A genomics
./assemble reads.fq
