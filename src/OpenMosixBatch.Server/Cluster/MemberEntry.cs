using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Membership;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>One node of the cluster: its capacity, its membership, and whether conf/cluster.json lists it.</summary>
/// <param name="Configured">True for a node of the cluster file (a reload that no longer finds it removes it); false for one <c>omb node add</c> brought.</param>
public sealed record MemberEntry(NodeSnapshot Node, MemberState State, bool Configured);
