#!/bin/bash
#PBS -N chain2
#PBS -W depend=afterok:1
#PBS -l nodes=1:ppn=16
#PBS -A lab-group
#PBS -q home
#PBS -o chain2.out
#PBS -e chain2.err
./second
