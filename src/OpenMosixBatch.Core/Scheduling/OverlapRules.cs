using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>Decides what a fire time does when the schedule's previous run may still be in the queue.</summary>
public static class OverlapRules
{
    /// <summary>
    /// Decides for one fire time. <paramref name="previous"/> is the job the schedule's last submitting fire made,
    /// or null when there is none (first fire, or the job was purged from the store).
    /// </summary>
    /// <remarks>
    /// <see cref="OverlapPolicy.Queue"/> uses <c>afterany</c>, not <c>afterok</c>: the point is ordering, and a run must
    /// follow its predecessor whatever that one's exit status, or one failure would leave every later run waiting on a
    /// dependency that can never be met. Runs queued this way form a chain (each waits for the one before it), because
    /// the schedule remembers the job it submitted last. A previous run that has ended never delays the next one.
    /// </remarks>
    public static OverlapDecision Decide(OverlapPolicy policy, PreviousRun? previous)
    {
        if (previous is not { IsActive: true } run)
        {
            return new OverlapDecision(OverlapOutcome.Submit, null, null);
        }

        var letter = JobStateLetters.Letter(run.State);
        return policy switch
        {
            OverlapPolicy.Skip => new OverlapDecision(
                OverlapOutcome.SkipRecorded,
                $"skipped: previous run {run.JobId} is still {Describe(run.State)} ({letter}); use --overlap queue to run after it or --overlap allow to run beside it",
                null),
            OverlapPolicy.Queue => new OverlapDecision(
                OverlapOutcome.SubmitHeldUntilPreviousEnds,
                $"queued after previous run {run.JobId}, still {Describe(run.State)} ({letter}): submitted with afterany:{run.JobId}",
                run.JobId),
            OverlapPolicy.Allow => new OverlapDecision(OverlapOutcome.Submit, null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown overlap policy"),
        };
    }

    private static string Describe(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Held => "held",
        JobState.Waiting => "waiting",
        JobState.Running => "running",
        JobState.Migrating => "migrating",
        JobState.Exiting => "exiting",
        _ => state.ToString().ToLowerInvariant(),
    };
}
