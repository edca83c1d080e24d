using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.World;

namespace OpenMosixBatch.Node.World;

/// <summary>A task's start from a checkpoint on this node: its machine's state, and the start order it carries out.</summary>
/// <param name="State">The state <see cref="TaskRestoreMachine"/> decides by.</param>
/// <param name="Order">The Start(Restore) order (null once it is deleted).</param>
internal sealed record TaskRestoreEntry(TaskRestoreState State, WorldOrder? Order);
