using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>The outcome of <see cref="OverlapRules.Decide"/>, with the reason shown by <c>omb cron show</c>.</summary>
/// <param name="Outcome">Submit, skip, or submit behind the previous run.</param>
/// <param name="Reason">Why; always set for a skip or a queued submission.</param>
/// <param name="AfterJobId">The previous run a queued submission waits for.</param>
public sealed record OverlapDecision(OverlapOutcome Outcome, string? Reason, long? AfterJobId)
{
    public bool Submits => Outcome != OverlapOutcome.SkipRecorded;

    /// <summary>
    /// The spec to submit for this decision: unchanged, or with <c>afterany:PREVIOUS</c> added (once) for a queued
    /// submission. Only call when <see cref="Submits"/>.
    /// </summary>
    public JobSpec Apply(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Outcome == OverlapOutcome.SkipRecorded)
        {
            throw new InvalidOperationException("a skipped fire submits no job");
        }

        if (AfterJobId is not { } previous)
        {
            return spec;
        }

        var dependency = new Dependency(DependencyType.AfterAny, previous);
        return spec.Dependencies.Contains(dependency)
            ? spec
            : spec with { Dependencies = [.. spec.Dependencies, dependency] };
    }
}
