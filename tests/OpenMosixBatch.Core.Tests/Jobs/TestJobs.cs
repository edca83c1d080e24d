using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

/// <summary>Small builders for pure tests of the state rules and admission.</summary>
internal static class TestJobs
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    public static readonly JobOwner Alice = new(1000, 1000, "alice");

    public static JobSpec Spec(int cpus = 1, long memMb = 0, TimeSpan? walltime = null, int priority = 0, string queue = "batch") => new()
    {
        Name = "j",
        Script = "#!/bin/sh\ntrue\n",
        WorkingDirectory = "/w",
        SubmitDirectory = "/w",
        Queue = queue,
        Priority = priority,
        Resources = new ResourceRequest(CpusPerChunk: cpus, MemoryBytesPerChunk: memMb << 20, Walltime: walltime),
    };

    public static Job Submit(long id, JobSpec? spec = null, int secondsAfterT0 = 0) =>
        JobStateRules.Submit(id, spec ?? Spec(), Alice, T0.AddSeconds(secondsAfterT0 == 0 ? id : secondsAfterT0));

    /// <summary>The job with every queued task running on <paramref name="node"/> since <paramref name="start"/>.</summary>
    public static Job Running(Job job, string node, DateTimeOffset start)
    {
        var tasks = job.Tasks.Select(t => t with { State = JobState.Running, Node = ExecutionHosts.Parse(node), StartTime = start }).ToList();
        return job with { Tasks = tasks, State = JobState.Running, DependenciesMet = true };
    }

    public static Job Finished(Job job, JobState state) =>
        JobStateRules.Settle(job with { Tasks = [.. job.Tasks.Select(t => t with { State = state, ExitStatus = state == JobState.Completed ? 0 : 1 })] }, T0, null);

    public static NodeSnapshot Node(string name, int cpus = 2, long memGb = 4, NodeState state = NodeState.Free, int allocCpus = 0, long allocMemGb = 0) =>
        new(name, cpus, memGb << 30, 1.0, allocCpus, allocMemGb << 30, null, null, state);
}
