namespace OpenMosixBatch.Core.Jobs;

/// <summary>The single-letter state column of qstat.</summary>
public static class JobStateLetters
{
    public static char Letter(this JobState state) => state switch
    {
        JobState.Queued => 'Q',
        JobState.Held => 'H',
        JobState.Waiting => 'W',
        JobState.Running => 'R',
        JobState.Migrating => 'M',
        JobState.Exiting => 'E',
        JobState.Completed => 'C',
        JobState.Failed => 'F',
        JobState.Deleted => 'X',
        JobState.Suspended => 'S',
        _ => '?',
    };

    /// <summary>True once nothing more will happen to the job or task.</summary>
    public static bool IsFinished(this JobState state) =>
        state is JobState.Completed or JobState.Failed or JobState.Deleted;

    /// <summary>True while a process exists (or is being moved) for the task; a suspended one keeps its node's CPUs.</summary>
    public static bool IsActive(this JobState state) =>
        state is JobState.Running or JobState.Migrating or JobState.Exiting or JobState.Suspended;
}
