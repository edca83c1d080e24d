#!/usr/bin/env bash
# Trace-simulator benchmark (issue 18). Prints one figure a line:
#   1. omb simulate over a whole 10,000-job trace (Lublin-1, RLScheduler's loading rules so that walltimes are known
#      and the server's EASY reservations are computed on every pass), wall and CPU seconds (target: wall <= 5 s);
#   2. 120,000 jobs on 1,024 processors (--nodes 1024 --cpus 1): Lublin-1 twelve times end to end, each copy shifted
#      after the previous one, every submit time divided by 4 so that the offered load per processor stays the
#      trace's (target: wall <= 60 s);
#   3. (PARTS contains table) RLScheduler's published average bounded slowdowns beside omb simulate's, for FCFS and
#      SJF without backfill and with their greedy backfill, and the server's EASY: --rules rlscheduler, their ten
#      windows of 1,024 jobs, 256 x 1-CPU nodes, thresholds 100%.
#   4. (PARTS contains processes) omb simulate --processes: 2,000 openMosix-style processes on 8 nodes of mixed speeds,
#      migration off and on through the real planner with conf/'s tunables, at loads 0.5, 0.7 and 0.9 (seed 1): mean
#      slowdown, makespan, its lower bound and their ratio, migrations.
# TRACES (default tests/corpus/traces) holds lublin_256.swf.gz and lublin_256_new2.swf.gz; PARTS (default
# "speed table processes") picks the parts; OMB (default ./omb, built first) may name an omb binary already built. The script
# starts no daemon: each figure is one omb simulate process.
set -euo pipefail
cd "$(dirname "$0")/.."
TRACES=${TRACES:-tests/corpus/traces}
PARTS=${PARTS:-speed table processes}
OMB=${OMB:-./omb}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$OMB" --version >/dev/null   # ./omb builds once, outside the timings

# Runs omb simulate with "$@", prints "<label> wall_s=W cpu_s=C" from GNU time's figures.
timed() {
    local label=$1
    shift
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$OMB" simulate "$@" >"$work/out"
    read -r wall user sys <"$work/time"
    printf '%s wall_s=%s cpu_s=%s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)"
}

if [[ " $PARTS " == *" speed "* ]]; then
    timed "simulate_10000_jobs_256_cpus_easy" "$TRACES/lublin_256.swf.gz" --rules rlscheduler --cpu-threshold 100 --mem-threshold 100 --backfill easy
    # Lublin-1 x 12, renumbered, each copy after the previous one, submit times / 4.
    zcat "$TRACES/lublin_256.swf.gz" | awk '
        /^;/ { next }
        { n++; line[n] = $0; if ($2 > span) span = $2 }
        END {
            print "; MaxNodes: 1024"; print "; MaxProcs: 1024"
            id = 0
            for (k = 0; k < 12; k++) for (i = 1; i <= n; i++) {
                split(line[i], f, " "); id++
                f[1] = id; f[2] = int((f[2] + k * (span + 1)) / 4)
                out = f[1]; for (j = 2; j <= 18; j++) out = out " " f[j]; print out
            }
        }' >"$work/lublin_x12.swf"
    jobs=$(grep -vc '^;' "$work/lublin_x12.swf")
    timed "simulate_${jobs}_jobs_1024_cpus_easy" "$work/lublin_x12.swf" --rules rlscheduler --nodes 1024 --cpus 1 --cpu-threshold 100 --mem-threshold 100 --backfill easy
    timed "simulate_${jobs}_jobs_1024_cpus_easy_standard_rules" "$work/lublin_x12.swf" --nodes 1024 --cpus 1 --cpu-threshold 100 --mem-threshold 100 --backfill easy
fi

if [[ " $PARTS " == *" table "* ]]; then
    windows=()
    for s in 1981 2756 4299 8850 3316 2714 5228 7762 4022 7085; do windows+=(--window "$s:1024"); done
    printf '%-10s %-6s | %-10s %-10s %-7s | %-10s %-10s %-7s | %-10s\n' trace order "no bf pub" "no bf omb" "diff%" "bf pub" "greedy omb" "diff%" "EASY omb"
    for t in "lublin_256:Lublin-1:7273.77 235.82 277.35 73.31" "lublin_256_new2:Lublin-2:7842.47 247.61 787.89 91.99"; do
        IFS=: read -r file name published <<<"$t"
        read -r p_fn p_fb p_sn p_sb <<<"$published"
        "$OMB" simulate "$TRACES/$file.swf.gz" --rules rlscheduler --cpu-threshold 100 --mem-threshold 100 \
            --order fcfs,sjf --backfill none,greedy,easy "${windows[@]}" >"$work/table"
        # Rows: fcfs none, fcfs greedy, fcfs easy, sjf none, sjf greedy, sjf easy; mean_bsld is column 8.
        mapfile -t bsld < <(awk 'NR > 2 { print $8 }' "$work/table")
        awk -v name="$name" -v p1="$p_fn" -v p2="$p_fb" -v p3="$p_sn" -v p4="$p_sb" \
            -v a="${bsld[0]}" -v b="${bsld[1]}" -v c="${bsld[2]}" -v d="${bsld[3]}" -v e="${bsld[4]}" -v f="${bsld[5]}" 'BEGIN {
            printf "%-10s %-6s | %-10s %-10s %+7.2f | %-10s %-10s %+7.2f | %-10s\n", name, "FCFS", p1, a, (a - p1) / p1 * 100, p2, b, (b - p2) / p2 * 100, c
            printf "%-10s %-6s | %-10s %-10s %+7.2f | %-10s %-10s %+7.2f | %-10s\n", name, "SJF", p3, d, (d - p3) / p3 * 100, p4, e, (e - p4) / p4 * 100, f
        }'
    done
fi

if [[ " $PARTS " == *" processes "* ]]; then
    for load in 0.5 0.7 0.9; do
        "$OMB" simulate --processes "${PROCESSES:-2000}" --seed 1 --load "$load" --tunables conf --json >"$work/processes"
        # One line per setting: migration off, then on.
        awk -v load="$load" '
            /"migration"/ { m = ($2 ~ /true/) ? "on" : "off" }
            /"mean_slowdown"/ { gsub(/,/, "", $2); sd = $2 }
            /"makespan_s"/ { gsub(/,/, "", $2); ms = $2 }
            /"lower_bound_s"/ { gsub(/,/, "", $2); lb = $2 }
            /"makespan_over_bound"/ { gsub(/,/, "", $2); r = $2 }
            /"migrations"/ { gsub(/,/, "", $2); n = $2 }
            /"in_flight_s"/ { printf "processes_load_%s_migration_%s mean_slowdown=%s makespan_s=%s lower_bound_s=%s makespan_over_bound=%s migrations=%s\n", load, m, sd, ms, lb, r, n }
        ' "$work/processes"
    done
fi
