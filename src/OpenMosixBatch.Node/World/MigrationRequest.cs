using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Node.World;

/// <summary>
/// Rank 0 asks the rank running task <paramref name="JobId"/>/<paramref name="TaskIndex"/> to move it: signal it to
/// checkpoint, and on the checkpoint exit ship the packed checkpoint to <paramref name="TargetRank"/> over MPI and to
/// the server. If the task has not checkpointed within the grace period the move is dropped and the task runs on.
/// </summary>
/// <param name="Target">Target node name.</param>
/// <param name="TargetRank">Target node's rank.</param>
/// <param name="Reason">Why in words (the planner's detail), recorded with the move and shown.</param>
/// <param name="Cause">Why, typed: the planner's cause or <see cref="MigrationReason.Manual"/> for omb migrate.</param>
public sealed record MigrationRequest(long JobId, int TaskIndex, string Target, int TargetRank, string Reason, MigrationReason Cause);
