using CommandLine;

namespace OpenMosixBatch.Cli.Verbs;

[Verb("simulate", HelpText = "Replay an SWF workload trace (plain or gzipped) through the server's own admission, backfill and placement code on a virtual clock, and print wait, bounded slowdown, utilisation and makespan per setting.")]
public sealed class SimulateOptions
{
    [Value(0, MetaName = "TRACE", HelpText = "The trace, in the Standard Workload Format of the Parallel Workloads Archive (.swf or .swf.gz); with --history, the job database or a backup of it.")]
    public string? Trace { get; set; }

    [Option("history", HelpText = "Replay the finished jobs of the server's job database instead of a trace: TRACE names the database or a backup (omb backup prints its path); without TRACE, $OMB_HOME/omb.db.")]
    public bool History { get; set; }

    [Option("since", HelpText = "With --history: only the jobs submitted at or after DATE (2026-11-01, or 2026-11-01T08:00+01:00; UTC unless a zone is given).")]
    public string? Since { get; set; }

    [Option("processes", HelpText = "Instead of a trace: generate N openMosix-style processes (Poisson arrivals, Harchol-Balter & Downey lifetimes) and run them with migration off and on.")]
    public int? Processes { get; set; }

    [Option("seed", Default = 1, HelpText = "With --processes: the random seed (the same seed gives the same workload).")]
    public int Seed { get; set; } = 1;

    [Option("load", HelpText = "With --processes: offered load, work arriving per second over the cluster's capacity (default 0.7).")]
    public double? Load { get; set; }

    [Option("checkpointing", HelpText = "With --processes: percentage of processes that checkpoint and so may migrate (default 50).")]
    public double? Checkpointing { get; set; }

    [Option("speeds", HelpText = "With --processes: one node per value, its relative speed (default 0.5,0.75,1,1,1,1.25,1.5,2).")]
    public string? Speeds { get; set; }

    [Option("tunables", HelpText = "With --processes: a directory holding the overheads and mfscosts files (e.g. conf); default the openMosix FAQ's values.")]
    public string? Tunables { get; set; }

    [Option("cluster", HelpText = "The nodes, in conf/cluster.json's format.")]
    public string? Cluster { get; set; }

    [Option("nodes", HelpText = "Uniform nodes instead: how many (with --cpus and --mem). Default: the trace header's MaxNodes nodes of MaxProcs/MaxNodes CPUs.")]
    public int? Nodes { get; set; }

    [Option("cpus", HelpText = "CPUs per node with --nodes (default 1).")]
    public int? Cpus { get; set; }

    [Option("mem", HelpText = "Memory per node with --nodes, e.g. 64gb (default: enough that memory never limits).")]
    public string? Memory { get; set; }

    [Option("cpu-threshold", HelpText = "CPU thresholds in percent, comma-separated (70,80,90,100): one row each. Default: --conf's, else 90.")]
    public string? CpuThresholds { get; set; }

    [Option("mem-threshold", HelpText = "Memory thresholds in percent, comma-separated: one row each. Default: --conf's, else 85.")]
    public string? MemoryThresholds { get; set; }

    [Option("order", HelpText = "Queue order: fcfs or sjf, or both comma-separated. Default: --conf's, else fcfs.")]
    public string? Order { get; set; }

    [Option("backfill", HelpText = "easy or none (the server's settings), or greedy (RLScheduler's variant), or several comma-separated. Default: --conf's, else easy.")]
    public string? Backfill { get; set; }

    [Option("rules", HelpText = "Job-loading rules: standard (default) or rlscheduler (RLScheduler's rules and queue discipline, for comparing with its figures).")]
    public string Rules { get; set; } = "standard";

    [Option("window", HelpText = "START:LEN, LEN consecutive jobs from index START (0-based), run from an empty cluster; repeat it to report the mean over windows.")]
    public IEnumerable<string> Windows { get; set; } = [];

    [Option("conf", HelpText = "Take the thresholds, utilisation mode, order and backfill from a server configuration, e.g. conf/omb.json.")]
    public string? Conf { get; set; }

    [Option("json", HelpText = "Print JSON: one object per setting with the means and the per-window figures.")]
    public bool Json { get; set; }

    [Option("jobs", HelpText = "Write one CSV line per simulated job to FILE.")]
    public string? JobsFile { get; set; }

    [Option("plot", HelpText = "Write an SVG of jobs waiting, CPUs running and utilisation over simulated time (the first row, first window) to FILE.")]
    public string? PlotFile { get; set; }
}
