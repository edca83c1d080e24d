#!/bin/bash
# Asks for more GPUs per chunk than any node has: refused naming the largest node.
#PBS -l select=1:ncpus=4:ngpus=16
#PBS -l walltime=01:00:00
./train
