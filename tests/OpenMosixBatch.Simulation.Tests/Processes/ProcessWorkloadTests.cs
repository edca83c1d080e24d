using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Simulation.Processes;

namespace OpenMosixBatch.Simulation.Tests.Processes;

public sealed class ProcessWorkloadTests
{
    private static readonly double[] Ages = [2, 10, 100];
    private static readonly NodeSnapshot[] Nodes = [new("a", 1, 1L << 32, 1.0), new("b", 1, 1L << 32, 2.0)];

    [Fact]
    public void Generate_SameSeed_SameWorkload_OtherSeed_Another()
    {
        var spec = new ProcessWorkloadSpec(Count: 300, Seed: 7);

        Assert.Equal(ProcessWorkload.Generate(spec, Nodes), ProcessWorkload.Generate(spec, Nodes));
        Assert.NotEqual(ProcessWorkload.Generate(spec, Nodes), ProcessWorkload.Generate(spec with { Seed = 8 }, Nodes));
    }

    [Fact]
    public void Generate_Lifetimes_FollowTheOneOverTTail()
    {
        var processes = ProcessWorkload.Generate(new ProcessWorkloadSpec(Count: 40_000, Seed: 3, MaxLifetimeSeconds: 1e6), Nodes);

        Assert.All(processes, p => Assert.InRange(p.Work, 1, 1e6));
        foreach (var t in Ages)
        {
            var share = processes.Count(p => p.Work > t) / (double)processes.Count;
            Assert.InRange(share, 0.85 / t, 1.15 / t);   // P(lifetime > t) = 1/t
        }
    }

    [Fact]
    public void Generate_ArrivalsCheckpointingAndMemory_AsAsked()
    {
        var spec = new ProcessWorkloadSpec(Count: 20_000, Seed: 5, Load: 0.5, CheckpointingShare: 0.3);
        var processes = ProcessWorkload.Generate(spec, Nodes);

        Assert.InRange(processes.Count(p => p.Checkpointing) / (double)processes.Count, 0.28, 0.32);
        Assert.All(processes, p => Assert.InRange(p.MemoryBytes, spec.MinMemoryBytes, spec.MaxMemoryBytes));
        Assert.True(processes.Zip(processes.Skip(1)).All(x => x.First.Arrival <= x.Second.Arrival));
        var offered = processes.Sum(p => p.Work) / processes[^1].Arrival / Nodes.Sum(n => n.Cpus * n.Speed);
        Assert.InRange(offered, 0.35, 0.65);   // a heavy tail: the sample mean is noisy
        Assert.Equal(["a", "b"], processes.Select(p => p.Home).Distinct().Order());
    }
}
