using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Simulation.Processes;

/// <summary>
/// Generates the process workload <c>omb simulate --processes</c> runs: Poisson arrivals, each on a node chosen at random
/// (its home, as a user's shell starts processes where it runs), lifetimes from Harchol-Balter and Downey's
/// measurement — the probability that a process lives longer than t seconds is 1/t for t ≥ 1 s (a Pareto tail with
/// α = 1, cut at <see cref="ProcessWorkloadSpec.MaxLifetimeSeconds"/>) — log-uniform memory sizes, and a share of
/// checkpointing processes. Deterministic for a seed.
/// </summary>
public static class ProcessWorkload
{
    public static IReadOnlyList<SimProcess> Generate(ProcessWorkloadSpec spec, IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(nodes);
        if (spec.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(spec));
        }

        if (nodes.Count == 0)
        {
            throw new ArgumentException("a simulated cluster needs at least one node", nameof(nodes));
        }

        var random = new Random(spec.Seed);
        var max = spec.MaxLifetimeSeconds;
        var meanWork = Math.Log(max) / (1 - (1 / max));   // the mean of the cut Pareto(1) tail on [1, max]
        var capacity = nodes.Sum(n => n.Cpus * n.Speed);
        var rate = spec.Load * capacity / meanWork;        // arrivals per second
        var (logMin, logMax) = (Math.Log(spec.MinMemoryBytes), Math.Log(spec.MaxMemoryBytes));
        var processes = new List<SimProcess>(spec.Count);
        var t = 0.0;
        for (var i = 1; i <= spec.Count; i++)
        {
            var work = 1 / (1 - (random.NextDouble() * (1 - (1 / max))));   // inverse of the cut tail's distribution
            var memory = (long)Math.Exp(logMin + (random.NextDouble() * (logMax - logMin)));
            var home = nodes[random.Next(nodes.Count)].Name;
            var checkpointing = random.NextDouble() < spec.CheckpointingShare;
            var reads = -50 * Math.Log(1 - random.NextDouble());      // KB/s, exponential with mean 50
            var syscalls = -200 * Math.Log(1 - random.NextDouble());  // per second, mean 200
            processes.Add(new SimProcess(i, t, work, home, memory, checkpointing, reads, syscalls));
            t += -Math.Log(1 - random.NextDouble()) / rate;
        }

        return processes;
    }
}
