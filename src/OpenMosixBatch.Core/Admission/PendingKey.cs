using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// Where a waiting job stands in admission order (DESIGN §7): higher priority first, then the shorter
/// <paramref name="Length"/> (the requested walltime under <see cref="QueueOrder.Sjf"/>, zero for every job under
/// <see cref="QueueOrder.Fcfs"/>), then earlier submission, then the lower id, so that two jobs never tie.
/// </summary>
public readonly record struct PendingKey(int Priority, DateTimeOffset SubmitTime, long JobId, TimeSpan Length = default) : IComparable<PendingKey>
{
    /// <summary>
    /// The job's requested walltime, null when it gave none; not part of the order. Once a backfill reservation is made,
    /// an admission pass passes over every later job whose walltime would not end before it, and reads it here rather
    /// than looking each job up.
    /// </summary>
    public TimeSpan? Walltime { get; init; }

    public static PendingKey Of(Job job) => Of(job, QueueOrder.Fcfs);

    /// <summary>The key of <paramref name="job"/> under <paramref name="order"/>; a job without walltime sorts last under SJF.</summary>
    public static PendingKey Of(Job job, QueueOrder order)
    {
        ArgumentNullException.ThrowIfNull(job);
        var length = order == QueueOrder.Sjf ? job.Spec.Resources.Walltime ?? TimeSpan.MaxValue : TimeSpan.Zero;
        return new PendingKey(job.Spec.Priority, job.SubmitTime, job.Id, length) { Walltime = job.Spec.Resources.Walltime };
    }

    public int CompareTo(PendingKey other)
    {
        var byPriority = other.Priority.CompareTo(Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byLength = Length.CompareTo(other.Length);
        if (byLength != 0)
        {
            return byLength;
        }

        var bySubmission = SubmitTime.CompareTo(other.SubmitTime);
        return bySubmission != 0 ? bySubmission : JobId.CompareTo(other.JobId);
    }

    public static bool operator <(PendingKey left, PendingKey right) => left.CompareTo(right) < 0;

    public static bool operator >(PendingKey left, PendingKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(PendingKey left, PendingKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PendingKey left, PendingKey right) => left.CompareTo(right) >= 0;
}
