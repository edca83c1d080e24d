namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// A running task's predicted end (its start plus its job's walltime), kept in <see cref="QueueIndex.Ends"/> earliest
/// first; at one instant by job id, then by the task's position in its job, the order a walk over the jobs gave.
/// </summary>
/// <param name="End">When the task's walltime runs out.</param>
/// <param name="JobId">The task's job.</param>
/// <param name="Position">The task's position in <c>Job.Tasks</c>.</param>
public readonly record struct RunningEnd(DateTimeOffset End, long JobId, int Position) : IComparable<RunningEnd>
{
    public int CompareTo(RunningEnd other)
    {
        var byEnd = End.CompareTo(other.End);
        if (byEnd != 0)
        {
            return byEnd;
        }

        var byJob = JobId.CompareTo(other.JobId);
        return byJob != 0 ? byJob : Position.CompareTo(other.Position);
    }

    public static bool operator <(RunningEnd left, RunningEnd right) => left.CompareTo(right) < 0;

    public static bool operator >(RunningEnd left, RunningEnd right) => left.CompareTo(right) > 0;

    public static bool operator <=(RunningEnd left, RunningEnd right) => left.CompareTo(right) <= 0;

    public static bool operator >=(RunningEnd left, RunningEnd right) => left.CompareTo(right) >= 0;
}
