#!/bin/bash
#PBS -N fails-on
#PBS -l nodes=1:ppn=1,mem=64mb,walltime=00:05:00
#PBS -j oe
# A job that fails only on one node (exit 1 there, at once), as tasks do on a "black-hole" node with bad memory or
# a broken scratch disk; elsewhere it works for SECONDS (default 1) and succeeds. Usage: qsub fails-on.sh NODE [SECONDS]
bad=${1:?usage: fails-on.sh NODE [SECONDS]}
if [ "${OMB_NODE:-}" = "$bad" ]; then
    echo "fails-on: failing on $OMB_NODE" >&2
    exit 1
fi
sleep "${2:-1}"
echo "fails-on: ok on ${OMB_NODE:-?}"
