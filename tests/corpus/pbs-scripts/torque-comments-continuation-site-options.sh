#!/bin/bash


#PBS -N commented # the job name
#PBS -V   # export my environment
#PBS
#PBS -l nodes=1:ppn=4,\
#PBS   walltime=01:00:00
#PBS -k oe
#PBS -W x=NACCESSPOLICY:SINGLEJOB
hostname
