namespace OpenMosixBatch.Core.Migration;

/// <summary>One proposed migration. Gain and cost are in microseconds of the task's completion time.</summary>
/// <param name="JobId">Job number.</param>
/// <param name="TaskIndex">Array index, or 0.</param>
/// <param name="From">Node it leaves.</param>
/// <param name="To">Node it goes to.</param>
/// <param name="GainMicroseconds">How much sooner it is expected to finish on <paramref name="To"/> (may be negative for ushering and expel).</param>
/// <param name="CostMicroseconds">Expected migration time (empty process + dirty pages + oMFS transfer).</param>
/// <param name="Reason">Why it moves.</param>
/// <param name="Detail">One line for the log and the job's event history.</param>
public sealed record MigrationMove(
    long JobId,
    int TaskIndex,
    string From,
    string To,
    double GainMicroseconds,
    double CostMicroseconds,
    MigrationReason Reason,
    string Detail);
