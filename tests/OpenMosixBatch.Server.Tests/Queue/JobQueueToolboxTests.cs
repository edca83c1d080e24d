using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>qmove, qrerun, qsig and qalter through the single writer: stored before answered, refusals change nothing.</summary>
public sealed class JobQueueToolboxTests : IAsyncLifetime
{
    private static readonly Caller Alice = QueueTestBed.Alice;
    private static readonly Caller Bob = new(1001, 1001, "bob", false);
    private static readonly Caller Root = new(0, 0, "root", true);
    private static readonly string[] Queues = ["batch", "long"];
    private readonly QueueTestBed _bed = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _bed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Move_OwnWaitingJob_IsStoredWithItsEvent()
    {
        await Submit(Alice);

        var r = await Act(new ActionCommand(JobAction.Move, ["1"], Alice, "long", Queues));

        Assert.True(r.Ok, r.Error);
        Assert.Equal("long", _bed.Store.Load().Jobs.Single().Spec.Queue);
        Assert.Contains(_bed.Store.Events, e => e.Kind == "moved" && e.JobId == 1);
    }

    [Fact]
    public async Task Move_AnotherUsersJob_IsUnknown_AndChangesNothing()
    {
        await Submit(Alice);
        var before = _bed.Store.Load().Jobs.Single();

        var r = await Act(new ActionCommand(JobAction.Move, ["1"], Bob, "long", Queues));

        Assert.Equal((false, ApiErrorKind.Refused), (r.Ok, r.ErrorKind));
        Assert.StartsWith("unknown job 1", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, _bed.Store.Load().Jobs.Single());
    }

    [Fact]
    public async Task Rerun_ByAUser_IsRefusedAsForAdministrators()
    {
        await Submit(Alice);

        var r = await Act(new ActionCommand(JobAction.Rerun, ["1"], Alice));

        Assert.Equal("qrerun is for administrators: ask one to requeue job 1, or qdel it and submit it again", r.Error);
        var queued = await Act(new ActionCommand(JobAction.Rerun, ["1"], Root));
        Assert.Equal("job 1 is not running (Q): qrerun requeues only running jobs", queued.Error);
        Assert.DoesNotContain(_bed.Store.Events, e => e.Kind == "rerun");
    }

    [Fact]
    public async Task Signal_WaitingJob_IsRefused_AndSuspendByAUserIsForAdministrators()
    {
        await Submit(Alice);

        var term = (await _bed.Queue.EnqueueAsync(new SignalCommand(new JobSignal(15, "SIGTERM"), ["1"], Alice))).Results.Single();
        var suspend = (await _bed.Queue.EnqueueAsync(new SignalCommand(JobSignal.Suspend, ["1"], Alice))).Results.Single();

        Assert.Equal("job 1 is not running (Q): qsig signals only running jobs; see its state with 'qstat 1'", term.Error);
        Assert.StartsWith("qsig -s suspend is for administrators", suspend.Error, StringComparison.Ordinal);
        Assert.Equal(JobState.Queued, _bed.Store.Load().Jobs.Single().State);
        Assert.DoesNotContain(_bed.Store.Events, e => e.Kind is "signalled" or "suspended");
    }

    [Fact]
    public async Task Alter_ImpossibleRequest_IsBadInput_AndLeavesTheJobExactlyAsItWas()
    {
        await Submit(Alice);
        var before = _bed.Store.Load().Jobs.Single();

        var r = await Alter(new JobAlteration { Name = "ok", ResourceLists = ["ncpus=8"] }, Alice);

        Assert.Equal((false, ApiErrorKind.BadInput), (r.Ok, r.ErrorKind));
        Assert.StartsWith("no node can ever hold a chunk of 8 CPUs", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, _bed.Store.Load().Jobs.Single());
        Assert.DoesNotContain(_bed.Store.Events, e => e.Kind == "altered");
    }

    [Fact]
    public async Task Alter_NcpusOfAJobOfSeveralChunkShapes_IsBadInput_AndLeavesTheJobExactlyAsItWas()
    {
        var mixed = ResourceListParser.Apply(ResourceRequest.Default, ["select=1:ncpus=1:mem=1gb+1:ncpus=1:mem=512mb"]).Value!;
        await Submit(Alice, mixed);
        var before = _bed.Store.Load().Jobs.Single();

        var r = await Alter(new JobAlteration { ResourceLists = ["ncpus=1"] }, Alice);

        Assert.Equal((false, ApiErrorKind.BadInput), (r.Ok, r.ErrorKind));
        Assert.StartsWith("-l ncpus=1 is ambiguous for a job of 2 chunk shapes (select=1:ncpus=1:mem=1gb+1:ncpus=1:mem=512mb)", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, _bed.Store.Load().Jobs.Single());
        Assert.DoesNotContain(_bed.Store.Events, e => e.Kind == "altered");
    }

    [Fact]
    public async Task Alter_OwnWaitingJob_IsStoredWithItsEvent_AndAnotherUsersJobIsUnknown()
    {
        await Submit(Alice);

        var bob = await Alter(new JobAlteration { Priority = 7 }, Bob);
        var alice = await Alter(new JobAlteration { Priority = 7 }, Alice);

        Assert.StartsWith("unknown job 1", bob.Error, StringComparison.Ordinal);
        Assert.True(alice.Ok, alice.Error);
        Assert.Equal(7, _bed.Store.Load().Jobs.Single().Spec.Priority);
        Assert.Contains(_bed.Store.Events, e => e.Kind == "altered" && e.Detail == "altered by alice: priority 0 -> 7");
    }

    private async Task<JobActionResult> Alter(JobAlteration change, Caller caller) =>
        (await _bed.Queue.EnqueueAsync(new AlterCommand(change, ["1"], caller, QueueTestBed.OneNode, 256L << 20, SubmissionLimits.Default))).Results.Single();

    private Task<SubmitResponse> Submit(Caller caller, ResourceRequest? resources = null) =>
        _bed.SubmitAsync(QueueTestBed.Script() with { Resources = resources ?? ResourceRequest.Default }, caller: caller);

    private async Task<JobActionResult> Act(ActionCommand command) => (await _bed.Queue.EnqueueAsync(command)).Results.Single();
}
