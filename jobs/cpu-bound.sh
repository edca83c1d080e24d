#!/bin/bash
#PBS -N cpu-bound
#PBS -l nodes=1:ppn=1,mem=128mb,walltime=00:10:00
#PBS -j oe
# Keeps one CPU busy for a while and prints a sum whose value is known: sum of 1..N = N(N+1)/2.
n=${1:-3000000}
sum=0
for ((i = 1; i <= n; i++)); do sum=$((sum + i)); done
echo "sum 1..$n = $sum (expected $((n * (n + 1) / 2)))"
