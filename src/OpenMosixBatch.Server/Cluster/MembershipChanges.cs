using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>What a reload of conf/cluster.json changes (<see cref="ClusterMembership.Compare"/>).</summary>
/// <param name="Joining">Its nodes new to the cluster.</param>
/// <param name="Leaving">The members it no longer lists.</param>
/// <param name="Changed">Its members listed with another capacity: the new declaration of each.</param>
public sealed record MembershipChanges(IReadOnlyList<NodeSnapshot> Joining, IReadOnlyList<string> Leaving, IReadOnlyList<NodeSnapshot> Changed);
