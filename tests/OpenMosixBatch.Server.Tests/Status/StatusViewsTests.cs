using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Status;

namespace OpenMosixBatch.Server.Tests.Status;

public sealed class StatusViewsTests
{
    private static readonly JobOwner Alice = new(1000, 1000, "alice");
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly AdmissionSettings Settings = new(new AdmissionThresholds(0.9, 0.85),
        new Dictionary<string, AdmissionThresholds> { ["express"] = new(0.95, 0.9) });

    private static Job Make(long id, string queue = "batch", bool held = false) =>
        JobStateRules.Submit(id, new JobSpec { Name = "n", Script = "x", WorkingDirectory = "/", SubmitDirectory = "/", Queue = queue, Held = held }, Alice, T0);

    private static Job Run(Job job) => job with { State = JobState.Running, Tasks = [.. job.Tasks.Select(t => t with { State = JobState.Running, Node = ExecutionHosts.Parse("node1"), StartTime = T0 })] };

    [Fact]
    public void Queues_CountsUnfinishedJobsByStateAndShowsEachQueuesThresholds()
    {
        var done = Make(5) with { State = JobState.Completed };
        var jobs = new[] { Make(1), Make(2, held: true), Run(Make(3)), Make(4, "night"), done };

        var rows = StatusViews.Queues(jobs, ["batch", "express"], Settings);

        Assert.Equal(["batch", "express", "night"], rows.Select(r => r.Name));
        var batch = rows[0];
        Assert.Equal((3, 1, 1, 1, 0), (batch.Total, batch.Queued, batch.Running, batch.Held, batch.Waiting));
        Assert.Equal((90, 85), (batch.CpuThresholdPercent, batch.MemoryThresholdPercent));
        Assert.Equal((0, 95, 90), (rows[1].Total, rows[1].CpuThresholdPercent, rows[1].MemoryThresholdPercent));
        Assert.Equal(1, rows[2].Queued);
    }

    [Fact]
    public void Server_TotalsWorldNodesAndUtilisation()
    {
        var nodes = new[]
        {
            new NodeSnapshot("node1", 2, 4L << 30, AllocatedCpus: 2, AllocatedMemoryBytes: 1L << 30),
            new NodeSnapshot("node2", 2, 4L << 30, State: NodeState.Down),
        };

        var status = StatusViews.Server([Make(1), Run(Make(2))], nodes, Settings, "h1", T0, T0.AddHours(3), "w1", T0.AddHours(1), "batch");

        Assert.Equal((2, 1, 1), (status.Total, status.Queued, status.Running));
        Assert.Equal((1, 2), (status.NodesUp, status.NodesTotal));
        Assert.Equal(TimeSpan.FromHours(3), status.Uptime);
        Assert.Equal(100, status.CpuUtilizationPercent);
        Assert.Equal(25, status.MemoryUtilizationPercent);
        Assert.Equal("w1", status.World);
    }

    [Fact]
    public void Server_NoWorld_NoNodeIsUp() =>
        Assert.Equal(0, StatusViews.Server([], [new NodeSnapshot("node1", 2, 4L << 30)], Settings, "h1", T0, T0, null, null, "batch").NodesUp);
}
