using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>
/// A short plain job's life costs two job writes in two commits (submitted, ended): its first wait reason, its
/// dispatch and its start are published at once and stored with its end; a wait reason is never written alone, however
/// long the job waits. A server killed in between leaves the job
/// in the store as submitted; the world that runs it says so as it attaches, and the job is adopted as running there,
/// never started a second time.
/// </summary>
public sealed class JobLifecycleWritesTests : IAsyncLifetime
{
    private static readonly NodeLoad[] Loads = [new("node1", 0, 2, 4L << 30, 1, 0, 0, 4L << 30, [])];
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly QueueTestBed _bed = new(Start);
    private readonly WorldGateway _gateway = new();

    public JobLifecycleWritesTests() => _gateway.Install(new WorldSession("w1", Loads, Start));

    public Task InitializeAsync() => _bed.StartAsync();

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        _gateway.Dispose();
    }

    [Fact]
    public async Task ShortJob_WaitingDispatchedStartedEnded_IsWrittenTwiceInTwoCommits_WithEveryEvent()
    {
        var (commits, writes) = (_bed.Store.Commits, _bed.Store.JobWrites);

        var id = await SubmitAsync();
        await WaitAsync(id);
        await DispatchAsync(id);
        await ReportAsync("w1", Started(id), Ended(id));

        Assert.Equal((2, 2), (_bed.Store.Commits - commits, _bed.Store.JobWrites - writes));
        var stored = _bed.Store.Find(id)!;
        Assert.Equal((JobState.Completed, (DateTimeOffset?)Start, (int?)4242), (stored.State, stored.Tasks[0].StartTime, stored.Tasks[0].SessionId));
        Assert.Equal([WaitReasonChanges.EventKind, "dispatched", "completed"], _bed.Store.EventsOf(id).Select(e => e.Kind));
        Assert.Equal(["submitted", WaitReasonChanges.EventKind, "dispatched", "completed"], _bed.Queue.EventsOf(id).Select(e => e.Kind));
    }

    [Fact]
    public async Task WaitReason_IsInTheJobsHistoryBeforeItIsStored_AndOnceAfter()
    {
        var id = await SubmitAsync();
        var writes = _bed.Store.JobWrites;

        await WaitAsync(id);

        Assert.Equal(writes, _bed.Store.JobWrites);
        Assert.Equal(WaitKind.NoRoom, _bed.Queue.State.Jobs[id].LastWait);
        Assert.DoesNotContain(_bed.Store.EventsOf(id), e => e.Kind == WaitReasonChanges.EventKind);
        Assert.Equal(["submitted", WaitReasonChanges.EventKind], _bed.Queue.EventsOf(id).Select(e => e.Kind));

        await DispatchAsync(id);
        await ReportAsync("w1", Started(id), Ended(id));

        Assert.Single(_bed.Queue.EventsOf(id), e => e.Kind == WaitReasonChanges.EventKind);
    }

    [Fact]
    public async Task WaitReason_OfAJobWaitingPastTheLimit_IsNotWrittenByTheFlushThatStoresAKeptStart()
    {
        var waiting = await SubmitAsync();
        var running = await SubmitAsync();
        await WaitAsync(waiting);
        await DispatchAsync(running);
        await ReportAsync("w1", Started(running));
        var writes = _bed.Store.JobWrites;

        // Polled with a deadline: the writer's flush fires on the fake clock and runs on the writer.
        var deadline = TimeProvider.System.GetTimestamp() + (20 * TimeProvider.System.TimestampFrequency);
        while (_bed.Store.Find(running)!.Tasks[0].State != JobState.Running && TimeProvider.System.GetTimestamp() < deadline)
        {
            _bed.Time.Advance(JobQueue.UnsavedStartLimit);
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        Assert.Equal(JobState.Running, _bed.Store.Find(running)!.Tasks[0].State);
        Assert.Equal(writes + 1, _bed.Store.JobWrites);
        Assert.DoesNotContain(_bed.Store.EventsOf(waiting), e => e.Kind == WaitReasonChanges.EventKind);
        Assert.Equal(["submitted", WaitReasonChanges.EventKind], _bed.Queue.EventsOf(waiting).Select(e => e.Kind));
    }

    [Fact]
    public async Task Crash_AfterAKeptDispatchAndStart_LeavesTheJobSubmitted_AndTheAttachAdoptsItWhereTheWorldRunsIt()
    {
        var id = await SubmitAsync();
        await WaitAsync(id);
        await DispatchAsync(id);
        await ReportAsync("w1", Started(id));

        await _bed.CrashAsync();
        var stored = _bed.Queue.State.Jobs[id];
        Assert.Equal((JobState.Queued, (WaitKind?)null), (stored.Tasks[0].State, stored.LastWait));

        var running = new RunningTaskRef(id, 0, "node1", 4242);
        await AttachAsync(new WorldAttachRequest("w2", Loads, [running]) { Started = [running] });

        var adopted = _bed.Queue.State.Jobs[id].Tasks[0];
        Assert.Equal((JobState.Running, "node1", (int?)4242), (adopted.State, adopted.Node?.First, adopted.SessionId));
        Assert.Equal(JobState.Running, _bed.Store.Find(id)!.Tasks[0].State);
        Assert.Empty(await DispatchAsync(id));   // no admission pass can start it again
        Assert.False(_gateway.Current!.Orders.Reader.TryRead(out var order), $"an order was sent: {order}");

        await ReportAsync("w2", Started(id), Ended(id));
        var ended = _bed.Store.Find(id)!;
        Assert.Equal((JobState.Completed, (DateTimeOffset?)Start, 0), (ended.State, ended.Tasks[0].StartTime, ended.Tasks[0].Requeues));
    }

    [Fact]
    public async Task Crash_TaskEndedWhileNoServerListened_IsAdoptedFromItsResentStart_AndEndsOnce()
    {
        var id = await SubmitAsync();
        await DispatchAsync(id);

        await _bed.CrashAsync();
        await AttachAsync(new WorldAttachRequest("w2", Loads, [])
        {
            Started = [new RunningTaskRef(id, 0, "node1", 4242)],
            Reported = [new TaskKey(id, 0)],
        });
        Assert.Empty(await DispatchAsync(id));
        await ReportAsync("w2", Started(id), Ended(id));

        var ended = _bed.Store.Find(id)!;
        Assert.Equal((JobState.Completed, 0), (ended.State, ended.Tasks[0].Requeues));
        Assert.Single(_bed.Store.EventsOf(id), e => e.Kind == "completed");
    }

    [Fact]
    public async Task Attach_ATaskRequeuedOnceThatTheWorldStillRuns_IsKilledNotAdopted()
    {
        var id = await SubmitAsync();
        await DispatchAsync(id);
        await ReportAsync("w1", Started(id));
        // A world attaches without it: lost with its node, requeued (its dispatch is stored from then on).
        await AttachAsync(new WorldAttachRequest("w2", Loads, []));
        Assert.Equal((JobState.Queued, 1), (_bed.Queue.State.Jobs[id].Tasks[0].State, _bed.Queue.State.Jobs[id].Tasks[0].Requeues));

        await AttachAsync(new WorldAttachRequest("w3", Loads, [new RunningTaskRef(id, 0, "node1", 4242)]));

        Assert.Equal(JobState.Queued, _bed.Queue.State.Jobs[id].Tasks[0].State);
        Assert.True(_gateway.Current!.Orders.Reader.TryRead(out var kill));
        Assert.Equal((WorldOrderKind.Kill, id), (kill.Kind, kill.JobId));
    }

    private static TaskEvent Started(long id) => new(TaskEventKind.Started, id, 0, "node1", Start, SessionId: 4242);

    private static TaskEvent Ended(long id) => new(TaskEventKind.Ended, id, 0, "node1", Start.AddSeconds(1), ExitStatus: 0);

    private async Task<long> SubmitAsync() =>
        (await _bed.SubmitAsync(Spec())).Id;

    private Task<int> WaitAsync(long id) => _bed.Queue.EnqueueAsync(new WaitReasonsCommand([new WaitReasonChange(id, WaitKind.NoRoom, "no node has room")]));

    private Task<IReadOnlyList<(Job Job, TaskPlacement Placement)>> DispatchAsync(long id) =>
        _bed.Queue.EnqueueAsync(new DispatchCommand(_gateway.Current!.Id, [new TaskPlacement(id, 0, ["node1"])], _gateway, _ => 0));

    private Task<bool> ReportAsync(string world, params TaskEvent[] events) => _bed.Queue.EnqueueAsync(new TaskEventsCommand(world, events, _gateway));

    private Task<WorldAttachResponse> AttachAsync(WorldAttachRequest request) => _bed.Queue.EnqueueAsync(new WorldAttachCommand(request, _gateway));

    private static JobSpec Spec() => new() { Name = "t", Command = ["/bin/true"], WorkingDirectory = "/w", SubmitDirectory = "/w" };
}
