using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>Simulated nodes pinned to host cores (cluster.json "cpuset"): their tasks run only on those cores.</summary>
[Collection("World")]
public sealed class CpuSetTests
{
    private const string TwoPinnedNodes = """
        {"defaults": {"cpus": 1, "memory": "1gb"},
         "nodes": [{"name": "node1", "cpuset": "0"}, {"name": "node2", "cpuset": "1"}]}
        """;

    [Fact]
    public async Task Task_RunsOnlyOnItsNodesCores()
    {
        await using var world = await WorldServer.StartWithClusterAsync(TwoPinnedNodes);

        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            ids.Add(await world.QsubAsync("-N", $"pin{i}", "--", "/bin/sh", "-c", "grep Cpus_allowed_list /proc/self/status; sleep 2"));
        }

        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var job = await world.WaitFinishedAsync(id);
            Assert.Equal(JobState.Completed, job.State);
            var expected = job.Tasks[0].Node?.ToString() == "node1" ? "0" : "1";
            Assert.Equal($"Cpus_allowed_list:\t{expected}\n", File.ReadAllText(Path.Combine(world.WorkDirectory, $"pin{i}.o{id}")));
        }
    }
}
