#!/bin/bash
#PBS -N two words
#PBS -l walltime=abc
#PBS -m x
echo
