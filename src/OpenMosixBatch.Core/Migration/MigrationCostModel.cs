namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// The formulas of DESIGN §6, each on its own so the planner, the simulator and <c>omb calibrate</c> share them.
/// Every time is in microseconds (double); rates are dimensionless (1.0 = a reference CPU to itself).
/// </summary>
/// <remarks>
/// Inputs that are not finite or are negative count as 0, and times are capped at <see cref="MaxTime"/>, so a bad
/// sample can never make a plan carry NaN or infinity (which would neither compare nor serialise).
/// </remarks>
public static class MigrationCostModel
{
    /// <summary>Cap on any time (about 31,700 years): a node with no progress rate takes "forever", finitely.</summary>
    public const double MaxTime = 1e18;

    /// <summary>Page size the dirty-page overhead is charged per.</summary>
    public const long PageBytes = 4096;

    private const double MaxRate = 1e9;

    /// <summary>
    /// Expected remaining CPU work W: the walltime estimate minus the elapsed time when an estimate is given (never
    /// below 0), otherwise the CPU time so far — a process that has run long is expected to run as long again
    /// (Harchol-Balter and Downey's lifetime result, which openMosix's policy relies on).
    /// </summary>
    public static double RemainingWork(PlannerTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var remaining = task.WalltimeEstimate is { } estimate ? estimate - task.Elapsed : task.CpuTime;
        return Math.Min(MaxTime, Math.Max(0, remaining.TotalMicroseconds));
    }

    /// <summary>Progress rate of one runnable process on a node: speed × min(1, CPUs / runnable demand).</summary>
    public static double ProgressRate(double speed, int cpus, double runnableDemand)
    {
        var s = Clean(speed);
        if (cpus <= 0)
        {
            return 0;
        }

        var demand = Clean(runnableDemand);
        return demand <= cpus ? s : s * (cpus / demand);
    }

    /// <summary>
    /// Overhead a task pays per microsecond it runs away from home: its read, write and system-call rates charged at
    /// (remote − home) overhead. A negative difference (the FAQ's system-call and per-KB-written pairs) counts as 0,
    /// so running away from home is never a bonus.
    /// </summary>
    public static double RemotePenaltyFraction(PlannerTask task, Overheads overheads)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(overheads);
        var perSecond =
            (Rate(task.ReadKbPerSecond) * Extra(overheads.RemoteReadPerKb, overheads.HomeReadPerKb))
            + (Rate(task.ReadCallsPerSecond) * Extra(overheads.RemoteReadBase, overheads.HomeReadBase))
            + (Rate(task.WriteKbPerSecond) * Extra(overheads.RemoteWritePerKb, overheads.HomeWritePerKb))
            + (Rate(task.WriteCallsPerSecond) * Extra(overheads.RemoteWriteBase, overheads.HomeWriteBase))
            + (Rate(task.SyscallsPerSecond) * Extra(overheads.RemoteSyscall, overheads.HomeSyscall));
        return perSecond / 1e6;
    }

    /// <summary>Time to finish <paramref name="work"/> at <paramref name="rate"/>, plus the remote penalty while away from home.</summary>
    public static double CompletionTime(double work, double rate, bool awayFromHome, double penaltyFraction)
    {
        var w = Math.Min(MaxTime, Clean(work));
        if (w == 0)
        {
            return 0;
        }

        var r = Clean(rate);
        var run = r == 0 ? MaxTime : Math.Min(MaxTime, w / r);
        return awayFromHome ? Math.Min(MaxTime, run * (1 + Math.Min(MaxRate, Clean(penaltyFraction)))) : run;
    }

    /// <summary>Pages charged for a checkpoint: bytes / 4096, rounded up.</summary>
    public static long DirtyPages(long checkpointBytes) =>
        checkpointBytes <= 0 ? 0 : (checkpointBytes / PageBytes) + (checkpointBytes % PageBytes == 0 ? 0 : 1);

    /// <summary>
    /// Migration cost: empty-process time + dirty pages × per-page time + the oMFS transfer of the checkpoint (both
    /// connects, the source serving each KB out and the target reading it in; KB rounded up).
    /// </summary>
    public static double MigrationCost(long checkpointBytes, Overheads overheads, MfsCosts mfs)
    {
        ArgumentNullException.ThrowIfNull(overheads);
        ArgumentNullException.ThrowIfNull(mfs);
        var bytes = Math.Max(0, checkpointBytes);
        double kb = (bytes / 1024) + (bytes % 1024 == 0 ? 0 : 1);
        return (double)overheads.EmptyMigration
            + ((double)DirtyPages(bytes) * overheads.PerDirtyPage)
            + mfs.ConnectServer + mfs.ConnectClient
            + (kb * ((double)mfs.PerKbOutServer + mfs.PerKbInClient));
    }

    private static double Extra(long remote, long home) => Math.Max(0, (double)remote - home);

    private static double Rate(double perSecond) => Math.Min(MaxRate, Clean(perSecond));

    private static double Clean(double x) => double.IsFinite(x) && x > 0 ? x : 0;
}
