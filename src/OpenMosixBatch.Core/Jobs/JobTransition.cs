namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// The decision of a state change: the job after it and the event to record, or the reason it was refused.
/// The caller persists and acknowledges; nothing here does I/O.
/// </summary>
public sealed record JobTransition(Job? Job, Storage.JobEvent? Event, string? Refusal)
{
    public bool Ok => Refusal is null;

    public static JobTransition Done(Job job, Storage.JobEvent evt) => new(job, evt, null);

    public static JobTransition Refused(string why) => new(null, null, why);
}
