using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Tests.Cluster;

/// <summary>GPUs a rank detected count for a node cluster.json declares none for; a declared count wins (issue 21).</summary>
public sealed class NodeTableGpuTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static NodeLoad Load(string node, int rank, int gpus) => new(node, rank, 2, 4L << 30, 1, 0, 0, 4L << 30, []) { Gpus = gpus };

    [Fact]
    public void Nodes_DetectedGpus_CountWhenNoneAreDeclared_DeclaredWinOtherwise()
    {
        using var gateway = new WorldGateway();
        var membership = new ClusterMembership(null, [new NodeSnapshot("a", 2, 4L << 30), new NodeSnapshot("b", 2, 4L << 30) { Gpus = 4 }]);
        var table = new NodeTable(membership, gateway, new NodeAdminStates(null));
        gateway.Install(new WorldSession("w1", [Load("a", 0, 2), Load("b", 1, 1)], T0));

        Assert.Equal([2, 4], table.Nodes.Select(n => n.Gpus));
        Assert.Equal((2, 4), (table.GpusOf("a"), table.GpusOf("b")));
    }

    [Fact]
    public void Nodes_DeclaredZeroGpus_HideWhatTheRankDetected_AnAbsentCountDoesNot()
    {
        using var gateway = new WorldGateway();
        var membership = new ClusterMembership(null, ClusterFile.Parse(
            "{\"defaults\":{\"cpus\":2,\"memory\":\"4gb\"},\"nodes\":[{\"name\":\"a\",\"gpus\":0},{\"name\":\"b\"}]}", "c.json"));
        var table = new NodeTable(membership, gateway, new NodeAdminStates(null));
        gateway.Install(new WorldSession("w1", [Load("a", 0, 2), Load("b", 1, 2)], T0));

        Assert.Equal([0, 2], table.Nodes.Select(n => n.Gpus));
        Assert.Equal((0, 2), (table.GpusOf("a"), table.GpusOf("b")));
    }

    [Fact]
    public void GpusOf_WithoutAWorld_IsTheDeclaredCount()
    {
        using var gateway = new WorldGateway();
        var table = new NodeTable(new ClusterMembership(null, [new NodeSnapshot("a", 2, 4L << 30) { Gpus = 1 }, new NodeSnapshot("b", 2, 4L << 30)]), gateway, new NodeAdminStates(null));

        Assert.Equal((1, 0), (table.GpusOf("a"), table.GpusOf("b")));
    }
}
