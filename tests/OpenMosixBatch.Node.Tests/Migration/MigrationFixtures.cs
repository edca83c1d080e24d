using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.Tests.Migration;

/// <summary>Jobs, orders and loads for the rank-0 planner tests.</summary>
internal static class MigrationFixtures
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

    public static WorldOrder Start(Job job, string node, CheckpointRef? restore = null) =>
        new(WorldOrderKind.Start, job.Id, 0, job, [node], Restore: restore);

    public static WorldOrder Tune(bool enabled = true, params string[] offline) =>
        new(WorldOrderKind.Tune, Tunables: new TunablesView([81, 150, 39, 38, 0, 11, 0, 18, 0, 18, 0, 12, 8141, 351], [36, 40, 14, 19, 88, 56], enabled), OfflineNodes: offline);

    public static TaskLoad Busy(long jobId, TimeSpan cpu, long rss = 1 << 20) => new(jobId, 0, cpu, rss, rss, 0, 0, 0);

    public static NodeLoad NodeOf(string name, int rank, params TaskLoad[] tasks) =>
        new(name, rank, 2, 4L << 30, 1.0, 0, 0, 4L << 30, tasks);
}
