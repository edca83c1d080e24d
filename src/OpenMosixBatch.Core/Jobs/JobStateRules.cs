namespace OpenMosixBatch.Core.Jobs;

/// <summary>The job state machine: submission, hold, release, delete, and the dependency-driven Q/W/H states.</summary>
public static class JobStateRules
{
    /// <summary>A new job's record: Held with -h, Waiting with unmet dependencies, else Queued; one task per element.</summary>
    public static Job Submit(long id, JobSpec spec, JobOwner owner, DateTimeOffset now) => throw new NotImplementedException();

    public static JobTransition Hold(Job job, string by, DateTimeOffset now) => throw new NotImplementedException();

    public static JobTransition Release(Job job, string by, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Deletes a job (or with <paramref name="arrayIndex"/> one array element).</summary>
    public static JobTransition Delete(Job job, int? arrayIndex, string by, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Re-evaluates Q/W for a job whose dependencies may have changed; null when nothing changes.</summary>
    public static Job? RefreshDependencies(Job job, Func<long, Job?> lookup, DateTimeOffset now) => throw new NotImplementedException();
}
