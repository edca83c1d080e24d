# Sourced by bench/compare.sh: a single-host Slurm (Debian's slurm-wlm, 22.05) for side-by-side figures, adapted from
# the issue's ../shared/bench/slurm-baseline.sh. slurm_start DIR installs munge and Slurm when missing (apt-get, as root),
# writes a cluster under DIR (its own munge key and socket, state and spool; nothing under /etc is touched), tuned for
# throughput per Slurm's High Throughput Computing guide (batch_sched_delay=0, sched_min_interval=0, no defer), starts
# munged, slurmctld and slurmd as children and records their PIDs; slurm_stop stops exactly those PIDs.
# Knobs: SCHED_PARAMS, CTLD_PORTS (7817-7820), SLURMD_PORT (7821): ports of their own, so that a
# baseline run by someone else on the default ports does not collide; NODE_CPUS_SLURM (the node's CPUs, default nproc).

slurm_munged_pid=
slurm_ctld_pid=
slurm_d_pid=
slurm_dir=

slurm_log() { printf 'compare.sh: slurm: %s\n' "$*" >&2; }

slurm_install() {
    local need=() b
    for b in munged:munge slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client; do
        command -v "${b%%:*}" >/dev/null 2>&1 || need+=("${b#*:}")
    done
    [ ${#need[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || { echo "compare.sh: ${need[*]} missing: install slurm-wlm and munge, or run as root" >&2; exit 2; }
    slurm_log "installing ${need[*]}"
    # Debian's packages may try to start their system services; none of them is used or touched here.
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2 ||
        { echo "compare.sh: apt-get install ${need[*]} failed" >&2; exit 1; }
}

slurm_start() {  # DIR
    slurm_dir=$1
    local sched=${SCHED_PARAMS:-batch_sched_delay=0,sched_min_interval=0,default_queue_depth=100,bf_interval=30,bf_max_job_test=100,bf_continue}
    local host cpus mem
    host=$(hostname -s)
    cpus=${NODE_CPUS_SLURM:-$(nproc)}
    mem=$(free -m | awk '/^Mem:/ {print $2}')
    mkdir -p "$slurm_dir"/{etc,state,spool,log,run,munge,work}
    chmod 755 "$slurm_dir/munge"
    # A SLURM_* variable of the caller's (a job's environment, another cluster's SLURM_CONF) would steer our clients.
    for v in $(env | awk -F= '/^SLURM_/ {print $1}'); do unset "$v"; done
    export SLURM_CONF=$slurm_dir/etc/slurm.conf
    cat >"$SLURM_CONF" <<CONF
ClusterName=ombcompare
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=${CTLD_PORTS:-7817-7820}
SlurmdPort=${SLURMD_PORT:-7821}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$slurm_dir/munge/munge.socket.2
StateSaveLocation=$slurm_dir/state
SlurmdSpoolDir=$slurm_dir/spool
SlurmctldPidFile=$slurm_dir/run/slurmctld.pid
SlurmdPidFile=$slurm_dir/run/slurmd.pid
SlurmctldLogFile=$slurm_dir/log/slurmctld.log
SlurmdLogFile=$slurm_dir/log/slurmd.log
SlurmctldDebug=error
SlurmdDebug=error
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=$sched
PriorityType=priority/basic
MaxJobCount=200000
MaxArraySize=200001
MinJobAge=2
MessageTimeout=30
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MailProg=/bin/true
ReturnToService=2
InactiveLimit=0
SlurmdParameters=config_overrides
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
    head -c 1024 /dev/urandom >"$slurm_dir/etc/munge.key"
    chmod 400 "$slurm_dir/etc/munge.key"
    munged -F --force --num-threads=10 --key-file="$slurm_dir/etc/munge.key" --socket="$slurm_dir/munge/munge.socket.2" \
        --pid-file="$slurm_dir/run/munged.pid" --log-file="$slurm_dir/log/munged.log" --seed-file="$slurm_dir/munge/seed" \
        >"$slurm_dir/log/munged.out" 2>&1 &
    slurm_munged_pid=$!
    for _ in $(seq 50); do [ -S "$slurm_dir/munge/munge.socket.2" ] && break; sleep 0.1; done
    munge -n -S "$slurm_dir/munge/munge.socket.2" | unmunge -S "$slurm_dir/munge/munge.socket.2" >/dev/null 2>&1 ||
        { cat "$slurm_dir"/log/munged.* >&2; echo "compare.sh: munged did not come up (see above)" >&2; exit 1; }
    slurmctld -D -i -f "$SLURM_CONF" >"$slurm_dir/log/slurmctld.out" 2>&1 &
    slurm_ctld_pid=$!
    slurmd -D -f "$SLURM_CONF" >"$slurm_dir/log/slurmd.out" 2>&1 &
    slurm_d_pid=$!
    for _ in $(seq 150); do
        sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && {
            slurm_log "$(slurmctld -V) up: CPUs=$cpus; munged=$slurm_munged_pid slurmctld=$slurm_ctld_pid slurmd=$slurm_d_pid"
            return 0
        }
        [ -d "/proc/$slurm_ctld_pid" ] && [ -d "/proc/$slurm_d_pid" ] || break
        sleep 0.2
    done
    tail -n 20 "$slurm_dir"/log/* >&2
    echo "compare.sh: Slurm did not come up within 30 s (logs above; are ports ${CTLD_PORTS:-7817-7820} and ${SLURMD_PORT:-7821} free?)" >&2
    exit 1
}

slurm_stop() {
    local p
    if [ -n "$slurm_ctld_pid" ] && [ -d "/proc/$slurm_ctld_pid" ]; then scancel -u "$(id -un)" >/dev/null 2>&1 || true; fi
    for p in "$slurm_d_pid" "$slurm_ctld_pid" "$slurm_munged_pid"; do
        [ -n "$p" ] || continue
        kill "$p" 2>/dev/null || true
        for _ in $(seq 100); do [ -d "/proc/$p" ] || break; sleep 0.1; done
        [ -d "/proc/$p" ] && kill -9 "$p" 2>/dev/null
        wait "$p" 2>/dev/null || true
    done
    slurm_munged_pid= slurm_ctld_pid= slurm_d_pid=
    # slurmd's job steps (slurmstepd) are its children and end with their jobs; none is left once the queue is empty.
}

# Jobs Slurm still knows (pending or running); with "all", completed ones not yet purged too.
slurm_active() { squeue -h ${1:+-t all} 2>/dev/null | wc -l; }

# Cancels every job of ours and waits (at most LIMIT s) until none is left, purged ones included.
slurm_drain() {  # LIMIT
    local limit=${1:-120} t0=$SECONDS
    scancel -u "$(id -un)" >/dev/null 2>&1 || true
    while [ $((SECONDS - t0)) -lt "$limit" ]; do
        [ "$(slurm_active all)" -eq 0 ] && return 0
        sleep 0.2
    done
    slurm_log "jobs still listed ${limit} s after scancel"
}
