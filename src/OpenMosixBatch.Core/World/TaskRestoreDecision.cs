namespace OpenMosixBatch.Core.World;

/// <summary>The outcome of one event: the new state, what the node must do in order, and how the restore ended if it did.</summary>
public sealed record TaskRestoreDecision(TaskRestoreState State, IReadOnlyList<TaskRestoreAction> Actions, TransferOutcome? Ended = null);
