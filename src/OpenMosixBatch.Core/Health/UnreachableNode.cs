namespace OpenMosixBatch.Core.Health;

/// <summary>A node whose rank fell silent: it is marked down with <paramref name="Comment"/> and left out of the next world.</summary>
/// <param name="Node">The node.</param>
/// <param name="Comment">The reason pbsnodes shows.</param>
public sealed record UnreachableNode(string Node, string Comment);
