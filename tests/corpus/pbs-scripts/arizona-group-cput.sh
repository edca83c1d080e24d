#!/bin/bash
#PBS -W group_list=proj7
#PBS -W umask=027
#PBS -l select=1:ncpus=6:mem=24gb:pcmem=4gb
#PBS -l walltime=12:00:00,cput=72:00:00
#PBS -m bea
#PBS -M bob@example.org
./analyse
