namespace OpenMosixBatch.Core.Migration;

/// <summary>One evaluated (task, target) pair: times in microseconds, rates as in <see cref="MigrationCostModel"/>.</summary>
internal readonly record struct MoveOption(
    PlannerTask Task,
    PlannerNode From,
    PlannerNode To,
    double Gain,
    double Cost,
    double RateFrom,
    double RateTo)
{
    public double Net => Gain - Cost;

    /// <summary>Best first: larger net gain, then job, task and target in order, so a plan never depends on input order.</summary>
    public bool IsBetterThan(MoveOption? other)
    {
        if (other is not { } o)
        {
            return true;
        }

        if (Net != o.Net)
        {
            return Net > o.Net;
        }

        return CompareKeys(o) < 0;
    }

    public int CompareKeys(MoveOption o)
    {
        var c = Task.JobId.CompareTo(o.Task.JobId);
        if (c == 0)
        {
            c = Task.TaskIndex.CompareTo(o.Task.TaskIndex);
        }

        return c != 0 ? c : string.CompareOrdinal(To.Name, o.To.Name);
    }
}
