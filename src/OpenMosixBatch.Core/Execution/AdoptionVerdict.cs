namespace OpenMosixBatch.Core.Execution;

/// <summary>What a rank does with a task its predecessor on the node left in the spool.</summary>
public enum AdoptionVerdict
{
    /// <summary>Its shepherd still holds it (or may: its liveness is unknown): the rank watches it as its own.</summary>
    Adopt,

    /// <summary>It ended while no rank ran: the shepherd's record has its end, which the rank reports once.</summary>
    ReportEnd,

    /// <summary>Its shepherd is gone and left no end: the task is lost (what is left of its group is ended).</summary>
    Lost,

    /// <summary>
    /// Nothing to adopt: no start order or no shepherd record (a launch cut short by the rank's death). What a recorded
    /// session left is ended and the directory removed; the server finds the task missing when the world attaches.
    /// </summary>
    Reap,
}
