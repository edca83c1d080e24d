# Sourced by bench/compare.sh: figure NAME VALUE prints one figure line and records it (also from subshells, through
# a file); print_table prints issue 15's table from the recorded figures, a dash where a side has no such figure.
figures_file=${figures_file:-$scratch/figures}
: >"$figures_file"

figure() { printf '%s: %s\n' "$1" "$2" | tee -a "$figures_file"; }
get() { awk -v k="$1" 'index($0, k ": ") == 1 { print substr($0, length(k) + 3); exit }' "$figures_file"; }
# The name of the first figure matching REGEX (for figures whose name carries a count measured at run time).
name_like() { awk -v r="$1" -F': ' '$1 ~ r { print $1; exit }' "$figures_file"; }
at_count() { [ -n "$1" ] && sed -E 's/.*_at_([0-9]+)_.*/\1/' <<<"$1"; }
or_dash() { if [ -n "$1" ]; then printf '%s' "$1"; else printf -- '—'; fi; }
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "—"), (b > 0 ? a / b : 0) }'; else printf -- '—'; fi; }
# "N" or "N (lowered from D)" when a count was set below the issue's.
count() { if [ "$1" -lt "$2" ]; then printf '%s (lowered from %s)' "$1" "$2"; else printf '%s' "$1"; fi; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(or_dash "$2")" "$(or_dash "$3")" "$4" "$5" "$6"; }

print_table() {
    local qsub sbatch small big squeue_name rss_small_name rss_big_name cpu_name ctld_rss_name ctld_cpu_name
    local e2e slurm_e2e spawn slurm_done
    qsub=$(get omb_qsub_wall_ms_median)
    sbatch=$(get slurm_sbatch_wall_ms_median)
    small=$((SUBMIT_JOBS + QSUB_RUNS))
    big=$((small > BIG_QUEUED ? small : BIG_QUEUED))
    squeue_name=$(name_like '^slurm_squeue_wall_ms_median_at_')
    ctld_rss_name=$(name_like '^slurm_slurmctld_rss_mb_at_')
    ctld_cpu_name=$(name_like '^slurm_slurmctld_idle_cpu_percent_at_')
    rss_small_name=omb_server_rss_mb_at_${small}_queued
    rss_big_name=omb_server_rss_mb_at_${big}_queued
    cpu_name=omb_server_idle_cpu_percent_at_${big}_queued
    e2e=$(get "omb_e2e_${E2E_JOBS}_jobs_per_second_end_to_end")
    slurm_e2e=$(get "slurm_e2e_${E2E_JOBS_SLURM}_jobs_per_second_end_to_end")
    slurm_done=$(get "slurm_e2e_${E2E_JOBS_SLURM}_jobs_completed")
    spawn=$(get posix_spawn_true_per_second)

    echo
    echo "| figure | OpenMosixBatch | Slurm | ratio | machine limit | target |"
    echo "|---|---|---|---|---|---|"
    row "one \`qsub\` / \`sbatch\` process, median of $(count "$QSUB_RUNS" 50) (ms)" "$qsub" "$sbatch" "$(ratio "$qsub" "$sbatch")" \
        "NativeAOT hello $(or_dash "$(get aot_hello_wall_ms_median)"); \`/bin/true\` $(or_dash "$(get true_wall_ms_median)")" "≤ Slurm and ≤ 10"
    row "durable submissions/s, 8 clients (OMB: $(count "$SUBMIT_JOBS" 10000) through the API; Slurm: 8 \`sbatch\` loops, $(count "$SUBMIT_JOBS_SLURM" 10000) held jobs)" \
        "$(get omb_api_submissions_per_second)" "$(get slurm_sbatch_8_loops_submissions_per_second)" \
        "$(ratio "$(get omb_api_submissions_per_second)" "$(get slurm_sbatch_8_loops_submissions_per_second)")" "—" "≥ 10,000"
    row "array of $(count "$ARRAY" 10000) elements, one submission into an empty queue (ms)" "$(get "omb_array_${ARRAY}_wall_ms")" \
        "$(get "slurm_array_${ARRAY}_wall_ms")" "$(ratio "$(get "omb_array_${ARRAY}_wall_ms")" "$(get "slurm_array_${ARRAY}_wall_ms")")" "—" "≤ 50"
    row "status listing, median of 5 (ms): \`qstat\` at $small queued, \`squeue\` at $(or_dash "$(at_count "$squeue_name")") pending" \
        "$(get "omb_qstat_wall_ms_median_at_${small}_queued")" "$([ -n "$squeue_name" ] && get "$squeue_name")" \
        "$(ratio "$(get "omb_qstat_wall_ms_median_at_${small}_queued")" "$([ -n "$squeue_name" ] && get "$squeue_name")")" "—" "≤ 50 and < Slurm"
    row "\`qstat\` at $big queued, median of 5 (ms)" "$(get "omb_qstat_wall_ms_median_at_${big}_queued")" "" "—" "—" "≤ 300"
    row "server RSS (MB): OMB at $small queued, slurmctld at $(or_dash "$(at_count "$ctld_rss_name")") pending" "$(get "$rss_small_name")" \
        "$([ -n "$ctld_rss_name" ] && get "$ctld_rss_name")" "$(ratio "$(get "$rss_small_name")" "$([ -n "$ctld_rss_name" ] && get "$ctld_rss_name")")" "—" "—"
    row "server RSS (MB) at $big queued" "$(get "$rss_big_name")" "" "—" "—" "≤ 300"
    row "server CPU over ${IDLE_SECONDS} s, all waiting, nothing changing (% of one core): OMB at $big queued, slurmctld at $(or_dash "$(at_count "$ctld_cpu_name")") pending" \
        "$(get "$cpu_name")" "$([ -n "$ctld_cpu_name" ] && get "$ctld_cpu_name")" "—" "—" "≤ 2"
    row "one job at a time at random moments, \`qsub\`/\`sbatch\` start → job's first instruction, median of $(count "$LAT_N" 20) (samples: $(or_dash "$(get omb_dispatch_latency_samples)") / $(or_dash "$(get slurm_dispatch_latency_samples)")) (ms)" \
        "$(get omb_dispatch_latency_ms_median)" "$(get slurm_dispatch_latency_ms_median)" \
        "$(ratio "$(get omb_dispatch_latency_ms_median)" "$(get slurm_dispatch_latency_ms_median)")" "—" "≤ 20"
    row "the same, p95 (ms)" "$(get omb_dispatch_latency_ms_p95)" "$(get slurm_dispatch_latency_ms_p95)" \
        "$(ratio "$(get omb_dispatch_latency_ms_p95)" "$(get slurm_dispatch_latency_ms_p95)")" "—" "≤ 50"
    row "trivial jobs (\`/bin/true\`) end to end, jobs/s: OMB $(count "$E2E_JOBS" 1000) through the API on 4 nodes × 2 CPUs at 100 %; Slurm $(count "$E2E_JOBS_SLURM" 1000) from 8 \`sbatch\` loops on 1 node × $(nproc) CPUs${slurm_done:+ ($slurm_done done)}" \
        "$e2e" "$slurm_e2e" "$(ratio "$e2e" "$slurm_e2e")" \
        "\`posix_spawn\` of \`/bin/true\`, a loop per core: $(or_dash "$spawn")/s (OMB ÷ it: $(ratio "$e2e" "$spawn"))" "≥ 0.4 × \`posix_spawn\` and ≥ 10 × Slurm"
    row "migration of a running task with a 1 MiB checkpoint, order → running on the target, median of $(count "$MOVES" 5) (ms)" \
        "$(get omb_migration_1mib_ms_median)" "" "—" "the job's own checkpoint reaction: $(or_dash "$(get omb_job_checkpoint_reaction_ms_median)") ms" "≤ 150"
    local mb
    for mb in $SIZES; do
        row "checkpoint transfer, $mb MB (MB/s)" "$(get "omb_blob_${mb}mb_mb_per_s")" "" "—" \
            "the C data path: $(or_dash "$(get "omb_native_file_${mb}mb_mb_per_s")") (OMB ÷ it, median of the rounds: $(or_dash "$(get "omb_blob_${mb}mb_over_native_file")"))" "≥ 0.9 × C"
    done
}
