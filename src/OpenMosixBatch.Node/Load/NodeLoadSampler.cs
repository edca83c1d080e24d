using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Load;

/// <summary>
/// Builds this node's <see cref="NodeLoad"/> each tick from /proc and the task runner's samples.
/// </summary>
/// <remarks>
/// CPU utilisation is the host's measured busy fraction, non-batch load included (as PBS moms count it). When
/// several simulated nodes share one host (the demo and the tests) they all report the same host figure, so such
/// set-ups should admit on allocated utilisation rather than measured.
/// </remarks>
public sealed class NodeLoadSampler(NodeCapacity capacity, ProcfsReader procfs, TaskRunner runner)
{
    private CpuTimes? _previous;

    public NodeLoad Sample()
    {
        var cpu = procfs.ReadCpu();
        var hostBusy = _previous is { } p ? CpuTimes.Utilization(p, cpu) : 0;
        _previous = cpu;
        var memory = procfs.ReadMemory();
        var tasks = runner.Sample()
            .Select(s => new TaskLoad(s.JobId, s.TaskIndex, s.CpuTime, s.RssBytes, s.PeakRssBytes, s.ReadKbPerSecond, s.WriteKbPerSecond, s.SyscallsPerSecond))
            .ToList();
        var used = tasks.Sum(t => t.RssBytes);
        var free = Math.Max(0, Math.Min(capacity.MemoryBytes - used, memory.AvailableBytes));
        return new NodeLoad(capacity.Name, capacity.Rank, capacity.Cpus, capacity.MemoryBytes, capacity.Speed,
            Math.Clamp(hostBusy, 0, 1), procfs.ReadLoadAverage(), free, tasks);
    }
}
