using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>One server with a 1-rank mpiexec.hydra world (2 CPUs, 4 GiB) shared by a test class.</summary>
public sealed class OneNodeWorld : IAsyncLifetime
{
    private WorldServer? _world;

    public WorldServer World => _world ?? throw new InvalidOperationException("world not started");

    public async Task InitializeAsync() => _world = await WorldServer.StartAsync(1);

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }
}
