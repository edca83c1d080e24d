namespace OpenMosixBatch.Core.Migration;

/// <summary>The outcome of one rebalancing step: the state to keep, the moves to request and the stays to report.</summary>
/// <param name="State">The state after the step (moves marked in flight, expired ones and ended tasks forgotten).</param>
/// <param name="Moves">The moves to request from their source nodes, best first.</param>
/// <param name="Stays">The stay reasons to send to the server (only those that changed, see <see cref="StayReasons"/>).</param>
public sealed record RebalancingDecision(RebalancingState State, IReadOnlyList<MigrationMove> Moves, IReadOnlyList<TaskStay> Stays);
