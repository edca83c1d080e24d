namespace OpenMosixBatch.Server.Options;

/// <summary>
/// Section "Omb:Health": the node health check, like Slurm's HealthCheckProgram and HealthCheckInterval. Every rank
/// of a launched world runs <see cref="Program"/> for its node every <see cref="Interval"/>; a failing node goes offline.
/// </summary>
public sealed class HealthOptions
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The program (an absolute path, run without a shell, OMB_NODE set to the node's name); empty: no check.</summary>
    public string Program { get; set; } = "";

    /// <summary>Between two runs on a node (a TimeSpan: "00:05:00", "00:00:01", "00:00:00.5").</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary>A run that takes longer is killed and fails the check.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;
}
