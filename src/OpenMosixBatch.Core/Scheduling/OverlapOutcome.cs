namespace OpenMosixBatch.Core.Scheduling;

/// <summary>What a fire time does about a previous run, decided by <see cref="OverlapRules"/>.</summary>
public enum OverlapOutcome
{
    /// <summary>Submit the job as it is.</summary>
    Submit,

    /// <summary>Submit nothing; the decision's reason is recorded on the schedule.</summary>
    SkipRecorded,

    /// <summary>Submit the job with an <c>afterany</c> dependency on the previous run.</summary>
    SubmitHeldUntilPreviousEnds,
}
