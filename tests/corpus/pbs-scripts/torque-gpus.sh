#!/bin/bash
# Torque GPU request: one node, four cores and one GPU, exclusive-process mode.
#PBS -N cuda-train
#PBS -l nodes=1:ppn=4:gpus=1:exclusive_process
#PBS -l walltime=04:00:00,mem=16gb
#PBS -j oe
cd $PBS_O_WORKDIR
echo "GPUs: $CUDA_VISIBLE_DEVICES"
./train --epochs 10
