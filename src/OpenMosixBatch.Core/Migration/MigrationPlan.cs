namespace OpenMosixBatch.Core.Migration;

/// <summary>The outcome of one rebalancing tick: the moves in the order they were chosen (best first), and every other task with the reason it stays.</summary>
public sealed record MigrationPlan(IReadOnlyList<MigrationMove> Moves, IReadOnlyList<TaskStay> Stays);
