using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>A job that finishes leaves the queue for the store, where requests, dependencies and a restart still find it.</summary>
public sealed class JobQueueHistoryTests : IAsyncLifetime
{
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30)];
    private readonly CountingJobStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly JobQueue _queue;

    public JobQueueHistoryTests() => _queue = new JobQueue(_store, _time, NullLogger<JobQueue>.Instance);

    public Task InitializeAsync() => _queue.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _queue.StopAsync(CancellationToken.None);
        _queue.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task Delete_JobLeavesTheSnapshot_IsFoundInTheStoreAndListedAsFinished()
    {
        var id = (await Submit(Spec())).Id;
        var keep = (await Submit(Spec())).Id;
        var committed = new List<Job>();
        _queue.Committed += (_, jobs) => committed.AddRange(jobs);

        await Act(JobAction.Delete, id);

        Assert.Equal([keep], _queue.State.Jobs.Keys);
        Assert.Equal(JobState.Deleted, _queue.Find(id)?.State);
        Assert.Equal([id], _queue.FinishedJobs(null).Select(j => j.Id));
        Assert.Equal(id, Assert.Single(_queue.State.RecentlyFinished).Id);
        Assert.Equal(JobState.Deleted, Assert.Single(committed).State);
    }

    [Fact]
    public async Task Submit_AfterAnyOnAJobDeletedEarlier_IsQueuedFromItsStoredEnd()
    {
        var parent = (await Submit(Spec())).Id;
        await Act(JobAction.Delete, parent);
        Assert.DoesNotContain(parent, _queue.State.Jobs.Keys);

        // The parent is in the store only: the child's dependency is judged from its stored end, not taken as unknown.
        var child = (await Submit(Spec() with { Dependencies = [new Dependency(DependencyType.AfterAny, parent)] })).Id;

        Assert.Equal(JobState.Queued, _queue.State.Jobs[child].State);
    }

    [Fact]
    public async Task Act_OnAFinishedJob_IsRefusedAsFinishedNotUnknown()
    {
        var id = (await Submit(Spec())).Id;
        await Act(JobAction.Delete, id);

        var again = await Act(JobAction.Hold, id);

        Assert.False(again.Ok);
        Assert.DoesNotContain("unknown", again.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Restart_LoadsOnlyTheLiveJobs_AndTheRecentlyFinished()
    {
        var done = (await Submit(Spec())).Id;
        var live = (await Submit(Spec())).Id;
        await Act(JobAction.Delete, done);

        using var again = new JobQueue(_store, _time, NullLogger<JobQueue>.Instance);

        Assert.Equal([live], again.State.Jobs.Keys);
        Assert.Equal(done, Assert.Single(again.State.RecentlyFinished).Id);
        Assert.Equal(JobState.Deleted, again.Find(done)?.State);
        Assert.Equal(live + 1, again.State.NextJobId);
    }

    private Task<SubmitResponse> Submit(JobSpec spec) =>
        _queue.EnqueueAsync(new SubmitCommand(spec, Alice, Nodes, ["batch"], 256L << 20, SubmissionLimits.Default));

    private async Task<JobActionResult> Act(JobAction action, long id) =>
        (await _queue.EnqueueAsync(new ActionCommand(action, [id.ToString(System.Globalization.CultureInfo.InvariantCulture)], Alice))).Results.Single();

    private static JobSpec Spec() => new() { Name = "t", Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w" };
}
