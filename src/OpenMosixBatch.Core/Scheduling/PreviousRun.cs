using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>The job a schedule's previous fire submitted, and that job's current state.</summary>
public readonly record struct PreviousRun(long JobId, JobState State)
{
    /// <summary>True while the job has not ended: queued, held, waiting, running, migrating or exiting.</summary>
    public bool IsActive => !State.IsFinished();
}
