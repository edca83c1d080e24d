namespace OpenMosixBatch.Node.World;

/// <summary>
/// Rank 0 asks the rank running task <paramref name="JobId"/>/<paramref name="TaskIndex"/> to move it: signal it to
/// checkpoint, and on the checkpoint exit ship the packed checkpoint to <paramref name="TargetRank"/> over MPI and to
/// the server. If the task has not checkpointed within the grace period the move is dropped and the task runs on.
/// </summary>
/// <param name="Target">Target node name.</param>
/// <param name="TargetRank">Target node's rank.</param>
/// <param name="Reason">Why (the planner's reason text), recorded with the move.</param>
public sealed record MigrationRequest(long JobId, int TaskIndex, string Target, int TargetRank, string Reason);
