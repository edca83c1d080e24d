using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Tests.Shared;

/// <summary>
/// Jobs and loads for the tests of the rebalancing policy (demand, capacity, planner inputs) in Core and of its use by
/// rank 0 on the node; linked into both test projects.
/// </summary>
internal static class RebalancingFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static Job Job(long id, bool checkpoint = true, bool migratable = true, TimeSpan? walltime = null) => new()
    {
        Id = id,
        Spec = new JobSpec
        {
            Name = $"job{id}",
            Script = "#!/bin/sh\ntrue\n",
            WorkingDirectory = "/tmp",
            SubmitDirectory = "/tmp",
            Resources = new ResourceRequest(Walltime: walltime, Migratable: migratable),
            Checkpoint = checkpoint ? new CheckpointPolicy(CheckpointMode.Enabled) : CheckpointPolicy.None,
        },
        Owner = new JobOwner(1000, 1000, "alice"),
        SubmitTime = T0,
        State = JobState.Running,
        Tasks = [new JobTask(0, JobState.Running)],
    };

    public static TaskLoad Busy(long jobId, TimeSpan cpu, long rss = 1 << 20) => new(jobId, 0, cpu, rss, rss, 0, 0, 0);

    public static NodeLoad NodeOf(string name, int rank, params TaskLoad[] tasks) =>
        new(name, rank, 2, 4L << 30, 1.0, 0, 0, 4L << 30, tasks);
}
