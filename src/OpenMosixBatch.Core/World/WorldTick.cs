using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.World;

/// <summary>One tick of the world: every rank's report, indexed by rank.</summary>
/// <param name="Sequence">The tick's number, from 1.</param>
/// <param name="Reports">Every rank's latest report (a rank that has not reported yet shows rank -1).</param>
/// <param name="IsFinal">The world agreed to stop at this tick: no tick follows.</param>
public sealed record WorldTick(long Sequence, IReadOnlyList<NodeLoad> Reports, bool IsFinal);
