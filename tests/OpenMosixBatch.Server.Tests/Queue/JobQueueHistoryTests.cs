using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>A job that finishes leaves the queue for the store, where requests, dependencies and a restart still find it.</summary>
public sealed class JobQueueHistoryTests : IAsyncLifetime
{
    private readonly QueueTestBed _bed = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _bed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Delete_JobLeavesTheSnapshot_IsFoundInTheStoreAndListedAsFinished()
    {
        var id = (await Submit(Spec())).Id;
        var keep = (await Submit(Spec())).Id;
        var committed = new List<Job>();
        _bed.Queue.Committed += (_, jobs) => committed.AddRange(jobs);

        await Act(JobAction.Delete, id);

        Assert.Equal([keep], _bed.Queue.State.Jobs.Keys);
        Assert.Equal(JobState.Deleted, _bed.Queue.Find(id)?.State);
        Assert.Equal([id], _bed.Queue.FinishedJobs(null).Select(j => j.Id));
        Assert.Equal(id, Assert.Single(_bed.Queue.State.RecentlyFinished).Id);
        Assert.Equal(JobState.Deleted, Assert.Single(committed).State);
    }

    [Fact]
    public async Task Submit_StoresNoEventOfItsOwn_AndTheHistoryShowsTheSubmissionTheJobImplies()
    {
        var id = (await Submit(Spec())).Id;
        await Act(JobAction.Delete, id);

        Assert.DoesNotContain(_bed.Store.EventsOf(id), e => e.Kind == SubmittedEvent.Kind);
        var history = _bed.Queue.EventsOf(id);
        Assert.Equal(new JobEvent(id, _bed.Time.GetUtcNow(), "submitted", "submitted by alice to queue batch"), history[0]);
        Assert.Equal(["submitted", "deleted"], history.Select(e => e.Kind));
    }

    [Fact]
    public async Task Submit_AfterAnyOnAJobDeletedEarlier_IsQueuedFromItsStoredEnd()
    {
        var parent = (await Submit(Spec())).Id;
        await Act(JobAction.Delete, parent);
        Assert.DoesNotContain(parent, _bed.Queue.State.Jobs.Keys);

        // The parent is in the store only: the child's dependency is judged from its stored end, not taken as unknown.
        var child = (await Submit(Spec() with { Dependencies = [new Dependency(DependencyType.AfterAny, parent)] })).Id;

        Assert.Equal(JobState.Queued, _bed.Queue.State.Jobs[child].State);
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

        using var again = _bed.NewQueue();

        Assert.Equal([live], again.State.Jobs.Keys);
        Assert.Equal(done, Assert.Single(again.State.RecentlyFinished).Id);
        Assert.Equal(JobState.Deleted, again.Find(done)?.State);
        Assert.Equal(live + 1, again.State.NextJobId);
    }

    private Task<SubmitResponse> Submit(JobSpec spec) => _bed.SubmitAsync(spec);

    private async Task<JobActionResult> Act(JobAction action, long id) => (await _bed.ActAsync(action, id)).Results.Single();

    private static JobSpec Spec() => QueueTestBed.Script();
}
