namespace OpenMosixBatch.Core.Migration;

/// <summary>The tunables in force (the server's Tune order, or the simulator's <c>--tunables</c>).</summary>
/// <param name="Overheads">The 14 openMosix overheads.</param>
/// <param name="MfsCosts">The 6 oMFS transfer costs.</param>
/// <param name="MigrationEnabled">False while an administrator turned migration off: nothing is planned.</param>
public sealed record MigrationTuning(Overheads Overheads, MfsCosts MfsCosts, bool MigrationEnabled)
{
    /// <summary>The openMosix FAQ's tunables, migration on.</summary>
    public static MigrationTuning Defaults { get; } = new(Overheads.Defaults, MfsCosts.Defaults, true);
}
