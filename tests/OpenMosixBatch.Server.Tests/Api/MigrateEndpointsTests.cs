using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Api;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Tests.Api;

public sealed class MigrateEndpointsTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly NodeSnapshot[] Nodes =
    [
        new("node1", 2, 4L << 30, 1, 0, 0, null, null, NodeState.Free),
        new("node2", 2, 4L << 30, 1, 0, 0, null, null, NodeState.Free),
        new("node3", 2, 4L << 30, 1, 0, 0, null, null, NodeState.Offline),
    ];

    private static Job Job(CheckpointMode mode = CheckpointMode.Enabled, bool migratable = true, JobState state = JobState.Running, uint owner = 1000, ArraySpec? array = null)
    {
        var spec = new JobSpec
        {
            Name = "j",
            WorkingDirectory = "/w",
            SubmitDirectory = "/w",
            Checkpoint = new CheckpointPolicy(mode),
            Resources = new ResourceRequest(Migratable: migratable),
            Array = array,
        };
        var job = JobStateRules.Submit(5, spec, new JobOwner(owner, owner, owner == 1000 ? "alice" : "bob"), T);
        return job with { Tasks = [.. job.Tasks.Select(t => t with { State = state, Node = state == JobState.Queued ? null : ExecutionHosts.On("node1"), StartTime = state == JobState.Queued ? null : T })] };
    }

    private static (WorldOrder? Order, ApiError? Error) Decide(string id, string target, Job? job, bool attached = true) =>
        MigrateEndpoints.Decide(new MigrateRequest(id, target), Alice, _ => job, Nodes, attached);

    [Fact]
    public void Decide_RunningCheckpointingTask_OrdersTheMoveFromItsNode()
    {
        var (order, error) = Decide("5", "node2", Job());

        Assert.Null(error);
        Assert.Equal((WorldOrderKind.Migrate, 5L, 0, "node1", "node2"), (order!.Kind, order.JobId, order.TaskIndex, order.Node, order.Target));
    }

    [Fact]
    public void Decide_ArrayElement_OrdersThatElement()
    {
        var (order, _) = Decide("5[3]", "node2", Job(array: new ArraySpec([1, 3])));

        Assert.Equal(3, order!.TaskIndex);
    }

    [Theory]
    [InlineData("x", "node2", "invalid job id 'x'")]
    [InlineData("6", "node2", "unknown job 6")]
    [InlineData("5", "node9", "unknown node 'node9'")]
    [InlineData("5", "node1", "already runs on node1")]
    [InlineData("5", "node3", "node node3 is offline")]
    [InlineData("5[2]", "node2", "has no element 5[2]")]
    public void Decide_BadIdOrNode_RefusedWithOneLine(string id, string target, string expected)
    {
        var (order, error) = MigrateEndpoints.Decide(new MigrateRequest(id, target), Alice, n => n == 5 ? Job() : null, Nodes, true);

        Assert.Null(order);
        Assert.Contains(expected, error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Decide_AnotherUsersJob_RefusedAsAnUnknownJob()
    {
        var others = Decide("5", "node2", Job(owner: 2000)).Error!;
        var missing = Decide("5", "node2", null).Error!;

        Assert.Equal(missing, others);
        Assert.Equal("unknown job 5: check the id with 'qstat -x'", others.Message);
    }

    [Fact]
    public void Decide_NotCheckpointing_Refused() =>
        Assert.Contains("does not checkpoint", Decide("5", "node2", Job(CheckpointMode.None)).Error!.Message, StringComparison.Ordinal);

    [Fact]
    public void Decide_RunHome_Refused() =>
        Assert.Contains("runs home", Decide("5", "node2", Job(migratable: false)).Error!.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Migrating)]
    [InlineData(JobState.Exiting)]
    [InlineData(JobState.Completed)]
    public void Decide_NotRunning_Refused(JobState state) =>
        Assert.Contains("is not running", Decide("5", "node2", Job(state: state)).Error!.Message, StringComparison.Ordinal);

    [Fact]
    public void Decide_WholeArray_AsksForAnElement() =>
        Assert.Contains("move one element", Decide("5[]", "node2", Job(array: new ArraySpec([1, 3]))).Error!.Message, StringComparison.Ordinal);

    [Fact]
    public void Decide_NoWorld_Unavailable() =>
        Assert.Equal(ApiErrorKind.Unavailable, Decide("5", "node2", Job(), attached: false).Error!.Kind);
}
