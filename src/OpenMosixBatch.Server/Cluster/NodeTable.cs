using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// The nodes admission sees. Until an execution world reports its nodes, this is the configured table from
/// conf/cluster.json, with nothing allocated and nothing measured.
/// </summary>
public sealed class NodeTable(IReadOnlyList<NodeSnapshot> configured)
{
    public IReadOnlyList<NodeSnapshot> Nodes { get; } = configured;

    /// <summary>False while no execution world is connected: admitted jobs cannot start yet.</summary>
    public bool WorldConnected => false;
}
