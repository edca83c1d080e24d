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
/// A plain task's start is published at once and written with the job's next write (its end, for a short job), or once
/// it waited <see cref="JobQueue.UnsavedStartLimit"/>, or at a clean stop: a job that does not checkpoint is written three
/// times in its life (submitted, dispatched, ended), and a crash at each point leaves what the store holds, read back by
/// a new queue on it. A crash loses the start only in the store: the world sends it again when it attaches
/// (ServerLink, ServerKillTests).
/// </summary>
public sealed class JobQueueDeferredStartTests : IAsyncLifetime
{
    private const string World = "w1";
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30)];
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly CountingJobStore _store = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly WorldGateway _gateway = new();
    private readonly JobQueue _queue;

    public JobQueueDeferredStartTests()
    {
        _queue = new JobQueue(_store, _time, NullLogger<JobQueue>.Instance);
        _gateway.Install(new WorldSession(World, [new NodeLoad("node1", 0, 2, 4L << 30, 1, 0, 0, 4L << 30, [])], Start));
    }

    public Task InitializeAsync() => _queue.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _queue.StopAsync(CancellationToken.None);
        _queue.Dispose();
        _gateway.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task Started_PlainTask_IsPublishedWithoutACommitOfItsOwn_AndACrashThenLeavesItWaitingNeverDispatched()
    {
        var id = await SubmitAndDispatchAsync(Spec());
        var commits = _store.Commits;

        await ReportAsync(new TaskEvent(TaskEventKind.Started, id, 0, "node1", Start, SessionId: 4242));

        Assert.Equal(commits, _store.Commits);
        Assert.Equal(Start, _queue.State.Jobs[id].Tasks[0].StartTime);
        // A crash now: the store holds the job as submitted (its dispatch was kept in memory too), which the next
        // world's attach adopts as running where it runs (JobLifecycleWritesTests).
        var stored = _store.Load().Jobs.Single(j => j.Id == id).Tasks[0];
        Assert.Equal((JobState.Queued, (string?)null, (DateTimeOffset?)null, (int?)null), (stored.State, stored.Node?.First, stored.StartTime, stored.SessionId));
    }

    [Fact]
    public async Task Ended_AfterADeferredStart_StoresTheStartWithTheEnd_InOneCommit()
    {
        var id = await SubmitAndDispatchAsync(Spec());
        var commits = _store.Commits;
        await ReportAsync(new TaskEvent(TaskEventKind.Started, id, 0, "node1", Start, SessionId: 4242));

        await ReportAsync(new TaskEvent(TaskEventKind.Ended, id, 0, "node1", Start.AddSeconds(1), ExitStatus: 0));

        Assert.Equal(commits + 1, _store.Commits);
        using var restarted = new JobQueue(_store, _time, NullLogger<JobQueue>.Instance);
        var task = restarted.Find(id)!.Tasks[0];
        Assert.Equal((JobState.Completed, (DateTimeOffset?)Start, (int?)4242), (task.State, task.StartTime, task.SessionId));
    }

    [Fact]
    public async Task Started_NothingElseWritesTheJob_IsStoredOnceItWaitedTheLimit()
    {
        var id = await SubmitAndDispatchAsync(Spec());
        await ReportAsync(new TaskEvent(TaskEventKind.Started, id, 0, "node1", Start, SessionId: 4242));
        var commits = _store.Commits;

        // Polled with a deadline: the writer's timer fires on the fake clock, its group runs on the writer.
        var deadline = TimeProvider.System.GetTimestamp() + (20 * TimeProvider.System.TimestampFrequency);
        while (_store.Load().Jobs.Single(j => j.Id == id).Tasks[0].StartTime is null && TimeProvider.System.GetTimestamp() < deadline)
        {
            _time.Advance(JobQueue.UnsavedStartLimit);
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        Assert.Equal(Start, _store.Load().Jobs.Single(j => j.Id == id).Tasks[0].StartTime);
        Assert.Equal(commits + 1, _store.Commits);
    }

    [Fact]
    public async Task Started_AnotherJobSubmittedMeanwhile_IsNotWrittenWithThatSubmission()
    {
        var id = await SubmitAndDispatchAsync(Spec());
        await ReportAsync(new TaskEvent(TaskEventKind.Started, id, 0, "node1", Start, SessionId: 4242));

        await SubmitAsync(Spec());

        Assert.Null(_store.Load().Jobs.Single(j => j.Id == id).Tasks[0].StartTime);
        Assert.Equal(Start, _queue.State.Jobs[id].Tasks[0].StartTime);
    }

    [Fact]
    public async Task Started_IsHeardByTheQueuesListeners_AsItIsPublished()
    {
        // The mailer (begin mail) and the metrics listen to every published change, not only to stored ones.
        var id = await SubmitAndDispatchAsync(Spec());
        var heard = new List<Job>();
        _queue.Committed += (_, jobs) => heard.AddRange(jobs);

        await ReportAsync(new TaskEvent(TaskEventKind.Started, id, 0, "node1", Start, SessionId: 4242));

        Assert.Equal(Start, Assert.Single(heard).Tasks[0].StartTime);
    }

    [Fact]
    public async Task Started_CheckpointingJob_IsCommittedAtOnce()
    {
        var id = await SubmitAndDispatchAsync(Spec() with { Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled) });
        var commits = _store.Commits;

        await ReportAsync(new TaskEvent(TaskEventKind.Started, id, 0, "node1", Start, SessionId: 4242));

        Assert.Equal(commits + 1, _store.Commits);
        Assert.Equal(Start, _store.Load().Jobs.Single(j => j.Id == id).Tasks[0].StartTime);
    }

    [Fact]
    public async Task Stop_WithADeferredStart_StoresIt()
    {
        var id = await SubmitAndDispatchAsync(Spec());
        await ReportAsync(new TaskEvent(TaskEventKind.Started, id, 0, "node1", Start, SessionId: 4242));

        await _queue.StopAsync(CancellationToken.None);

        Assert.Equal(Start, _store.Load().Jobs.Single(j => j.Id == id).Tasks[0].StartTime);
    }

    private async Task<long> SubmitAndDispatchAsync(JobSpec spec)
    {
        var id = await SubmitAsync(spec);
        var dispatched = await _queue.EnqueueAsync(new DispatchCommand(World, [new TaskPlacement(id, 0, ["node1"])], _gateway, _ => 0));
        Assert.Single(dispatched);
        return id;
    }

    private async Task<long> SubmitAsync(JobSpec spec) =>
        (await _queue.EnqueueAsync(new SubmitCommand(spec, Alice, Nodes, ["batch"], 256L << 20, SubmissionLimits.Default))).Id;

    private Task<bool> ReportAsync(TaskEvent e) => _queue.EnqueueAsync(new TaskEventsCommand(World, [e], _gateway));

    private static JobSpec Spec() => new() { Name = "t", Command = ["/bin/true"], WorkingDirectory = "/w", SubmitDirectory = "/w" };
}
