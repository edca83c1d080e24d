namespace OpenMosixBatch.Api.Contracts;

/// <summary><c>omb node add</c>, <c>omb node remove</c>, <c>omb node reload</c>.</summary>
public enum MembershipRequestKind
{
    /// <summary>Bring a node into the cluster (its health check runs first).</summary>
    Add,

    /// <summary>Take a node out: drained, then the world relaunches without it.</summary>
    Remove,

    /// <summary>Read conf/cluster.json again: its new nodes join, nodes gone from it leave.</summary>
    Reload,
}

/// <summary>
/// POST /v1/nodes/membership (administrators). <see cref="Memory"/> is a size as qsub takes it ("4gb"); unset
/// capacities come from the cluster file's defaults (the first node's).
/// </summary>
public sealed record MembershipRequest(MembershipRequestKind Kind, string? Node = null, string? Host = null, int? Cpus = null, string? Memory = null,
    bool Now = false);

/// <summary>What changed, one line per node (e.g. "node4: joining: its health check runs"), and the nodes after it.</summary>
public sealed record MembershipResponse(IReadOnlyList<string> Changes, IReadOnlyList<NodeView> Nodes);
