using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>Start this task, with one node per chunk of its resource request.</summary>
public sealed record TaskPlacement(long JobId, int TaskIndex, IReadOnlyList<string> Nodes);

/// <summary>
/// One admission pass: the tasks to start now, and for every eligible job that does not start, the reason
/// (what qstat -f shows): in <see cref="Reasons"/> for the jobs the pass walked, from <see cref="Deferred"/> for those
/// it did not reach because nothing more could start.
/// </summary>
/// <param name="Kinds">The kind of each reason in <see cref="Reasons"/> the policy gave (what <see cref="WaitReasonChanges"/> compares).</param>
public sealed record AdmissionPlan(IReadOnlyList<TaskPlacement> Starts, IReadOnlyDictionary<long, string> Reasons, DeferredReasons? Deferred = null,
    IReadOnlyDictionary<long, WaitKind>? Kinds = null)
{
    /// <summary>Why <paramref name="job"/> waits, or null when it does not (or the pass did not see it).</summary>
    public string? ReasonFor(Job job, Func<long, Job?> find)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Reasons.TryGetValue(job.Id, out var reason) ? reason : Deferred?.For(job, find);
    }
}
