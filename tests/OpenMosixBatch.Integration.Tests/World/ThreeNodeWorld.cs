using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>One server with a 3-rank mpiexec.hydra world (3 nodes × 2 CPUs × 4 GiB) shared by a test class.</summary>
public sealed class ThreeNodeWorld : IAsyncLifetime
{
    private WorldServer? _world;

    public WorldServer World => _world ?? throw new InvalidOperationException("world not started");

    public async Task InitializeAsync() => _world = await WorldServer.StartAsync(3);

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }
}
