namespace OpenMosixBatch.Core.World;

/// <summary>Where a migration takes a task: the target node and its rank in the current world.</summary>
/// <param name="Node">Target node name.</param>
/// <param name="Rank">Target node's rank.</param>
public readonly record struct MoveTarget(string Node, int Rank);
