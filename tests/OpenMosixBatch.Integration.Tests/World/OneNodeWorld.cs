using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// One server with a 1-rank mpiexec.hydra world (2 CPUs, 4 GiB) shared by a test class. Admission counts allocations
/// only, up to every CPU: the shared machine's measured load (other builds) must not hold the tests' jobs back.
/// </summary>
public sealed class OneNodeWorld : IAsyncLifetime
{
    private WorldServer? _world;

    public WorldServer World => _world ?? throw new InvalidOperationException("world not started");

    public async Task InitializeAsync() => _world = await WorldServer.StartWithEnvironmentAsync(1, new Dictionary<string, string>
    {
        ["Omb__Security__AllowRootJobs"] = "true",
        ["Omb__Admission__Utilization"] = "allocated",
        ["Omb__Admission__CpuThreshold"] = "100",
    });

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }
}
