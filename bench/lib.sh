# Shared by the bench scripts, sourced from the repository's root: the builds they need, and one omb-server at a time
# on a scratch OMB_HOME, started in the background and stopped by its PID (server_pid), never by name.
# shellcheck shell=bash

root=$PWD
omb=$root/artifacts/omb/omb
bench=$root/bench/OpenMosixBatch.Bench/bin/Release/net10.0/omb-bench
server_pid=
server_grace=

# Builds artifacts/omb (again only when src/ is newer).
build_omb() {
    ./omb --version >/dev/null
}

# Builds artifacts/omb (again only when src/ is newer) and omb-bench.
build_omb_and_bench() {
    build_omb
    dotnet build bench/OpenMosixBatch.Bench -c Release -v quiet --nologo >/dev/null
}

# Builds the posix_spawn ceiling (bench/native/spawn-ceiling.c) into artifacts/bench.
build_spawn_ceiling() {
    mkdir -p artifacts/bench
    cc -O2 -Wall -Wextra -Werror -o artifacts/bench/spawn-ceiling bench/native/spawn-ceiling.c
}

# Starts omb-server on HOME (exported as OMB_HOME, with HOME/work made; its output appended to HOME/server.log), root's
# jobs allowed, other settings from Omb__… variables set before the call; waits until it answers, and with --world until
# no node of its world is down. Exits 1 with the server's log when that takes more than 60 s or the server exits.
start_server() {  # HOME server-switches...
    launch_server "$@"
    shift
    if [[ " $* " == *" --world "* ]]; then
        for _ in $(seq 1 600); do
            if "$omb" pbsnodes -l 2>/dev/null | grep -q .; then sleep 0.1; continue; fi
            "$omb" pbsnodes -a >/dev/null 2>&1 && return 0
            sleep 0.1
        done
        server_failed
    fi
}

# start_server without the wait for the world: returns once the server answers (a server started again on the HOME of
# one killed while its world ran, whose world is still being attached or relaunched).
launch_server() {  # HOME server-switches...
    export OMB_HOME=$1
    shift
    mkdir -p "$OMB_HOME/work"
    Omb__Security__AllowRootJobs=true artifacts/omb/omb-server --home "$OMB_HOME" "$@" >>"$OMB_HOME/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        "$omb" qstat >/dev/null 2>&1 && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    server_failed
}

server_failed() {
    cat "$OMB_HOME/server.log" >&2
    echo "$(basename "$0"): the server on $OMB_HOME did not come up within 60 s or exited (its log is above)" >&2
    exit 1
}

# Stops the server start_server started (SIGTERM, which also stops its world) and waits for it; with server_grace set
# (seconds), kills it (SIGKILL) when it still runs after them. A no-op when none runs.
stop_server() {
    if [ -n "$server_pid" ]; then
        stop_pid "$server_pid" "$server_grace"
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}

# Sends PID SIGTERM and, with GRACE_SECONDS, SIGKILL when it still runs after them; does not reap it.
stop_pid() {  # PID [GRACE_SECONDS]
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    [ -n "${2:-}" ] || return 0
    for ((i = 0; i < $2 * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}
