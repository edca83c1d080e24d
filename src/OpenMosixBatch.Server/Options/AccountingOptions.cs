using System.Globalization;

namespace OpenMosixBatch.Server.Options;

/// <summary>
/// Section "Omb:Accounting": how long finished jobs are kept (their accounting records for omb report, and the jobs
/// with their events for qstat -x and tracejob), and how often older ones are pruned.
/// </summary>
public sealed class AccountingOptions
{
    /// <summary>90 days, as a site keeps a quarter of usage for its reports (Slurm's PurgeJobAfter is often set so).</summary>
    public static readonly TimeSpan DefaultKeep = TimeSpan.FromDays(90);

    /// <summary>An hour: records are at most an hour past their keep before they go, at a cost of one indexed query an hour.</summary>
    public static readonly TimeSpan DefaultPruneInterval = TimeSpan.FromHours(1);

    /// <summary>The longest keep: ten years.</summary>
    public static readonly TimeSpan MaxKeep = TimeSpan.FromDays(3653);

    /// <summary>How long a finished job and its accounting record are kept after its end (e.g. "90.00:00:00").</summary>
    public TimeSpan Keep { get; set; } = DefaultKeep;

    /// <summary>Time between two prunings.</summary>
    public TimeSpan PruneInterval { get; set; } = DefaultPruneInterval;

    /// <summary>Null when valid; otherwise one line naming the setting and the fix.</summary>
    public string? Problem() =>
        Keep < TimeSpan.FromDays(1) || Keep > MaxKeep
            ? string.Create(CultureInfo.InvariantCulture, $"Omb:Accounting:Keep is {Keep}: keep records from 1 day to {MaxKeep.Days} days, e.g. 90.00:00:00")
        : PruneInterval < TimeSpan.FromSeconds(1) || PruneInterval > TimeSpan.FromDays(1)
            ? string.Create(CultureInfo.InvariantCulture, $"Omb:Accounting:PruneInterval is {PruneInterval}: use from 1 second to 1 day, e.g. 01:00:00")
        : null;
}
