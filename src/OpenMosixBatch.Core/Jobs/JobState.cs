namespace OpenMosixBatch.Core.Jobs;

/// <summary>PBS-style job and task states; <see cref="JobStateLetters"/> maps them to the qstat letter.</summary>
public enum JobState
{
    /// <summary>Eligible, waiting for admission (Q).</summary>
    Queued,

    /// <summary>Held by a user or an administrator (H).</summary>
    Held,

    /// <summary>Waiting for a dependency or a start time (W).</summary>
    Waiting,

    /// <summary>Running on a node (R).</summary>
    Running,

    /// <summary>A checkpoint is in flight between nodes (M).</summary>
    Migrating,

    /// <summary>Exiting: the process ended, results are being recorded (E).</summary>
    Exiting,

    /// <summary>Finished with exit status 0 (C).</summary>
    Completed,

    /// <summary>Finished with a non-zero exit status, or could not run (F).</summary>
    Failed,

    /// <summary>Deleted by qdel before it finished (X, as PBS Pro shows deleted subjobs).</summary>
    Deleted,

    /// <summary>
    /// Suspended by an administrator (<c>qsig -s suspend</c>, S as in PBS Pro): its processes are stopped (SIGSTOP) on
    /// their node and keep their CPUs and memory there until <c>qsig -s resume</c> continues them (SIGCONT).
    /// </summary>
    Suspended,
}
