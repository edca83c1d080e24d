namespace OpenMosixBatch.Core.Scheduling;

/// <summary>What a schedule does at a fire time while the job its previous fire made is still queued or running.</summary>
public enum OverlapPolicy
{
    /// <summary>Submit nothing and record why (the default: a nightly run that overruns is not doubled).</summary>
    Skip,

    /// <summary>Submit now with a dependency <c>afterany</c> on the previous run, so it starts once that run ends.</summary>
    Queue,

    /// <summary>Submit now; the runs may execute side by side.</summary>
    Allow,
}
