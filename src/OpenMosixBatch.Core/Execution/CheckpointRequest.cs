using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>A checkpoint the node asked a task for and has not seen yet.</summary>
/// <param name="Number">Counts the task's requests, so a grace period only drops the request it was started for.</param>
/// <param name="Cause">Why: decides where the task restarts.</param>
/// <param name="Target">The target node of a migration, else null.</param>
public sealed record CheckpointRequest(long Number, CheckpointCause Cause, string? Target);
