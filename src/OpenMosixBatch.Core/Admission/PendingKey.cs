using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// Where a waiting job stands in admission order (DESIGN §7): higher priority first, then earlier submission, then the
/// lower id, so that two jobs never tie.
/// </summary>
public readonly record struct PendingKey(int Priority, DateTimeOffset SubmitTime, long JobId) : IComparable<PendingKey>
{
    public static PendingKey Of(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new PendingKey(job.Spec.Priority, job.SubmitTime, job.Id);
    }

    public int CompareTo(PendingKey other)
    {
        var byPriority = other.Priority.CompareTo(Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var bySubmission = SubmitTime.CompareTo(other.SubmitTime);
        return bySubmission != 0 ? bySubmission : JobId.CompareTo(other.JobId);
    }

    public static bool operator <(PendingKey left, PendingKey right) => left.CompareTo(right) < 0;

    public static bool operator >(PendingKey left, PendingKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(PendingKey left, PendingKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PendingKey left, PendingKey right) => left.CompareTo(right) >= 0;
}
