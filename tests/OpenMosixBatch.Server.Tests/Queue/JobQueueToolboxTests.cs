using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>qmove, qrerun, qsig and qalter through the single writer: stored before answered, refusals change nothing.</summary>
public sealed class JobQueueToolboxTests : IAsyncLifetime
{
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly Caller Bob = new(1001, 1001, "bob", false);
    private static readonly Caller Root = new(0, 0, "root", true);
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30)];
    private static readonly string[] Queues = ["batch", "long"];
    private readonly InMemoryJobStore _store = new();
    private readonly JobQueue _queue;

    public JobQueueToolboxTests() =>
        _queue = new JobQueue(_store, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)), NullLogger<JobQueue>.Instance);

    public Task InitializeAsync() => _queue.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _queue.StopAsync(CancellationToken.None);
        _queue.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task Move_OwnWaitingJob_IsStoredWithItsEvent()
    {
        await Submit(Alice);

        var r = await Act(new ActionCommand(JobAction.Move, ["1"], Alice, "long", Queues));

        Assert.True(r.Ok, r.Error);
        Assert.Equal("long", _store.Load().Jobs.Single().Spec.Queue);
        Assert.Contains(_store.Events, e => e.Kind == "moved" && e.JobId == 1);
    }

    [Fact]
    public async Task Move_AnotherUsersJob_IsUnknown_AndChangesNothing()
    {
        await Submit(Alice);
        var before = _store.Load().Jobs.Single();

        var r = await Act(new ActionCommand(JobAction.Move, ["1"], Bob, "long", Queues));

        Assert.Equal((false, ApiErrorKind.Refused), (r.Ok, r.ErrorKind));
        Assert.StartsWith("unknown job 1", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, _store.Load().Jobs.Single());
    }

    [Fact]
    public async Task Rerun_ByAUser_IsRefusedAsForAdministrators()
    {
        await Submit(Alice);

        var r = await Act(new ActionCommand(JobAction.Rerun, ["1"], Alice));

        Assert.Equal("qrerun is for administrators: ask one to requeue job 1, or qdel it and submit it again", r.Error);
        var queued = await Act(new ActionCommand(JobAction.Rerun, ["1"], Root));
        Assert.Equal("job 1 is not running (Q): qrerun requeues only running jobs", queued.Error);
        Assert.DoesNotContain(_store.Events, e => e.Kind == "rerun");
    }

    [Fact]
    public async Task Signal_WaitingJob_IsRefused_AndSuspendByAUserIsForAdministrators()
    {
        await Submit(Alice);

        var term = (await _queue.EnqueueAsync(new SignalCommand(new JobSignal(15, "SIGTERM"), ["1"], Alice))).Results.Single();
        var suspend = (await _queue.EnqueueAsync(new SignalCommand(JobSignal.Suspend, ["1"], Alice))).Results.Single();

        Assert.Equal("job 1 is not running (Q): qsig signals only running jobs; see its state with 'qstat 1'", term.Error);
        Assert.StartsWith("qsig -s suspend is for administrators", suspend.Error, StringComparison.Ordinal);
        Assert.Equal(JobState.Queued, _store.Load().Jobs.Single().State);
        Assert.DoesNotContain(_store.Events, e => e.Kind is "signalled" or "suspended");
    }

    [Fact]
    public async Task Alter_ImpossibleRequest_IsBadInput_AndLeavesTheJobExactlyAsItWas()
    {
        await Submit(Alice);
        var before = _store.Load().Jobs.Single();

        var r = await Alter(new JobAlteration { Name = "ok", ResourceLists = ["ncpus=8"] }, Alice);

        Assert.Equal((false, ApiErrorKind.BadInput), (r.Ok, r.ErrorKind));
        Assert.StartsWith("no node can ever hold a chunk of 8 CPUs", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, _store.Load().Jobs.Single());
        Assert.DoesNotContain(_store.Events, e => e.Kind == "altered");
    }

    [Fact]
    public async Task Alter_NcpusOfAJobOfSeveralChunkShapes_IsBadInput_AndLeavesTheJobExactlyAsItWas()
    {
        var mixed = ResourceListParser.Apply(ResourceRequest.Default, ["select=1:ncpus=1:mem=1gb+1:ncpus=1:mem=512mb"]).Value!;
        await Submit(Alice, mixed);
        var before = _store.Load().Jobs.Single();

        var r = await Alter(new JobAlteration { ResourceLists = ["ncpus=1"] }, Alice);

        Assert.Equal((false, ApiErrorKind.BadInput), (r.Ok, r.ErrorKind));
        Assert.StartsWith("-l ncpus=1 is ambiguous for a job of 2 chunk shapes (select=1:ncpus=1:mem=1gb+1:ncpus=1:mem=512mb)", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, _store.Load().Jobs.Single());
        Assert.DoesNotContain(_store.Events, e => e.Kind == "altered");
    }

    [Fact]
    public async Task Alter_OwnWaitingJob_IsStoredWithItsEvent_AndAnotherUsersJobIsUnknown()
    {
        await Submit(Alice);

        var bob = await Alter(new JobAlteration { Priority = 7 }, Bob);
        var alice = await Alter(new JobAlteration { Priority = 7 }, Alice);

        Assert.StartsWith("unknown job 1", bob.Error, StringComparison.Ordinal);
        Assert.True(alice.Ok, alice.Error);
        Assert.Equal(7, _store.Load().Jobs.Single().Spec.Priority);
        Assert.Contains(_store.Events, e => e.Kind == "altered" && e.Detail == "altered by alice: priority 0 -> 7");
    }

    private async Task<JobActionResult> Alter(JobAlteration change, Caller caller) =>
        (await _queue.EnqueueAsync(new AlterCommand(change, ["1"], caller, Nodes, 256L << 20, SubmissionLimits.Default))).Results.Single();

    private Task<SubmitResponse> Submit(Caller caller, ResourceRequest? resources = null) =>
        _queue.EnqueueAsync(new SubmitCommand(new JobSpec { Name = "t", Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w", Resources = resources ?? ResourceRequest.Default },
            caller, Nodes, Queues, 256L << 20, SubmissionLimits.Default));

    private async Task<JobActionResult> Act(ActionCommand command) => (await _queue.EnqueueAsync(command)).Results.Single();
}
