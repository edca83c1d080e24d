using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Health;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Load;

/// <summary>
/// Builds this node's <see cref="NodeLoad"/> each tick from /proc and the task runner's samples.
/// </summary>
/// <remarks>
/// On a node of its own, CPU utilisation is the host's measured busy fraction, non-batch load included (as PBS moms
/// count it). When several simulated nodes share one host (<paramref name="sharedHost"/>: the demo and the tests),
/// the host figure would be every node's, so a node measures what its own tasks use: their CPU time over the tick
/// against its CPUs, and their resident memory against its memory.
/// </remarks>
public sealed class NodeLoadSampler(NodeCapacity capacity, ProcfsReader procfs, TaskRunner runner, TimeProvider time, bool sharedHost = false, HealthCheck? health = null)
{
    private CpuTimes? _previous;
    private readonly Dictionary<TaskKey, TimeSpan> _taskCpu = [];
    private long _lastSample = time.GetTimestamp();

    public string NodeName => capacity.Name;

    public NodeLoad Sample()
    {
        var cpu = procfs.ReadCpu();
        var hostBusy = _previous is { } p ? CpuTimes.Utilization(p, cpu) : 0;
        _previous = cpu;
        var memory = procfs.ReadMemory();
        var tasks = runner.Sample()
            .Select(s => new TaskLoad(s.JobId, s.TaskIndex, s.CpuTime, s.RssBytes, s.PeakRssBytes, s.ReadKbPerSecond, s.WriteKbPerSecond, s.SyscallsPerSecond) { RunQueueWait = s.RunQueueWait, CheckpointDirectoryBytes = s.CheckpointDirectoryBytes })
            .ToList();
        var used = tasks.Sum(t => t.RssBytes);
        var free = Math.Max(0, Math.Min(capacity.MemoryBytes - used, memory.AvailableBytes));
        var busy = sharedHost ? OwnTasksBusy(tasks) : hostBusy;
        return new NodeLoad(capacity.Name, capacity.Rank, capacity.Cpus, capacity.MemoryBytes, capacity.Speed,
            Math.Clamp(busy, 0, 1), procfs.ReadLoadAverage(), free, tasks) { HealthFailure = health?.Failure, Gpus = capacity.Gpus };
    }

    private double OwnTasksBusy(List<TaskLoad> tasks)
    {
        var seconds = time.GetElapsedTime(_lastSample).TotalSeconds;
        _lastSample = time.GetTimestamp();
        var spent = TimeSpan.Zero;
        var seen = new Dictionary<TaskKey, TimeSpan>();
        foreach (var t in tasks)
        {
            var key = new TaskKey(t.JobId, t.TaskIndex);
            spent += t.CpuTime - _taskCpu.GetValueOrDefault(key);
            seen[key] = t.CpuTime;
        }

        _taskCpu.Clear();
        foreach (var (k, v) in seen)
        {
            _taskCpu[k] = v;
        }

        return seconds <= 0 || capacity.Cpus == 0 ? 0 : spent.TotalSeconds / (seconds * capacity.Cpus);
    }
}
