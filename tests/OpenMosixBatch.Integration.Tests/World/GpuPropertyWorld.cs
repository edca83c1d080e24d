using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// A 3-rank world whose conf/cluster.json declares GPUs and properties: node1 has 2 GPUs and "ib", node2 nothing,
/// node3 "bigmem" (2 CPUs and 4 GiB each), shared by a test class.
/// </summary>
public sealed class GpuPropertyWorld : IAsyncLifetime
{
    public const string Cluster = """
        {"defaults": {"cpus": 2, "memory": "4gb"},
         "nodes": [{"name": "node1", "gpus": 2, "properties": ["ib"]}, {"name": "node2"}, {"name": "node3", "properties": ["bigmem"]}]}
        """;

    private WorldServer? _world;

    public WorldServer World => _world ?? throw new InvalidOperationException("world not started");

    public async Task InitializeAsync() => _world = await WorldServer.StartWithClusterAsync(Cluster);

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }
}
