using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Web;
using static OpenMosixBatch.Server.Tests.Web.DashboardTestJobs;

namespace OpenMosixBatch.Server.Tests.Web;

public sealed class ClusterSampleBuilderTests
{
    private static readonly NodeSnapshot[] Nodes =
    [
        new("node1", 2, 4L << 30, AllocatedCpus: 2, AllocatedMemoryBytes: 1L << 30, MeasuredCpuUtilization: 0.5, MeasuredMemoryUtilization: 0.5, State: NodeState.Busy),
        new("node2", 2, 4L << 30, MeasuredCpuUtilization: 0.1, MeasuredMemoryUtilization: 0.1),
    ];

    [Fact]
    public void Build_CountsJobsByStateAndTasksOnNodes()
    {
        var held = Queued(3, Alice) with { State = JobState.Held, UserHold = true };
        var state = State(Queued(1, Alice), Queued(2, Bob), held, Running(4, Alice, "node1", T0, T0.AddSeconds(10)));

        var s = ClusterSampleBuilder.Build(state, Nodes, AdmissionSettings.Defaults, T0.AddMinutes(1), T0.AddSeconds(55));

        Assert.Equal((2, 1, 0, 1, 0), (s.Queued, s.Held, s.Waiting, s.RunningTasks, s.MigratingTasks));
        Assert.Equal(60, s.LongestWaitSeconds);
    }

    [Fact]
    public void Build_ThroughputCountsTasksEndedSinceThePreviousSamplePerMinute()
    {
        var now = T0.AddMinutes(10);
        var state = State(Completed(1, Alice, T0, now.AddSeconds(-2)), Completed(2, Alice, T0, now.AddSeconds(-4)), Completed(3, Bob, T0, now.AddSeconds(-6)));

        var s = ClusterSampleBuilder.Build(state, Nodes, AdmissionSettings.Defaults, now, now.AddSeconds(-5));

        Assert.Equal(2 * 12.0, s.EndedPerMinute, 6);
    }

    [Fact]
    public void Build_MeanWaitIsOverTheJobsThatStartedSinceThePreviousSample()
    {
        var now = T0.AddMinutes(10);
        var state = State(Running(1, Alice, "node1", now.AddSeconds(-30), now.AddSeconds(-1)), Running(2, Bob, "node1", now.AddSeconds(-13), now.AddSeconds(-3)),
            Running(3, Bob, "node1", T0, T0.AddSeconds(1)));

        var s = ClusterSampleBuilder.Build(state, Nodes, AdmissionSettings.Defaults, now, now.AddSeconds(-5));

        Assert.Equal((29 + 10) / 2.0, s.MeanWaitSeconds);
        Assert.Null(s.LongestWaitSeconds);
    }

    [Fact]
    public void Build_UtilisationIsWhatAdmissionComputesWithTheDefaultThresholds()
    {
        var s = ClusterSampleBuilder.Build(State(), Nodes, AdmissionSettings.Defaults, T0, T0.AddSeconds(-5));

        // max(allocated, measured): node1 CPU max(1, 0.5) = 1, node2 max(0, 0.1) = 0.1; memory max(0.25, 0.5), max(0, 0.1).
        Assert.Equal((1 + 0.1) / 2, s.CpuUtilization, 6);
        Assert.Equal((0.5 + 0.1) / 2, s.MemoryUtilization, 6);
        Assert.Equal((0.9, 0.85), (s.CpuThreshold, s.MemoryThreshold));
        Assert.Null(s.MeanWaitSeconds);
        Assert.Equal(0, s.EndedPerMinute);
    }

    [Fact]
    public void Build_NoNodeAcceptingWork_ShowsAFullCluster()
    {
        var s = ClusterSampleBuilder.Build(State(), [Nodes[0] with { State = NodeState.Down }], AdmissionSettings.Defaults, T0, T0.AddSeconds(-5));

        Assert.Equal((1.0, 1.0), (s.CpuUtilization, s.MemoryUtilization));
    }
}
