namespace OpenMosixBatch.Core.Migration;

/// <summary>A task the plan leaves where it is, and why (for the log and <c>qstat -f</c>).</summary>
/// <param name="JobId">Job id.</param>
/// <param name="TaskIndex">Array index, or 0.</param>
/// <param name="Node">Where it stays.</param>
/// <param name="Cause">Why, as a value (what decisions compare).</param>
/// <param name="Reason">Why, in words with the figures of the tick (what people read).</param>
public sealed record TaskStay(long JobId, int TaskIndex, string Node, StayCause Cause, string Reason)
{
    /// <summary>What pushes it away although it stays (an expel or memory ushering), or null.</summary>
    public MigrationReason? Pressure { get; init; }

    /// <summary>The best target the reason names, or null.</summary>
    public string? Target { get; init; }
}
