using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// Which waiting jobs' reasons changed, for tracejob: a reason is recorded (a typed <see cref="EventKind"/> event, and the
/// job's <see cref="Job.LastWait"/>, in one commit) when its <see cref="WaitKind"/> differs from the one last recorded,
/// never because its text did (the figures in "cluster CPU 93% ≥ threshold 90%" change on every pass).
/// </summary>
/// <remarks>
/// The reasons a pass computed are compared on every pass. The jobs it did not reach once nothing more could start
/// (their reasons are deferred until qstat -f asks) are compared only when the caller passes the waiting jobs, which
/// the server does at most every few seconds: on a full cluster with a long queue that costs a walk of the queue, each
/// refusal answered from the ledger's kept figures. Once such a walk was made, and while the plans defer on the same
/// terms (<see cref="DeferredKindsBasis"/>), only the jobs that changed since are compared (<see cref="DetectAmong"/>).
/// </remarks>
public static class WaitReasonChanges
{
    /// <summary>The kind of the job event that records a new reason.</summary>
    public const string EventKind = "wait-reason";

    /// <summary>
    /// The reasons of <paramref name="plan"/> whose kind is not the one last recorded for their job, in job id order; with
    /// <paramref name="pending"/> (the waiting jobs in the pass's order), the deferred ones too.
    /// </summary>
    public static List<WaitReasonChange> Detect(AdmissionPlan plan, Func<long, Job?> find, IEnumerable<PendingKey>? pending = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(find);
        var changes = Reached(plan, find);
        if (pending is not null && plan.Deferred is { } deferred)
        {
            foreach (var key in pending.SkipWhile(k => k < deferred.From))
            {
                AddDeferred(changes, plan, deferred, key.JobId, find);
            }
        }

        changes.Sort((a, b) => a.JobId.CompareTo(b.JobId));
        return changes;
    }

    /// <summary>
    /// The reasons of <paramref name="plan"/> whose kind is not the one last recorded, comparing of the deferred ones only
    /// those of the jobs <paramref name="ids"/>: what a sweep compares when a <see cref="DeferredKindsBasis"/> holds and
    /// every other waiting job keeps the kind last compared. Costs the jobs named, not the queue.
    /// </summary>
    public static List<WaitReasonChange> DetectAmong(AdmissionPlan plan, Func<long, Job?> find, IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(ids);
        var changes = Reached(plan, find);
        if (plan.Deferred is { } deferred)
        {
            foreach (var id in ids)
            {
                AddDeferred(changes, plan, deferred, id, find);
            }
        }

        changes.Sort((a, b) => a.JobId.CompareTo(b.JobId));
        return changes;
    }

    private static List<WaitReasonChange> Reached(AdmissionPlan plan, Func<long, Job?> find)
    {
        var changes = new List<WaitReasonChange>();
        foreach (var (id, kind) in plan.Kinds ?? new Dictionary<long, WaitKind>())
        {
            if (find(id) is { } job && job.LastWait != kind && plan.Reasons.TryGetValue(id, out var text))
            {
                changes.Add(new WaitReasonChange(id, kind, text));
            }
        }

        return changes;
    }

    private static void AddDeferred(List<WaitReasonChange> changes, AdmissionPlan plan, DeferredReasons deferred, long id, Func<long, Job?> find)
    {
        if (plan.Kinds?.ContainsKey(id) != true && find(id) is { } job && deferred.ReasonOf(job, find) is { } why && job.LastWait != why.Kind)
        {
            changes.Add(new WaitReasonChange(job.Id, why.Kind, why.Text));
        }
    }

    /// <summary>
    /// Records <paramref name="change"/> on the job as it is now: the job with its new <see cref="Job.LastWait"/> and the
    /// event; null when it no longer waits (started, finished) or already has that kind (another pass recorded it).
    /// </summary>
    public static (Job Job, JobEvent Event)? Apply(Job job, WaitReasonChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!QueueIndex.IsPending(job) || job.LastWait == change.Kind)
        {
            return null;
        }

        return (job with { LastWait = change.Kind }, new JobEvent(job.Id, now, EventKind, change.Text, change.Kind));
    }

    /// <summary>
    /// The job once a dispatch started its tasks: with none left waiting its last reason is cleared, so that a requeue
    /// records its next reason again.
    /// </summary>
    public static Job AfterDispatch(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.LastWait is null || QueueIndex.IsPending(job) ? job : job with { LastWait = null };
    }
}
