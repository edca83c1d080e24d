# Shared by the bench scripts, sourced from the repository's root: the builds they need, and one omb-server at a time
# on a scratch OMB_HOME, started in the background and stopped by its PID (server_pid), never by name.
# shellcheck shell=bash

root=$PWD
omb=$root/artifacts/omb/omb
bench=$root/bench/OpenMosixBatch.Bench/bin/Release/net10.0/omb-bench
server_pid=

# Builds artifacts/omb (again only when src/ is newer) and omb-bench.
build_omb_and_bench() {
    ./omb --version >/dev/null
    dotnet build bench/OpenMosixBatch.Bench -c Release -v quiet --nologo >/dev/null
}

# Builds the posix_spawn ceiling (bench/native/spawn-ceiling.c) into artifacts/bench.
build_spawn_ceiling() {
    mkdir -p artifacts/bench
    cc -O2 -Wall -Wextra -Werror -o artifacts/bench/spawn-ceiling bench/native/spawn-ceiling.c
}

# Starts omb-server on HOME (exported as OMB_HOME, with HOME/work made; its output in HOME/server.log), root's jobs
# allowed, other settings from Omb__… variables set before the call; waits until it answers, and with --world until no
# node of its world is down. Exits 1 with the server's log when that takes more than 60 s.
start_server() {  # HOME server-switches...
    export OMB_HOME=$1
    shift
    mkdir -p "$OMB_HOME/work"
    Omb__Security__AllowRootJobs=true artifacts/omb/omb-server --home "$OMB_HOME" "$@" >"$OMB_HOME/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        if [[ " $* " == *" --world "* ]]; then
            if "$omb" pbsnodes -l 2>/dev/null | grep -q .; then sleep 0.1; continue; fi
            "$omb" pbsnodes -a >/dev/null 2>&1 && return 0
        else
            "$omb" qstat >/dev/null 2>&1 && return 0
        fi
        sleep 0.1
    done
    cat "$OMB_HOME/server.log" >&2
    echo "$(basename "$0"): the server on $OMB_HOME did not come up within 60 s (its log is above)" >&2
    exit 1
}

# Stops the server start_server started (SIGTERM, which also stops its world) and waits for it; a no-op when none runs.
stop_server() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
