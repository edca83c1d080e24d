using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Web;
using static OpenMosixBatch.Server.Tests.Web.DashboardTestJobs;

namespace OpenMosixBatch.Server.Tests.Web;

public sealed class DashboardViewsTests
{
    private static readonly Caller AliceCaller = new(Alice.Uid, Alice.Gid, Alice.UserName, false);
    private static readonly Caller Admin = new(0, 0, "root", true);

    private static readonly NodeView[] Nodes =
    [
        new(new NodeSnapshot("node1", 2, 4L << 30, AllocatedCpus: 2, AllocatedMemoryBytes: 512L << 20, MeasuredCpuUtilization: 0.75, State: NodeState.Busy), ["1", "2"], 1.5),
        new(new NodeSnapshot("node2", 2, 4L << 30, State: NodeState.Offline), [], 0.1, "offline by root"),
    ];

    private static readonly Server.Queue.QueueState Snapshot = State(Running(1, Alice, "node1", T0, T0.AddSeconds(5)), Running(2, Bob, "node1", T0, T0.AddSeconds(6)), Queued(3, Bob));

    [Fact]
    public void Overview_Anonymous_ShowsFiguresButNoTaskIds()
    {
        var o = DashboardViews.Overview(Snapshot, Nodes, AdmissionSettings.Defaults, true, null, T0);

        Assert.Equal(["node1", "node2"], o.Nodes.Select(n => n.Name));
        Assert.Equal([2, 0], o.Nodes.Select(n => n.Tasks));
        Assert.All(o.Nodes, n => Assert.Empty(n.TaskIds));
        Assert.Equal(("busy", "offline"), (o.Nodes[0].State, o.Nodes[1].State));
        Assert.Equal(new JobCounts(1, 0, 0, 2, 0, 0, 2), o.Jobs);
        Assert.Null(o.Session);
    }

    [Fact]
    public void Overview_ClusterFiguresCountOnlyNodesThatAcceptWork()
    {
        var c = DashboardViews.Overview(Snapshot, Nodes, AdmissionSettings.Defaults, true, null, T0).Cluster;

        Assert.Equal((2, 2, 1, 2), (c.Cpus, c.AllocatedCpus, c.NodesUp, c.NodesTotal));
        Assert.Equal(1.0, c.CpuUtilization);
        Assert.Equal(0.75, c.CpuMeasured);
        Assert.Equal(0.125, c.MemoryUtilization);
        Assert.Equal((0.9, 0.85), (c.CpuThreshold, c.MemoryThreshold));
    }

    [Fact]
    public void Overview_User_SeesOnlyTheirOwnTaskIds()
    {
        var o = DashboardViews.Overview(Snapshot, Nodes, AdmissionSettings.Defaults, true, AliceCaller, T0);

        Assert.Equal(["1"], o.Nodes[0].TaskIds);
        Assert.Equal(new SessionView("alice", false), o.Session);
    }

    [Fact]
    public void Jobs_Anonymous_ListsNothing() => Assert.Null(DashboardViews.Jobs(Snapshot, null, _ => null, _ => null, T0).Jobs);

    [Fact]
    public void Jobs_User_SeesOwnJobsOnly_Administrator_SeesAll()
    {
        Assert.Equal(["1"], DashboardViews.Jobs(Snapshot, AliceCaller, _ => null, _ => null, T0).Jobs!.Select(j => j.Id));
        Assert.Equal(["3", "2", "1"], DashboardViews.Jobs(Snapshot, Admin, _ => null, _ => null, T0).Jobs!.Select(j => j.Id));
    }

    [Fact]
    public void Jobs_WaitingJob_ShowsTheLiveReasonItsWaitAndEstimate()
    {
        var estimate = T0.AddMinutes(5);
        var row = DashboardViews.Jobs(Snapshot, Admin, j => j.Id == 3 ? "cluster CPU would be 100% > threshold 90% (queue batch)" : "wrong",
            j => estimate, T0.AddMinutes(2)).Jobs!.Single(j => j.Id == "3");

        Assert.Equal(("Q", "cluster CPU would be 100% > threshold 90% (queue batch)"), (row.State, row.Reason));
        Assert.Equal(120, row.WaitSeconds);
        Assert.Equal(estimate, row.EstimatedStart);
        Assert.Null(row.Nodes);
    }

    [Fact]
    public void Jobs_RunningJob_ShowsItsNodesAndHowLongItWaited()
    {
        var row = DashboardViews.Jobs(Snapshot, AliceCaller, _ => "not asked", _ => T0, T0.AddHours(1)).Jobs!.Single();

        Assert.Equal(("R", "node1", 5.0), (row.State, row.Nodes, row.WaitSeconds));
        Assert.Null(row.EstimatedStart);
        Assert.Null(row.Reason);
    }

    [Fact]
    public void Migrations_ListDoneAndInFlightMovesNewestFirst_TaskIdsOnlyForTheirOwner()
    {
        var moved = Running(1, Alice, "node2", T0, T0);
        moved = moved with { Tasks = [moved.Tasks[0] with { Migrations = 2, LastMigration = new TaskMigration("node1", "node2", 8192, TimeSpan.FromSeconds(1.5), T0.AddMinutes(1)) }] };
        var moving = Running(2, Bob, "node1", T0, T0);
        moving = moving with
        {
            State = JobState.Migrating,
            Tasks = [moving.Tasks[0] with { State = JobState.Migrating, Migration = new PendingMigration("node1", "node2", T0.AddMinutes(2), "cpu", 4096) }],
        };
        var old = Running(3, Bob, "node2", T0, T0);
        old = old with { Tasks = [old.Tasks[0] with { Migrations = 1, LastMigration = new TaskMigration("node1", "node2", 1, TimeSpan.Zero, T0.AddHours(-2)) }] };

        var view = DashboardViews.Migrations(State(moved, moving, old), AliceCaller, T0.AddMinutes(3), TimeSpan.FromHours(1));

        Assert.Equal(3, view.Total);
        Assert.Equal([(null, true), ("1", false)], view.Moves.Select(m => (m.Task, m.InFlight)));
        Assert.Equal(("node1", "node2", 8192L, 1.5), (view.Moves[1].From, view.Moves[1].To, view.Moves[1].Bytes, view.Moves[1].CostSeconds));
    }

    [Fact]
    public void History_ConvertsSamplesToSeriesInPercentAndUnixSeconds()
    {
        var h = DashboardViews.History([new ClusterSample(T0, 3, 1, 0, 2, 1, 12, 4.5, null, 0.456, 0.5, 0.9, 0.85)], TimeSpan.FromSeconds(5));

        Assert.Equal(T0.ToUnixTimeSeconds(), Assert.Single(h.Time));
        Assert.Equal((3, 2, 45.6, 90.0), (h.Queued[0], h.RunningTasks[0], h.CpuUtilization[0], h.CpuThreshold[0]));
        Assert.Equal([null], h.LongestWaitSeconds);
        Assert.Equal(5, h.IntervalSeconds);
    }
}
