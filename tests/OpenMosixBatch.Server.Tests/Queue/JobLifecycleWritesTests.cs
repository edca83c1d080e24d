using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
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
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30)];
    private static readonly NodeLoad[] Loads = [new("node1", 0, 2, 4L << 30, 1, 0, 0, 4L << 30, [])];
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly CountingJobStore _store = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly WorldGateway _gateway = new();
    private readonly List<JobQueue> _killed = [];
    private JobQueue _queue;

    public JobLifecycleWritesTests()
    {
        _queue = new JobQueue(_store, _time, NullLogger<JobQueue>.Instance);
        _gateway.Install(new WorldSession("w1", Loads, Start));
    }

    public Task InitializeAsync() => _queue.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        foreach (var queue in _killed.Append(_queue))
        {
            await queue.StopAsync(CancellationToken.None);
            queue.Dispose();
        }

        _gateway.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task ShortJob_WaitingDispatchedStartedEnded_IsWrittenTwiceInTwoCommits_WithEveryEvent()
    {
        var (commits, writes) = (_store.Commits, _store.JobWrites);

        var id = await SubmitAsync();
        await WaitAsync(id);
        await DispatchAsync(id);
        await ReportAsync("w1", Started(id), Ended(id));

        Assert.Equal((2, 2), (_store.Commits - commits, _store.JobWrites - writes));
        var stored = _store.Find(id)!;
        Assert.Equal((JobState.Completed, (DateTimeOffset?)Start, (int?)4242), (stored.State, stored.Tasks[0].StartTime, stored.Tasks[0].SessionId));
        Assert.Equal(["submitted", WaitReasonChanges.EventKind, "dispatched", "completed"], _store.EventsOf(id).Select(e => e.Kind));
    }

    [Fact]
    public async Task WaitReason_IsInTheJobsHistoryBeforeItIsStored_AndOnceAfter()
    {
        var id = await SubmitAsync();
        var writes = _store.JobWrites;

        await WaitAsync(id);

        Assert.Equal(writes, _store.JobWrites);
        Assert.Equal(WaitKind.NoRoom, _queue.State.Jobs[id].LastWait);
        Assert.DoesNotContain(_store.EventsOf(id), e => e.Kind == WaitReasonChanges.EventKind);
        Assert.Equal(["submitted", WaitReasonChanges.EventKind], _queue.EventsOf(id).Select(e => e.Kind));

        await DispatchAsync(id);
        await ReportAsync("w1", Started(id), Ended(id));

        Assert.Single(_queue.EventsOf(id), e => e.Kind == WaitReasonChanges.EventKind);
    }

    [Fact]
    public async Task WaitReason_OfAJobWaitingPastTheLimit_IsNotWrittenByTheFlushThatStoresAKeptStart()
    {
        var waiting = await SubmitAsync();
        var running = await SubmitAsync();
        await WaitAsync(waiting);
        await DispatchAsync(running);
        await ReportAsync("w1", Started(running));
        var writes = _store.JobWrites;

        // Polled with a deadline: the writer's flush fires on the fake clock and runs on the writer.
        var deadline = TimeProvider.System.GetTimestamp() + (20 * TimeProvider.System.TimestampFrequency);
        while (_store.Find(running)!.Tasks[0].State != JobState.Running && TimeProvider.System.GetTimestamp() < deadline)
        {
            _time.Advance(JobQueue.UnsavedStartLimit);
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        Assert.Equal(JobState.Running, _store.Find(running)!.Tasks[0].State);
        Assert.Equal(writes + 1, _store.JobWrites);
        Assert.DoesNotContain(_store.EventsOf(waiting), e => e.Kind == WaitReasonChanges.EventKind);
        Assert.Equal(["submitted", WaitReasonChanges.EventKind], _queue.EventsOf(waiting).Select(e => e.Kind));
    }

    [Fact]
    public async Task Crash_AfterAKeptDispatchAndStart_LeavesTheJobSubmitted_AndTheAttachAdoptsItWhereTheWorldRunsIt()
    {
        var id = await SubmitAsync();
        await WaitAsync(id);
        await DispatchAsync(id);
        await ReportAsync("w1", Started(id));

        await CrashAsync();
        var stored = _queue.State.Jobs[id];
        Assert.Equal((JobState.Queued, (WaitKind?)null), (stored.Tasks[0].State, stored.LastWait));

        var running = new RunningTaskRef(id, 0, "node1", 4242);
        await AttachAsync(new WorldAttachRequest("w2", Loads, [running]) { Started = [running] });

        var adopted = _queue.State.Jobs[id].Tasks[0];
        Assert.Equal((JobState.Running, "node1", (int?)4242), (adopted.State, adopted.Node?.First, adopted.SessionId));
        Assert.Equal(JobState.Running, _store.Find(id)!.Tasks[0].State);
        Assert.Empty(await DispatchAsync(id));   // no admission pass can start it again
        Assert.False(_gateway.Current!.Orders.Reader.TryRead(out var order), $"an order was sent: {order}");

        await ReportAsync("w2", Started(id), Ended(id));
        var ended = _store.Find(id)!;
        Assert.Equal((JobState.Completed, (DateTimeOffset?)Start, 0), (ended.State, ended.Tasks[0].StartTime, ended.Tasks[0].Requeues));
    }

    [Fact]
    public async Task Crash_TaskEndedWhileNoServerListened_IsAdoptedFromItsResentStart_AndEndsOnce()
    {
        var id = await SubmitAsync();
        await DispatchAsync(id);

        await CrashAsync();
        await AttachAsync(new WorldAttachRequest("w2", Loads, [])
        {
            Started = [new RunningTaskRef(id, 0, "node1", 4242)],
            Reported = [new TaskKey(id, 0)],
        });
        Assert.Empty(await DispatchAsync(id));
        await ReportAsync("w2", Started(id), Ended(id));

        var ended = _store.Find(id)!;
        Assert.Equal((JobState.Completed, 0), (ended.State, ended.Tasks[0].Requeues));
        Assert.Single(_store.EventsOf(id), e => e.Kind == "completed");
    }

    [Fact]
    public async Task Attach_ATaskRequeuedOnceThatTheWorldStillRuns_IsKilledNotAdopted()
    {
        var id = await SubmitAsync();
        await DispatchAsync(id);
        await ReportAsync("w1", Started(id));
        // A world attaches without it: lost with its node, requeued (its dispatch is stored from then on).
        await AttachAsync(new WorldAttachRequest("w2", Loads, []));
        Assert.Equal((JobState.Queued, 1), (_queue.State.Jobs[id].Tasks[0].State, _queue.State.Jobs[id].Tasks[0].Requeues));

        await AttachAsync(new WorldAttachRequest("w3", Loads, [new RunningTaskRef(id, 0, "node1", 4242)]));

        Assert.Equal(JobState.Queued, _queue.State.Jobs[id].Tasks[0].State);
        Assert.True(_gateway.Current!.Orders.Reader.TryRead(out var kill));
        Assert.Equal((WorldOrderKind.Kill, id), (kill.Kind, kill.JobId));
    }

    private static TaskEvent Started(long id) => new(TaskEventKind.Started, id, 0, "node1", Start, SessionId: 4242);

    private static TaskEvent Ended(long id) => new(TaskEventKind.Ended, id, 0, "node1", Start.AddSeconds(1), ExitStatus: 0);

    /// <summary>
    /// kill -9 of the server: a new queue reads what the store holds, and the old one never writes again (it is stopped,
    /// and its clean stop's flush runs, only once the test is over).
    /// </summary>
    private async Task CrashAsync()
    {
        _killed.Add(_queue);
        _queue = new JobQueue(_store, _time, NullLogger<JobQueue>.Instance);
        await _queue.StartAsync(CancellationToken.None);
    }

    private async Task<long> SubmitAsync() =>
        (await _queue.EnqueueAsync(new SubmitCommand(Spec(), Alice, Nodes, ["batch"], 256L << 20, SubmissionLimits.Default))).Id;

    private Task<int> WaitAsync(long id) => _queue.EnqueueAsync(new WaitReasonsCommand([new WaitReasonChange(id, WaitKind.NoRoom, "no node has room")]));

    private Task<IReadOnlyList<(Job Job, TaskPlacement Placement)>> DispatchAsync(long id) =>
        _queue.EnqueueAsync(new DispatchCommand(_gateway.Current!.Id, [new TaskPlacement(id, 0, ["node1"])], _gateway, _ => 0));

    private Task<bool> ReportAsync(string world, params TaskEvent[] events) => _queue.EnqueueAsync(new TaskEventsCommand(world, events, _gateway));

    private Task<WorldAttachResponse> AttachAsync(WorldAttachRequest request) => _queue.EnqueueAsync(new WorldAttachCommand(request, _gateway));

    private static JobSpec Spec() => new() { Name = "t", Command = ["/bin/true"], WorkingDirectory = "/w", SubmitDirectory = "/w" };
}
