#!/usr/bin/env bash
# Installs what the tests need, builds everything, runs every test (the MPI ones included) and ends with
# one line "N passed, N failed, N skipped". Exit status is non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '== %s\n' "$*" >&2; }

if ! command -v mpiexec.hydra >/dev/null 2>&1 || ! ldconfig -p 2>/dev/null | grep -q 'libmpich\.so\.12'; then
    step "installing MPICH (mpich, libmpich-dev)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq mpich libmpich-dev >/dev/null
fi
if ! command -v cc >/dev/null 2>&1; then
    # omb-shepherd, which starts every task, is C.
    step "installing a C compiler (gcc)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq gcc libc6-dev >/dev/null
fi
if ! command -v ip >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    # The several-hosts test runs the world over network namespaces (ip netns); without it that test is skipped.
    step "installing iproute2"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq iproute2 >/dev/null
fi
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
    # The metrics tests check every name with promtool and let a real Prometheus scrape the server.
    step "installing Prometheus (prometheus, with promtool)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
if ! command -v chromium >/dev/null 2>&1; then
    # The web dashboard's test drives Debian's headless Chromium over the DevTools protocol.
    step "installing Chromium (headless, for the dashboard's test)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
if ! command -v dotnet >/dev/null 2>&1; then
    echo "run-tests.sh: the .NET 10 SDK is not installed: install dotnet-sdk-10.0 and run again" >&2
    exit 2
fi

step "restore and build"
dotnet restore OpenMosixBatch.sln --nologo -v quiet
dotnet build OpenMosixBatch.sln -c Release --no-restore --nologo -v quiet -clp:ErrorsOnly

step "publish the omb binaries the integration tests run (./omb builds them once)"
./omb --version >/dev/null

step "run every test"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test OpenMosixBatch.sln -c Release --no-build --nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=0 failed=0 skipped=0
while read -r f p s; do
    failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \3 \4/p' "$log")
projects=$(grep -cE '(Passed|Failed)! +- +Failed:' "$log" || true)
expected=$(ls -d tests/*.Tests | wc -l)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$projects" -lt "$expected" ]; then
    echo "run-tests.sh: only $projects of $expected test projects reported results" >&2
    [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
