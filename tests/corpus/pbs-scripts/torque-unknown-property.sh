#!/bin/bash
# A property no node declares: refused naming the nodes' properties.
#PBS -l nodes=1:ppn=2:k80
#PBS -l walltime=01:00:00
./prog
