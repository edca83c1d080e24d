using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>The single writer: decisions, group commit, and nothing acknowledged that was not stored.</summary>
public sealed class JobQueueTests : IAsyncLifetime
{
    private static readonly Caller Alice = QueueTestBed.Alice;
    private static readonly Caller Bob = new(1001, 1001, "bob", false);
    private static readonly Caller Root = new(0, 0, "root", true);
    private readonly QueueTestBed _bed = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _bed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Submit_ValidSpec_IsStoredBeforeTheIdIsReturned()
    {
        var r = await Submit(Alice, Spec());

        Assert.Equal(1, r.Id);
        Assert.Single(_bed.Store.Load().Jobs);
        Assert.Equal("alice", _bed.Queue.State.Jobs[1].Owner.UserName);
    }

    [Fact]
    public async Task Submit_NoMemoryAsked_GetsTheDefault()
    {
        await Submit(Alice, Spec());

        Assert.Equal(256L << 20, _bed.Queue.State.Jobs[1].Spec.Resources.MemoryBytesPerChunk);
    }

    [Fact]
    public async Task Submit_Impossible_IsBadInputAndStoresNothing()
    {
        var e = await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(Alice, Spec() with { Resources = new ResourceRequest(CpusPerChunk: 64) }));

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.Contains("largest node is node1", e.Message, StringComparison.Ordinal);
        Assert.Empty(_bed.Store.Load().Jobs);
    }

    [Fact]
    public async Task Submit_UnknownQueue_ListsTheKnownOnes()
    {
        var e = await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(Alice, Spec() with { Queue = "nosuch" }));

        Assert.Contains("known queues are batch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_StoreFails_IsUnavailableAndTheQueueIsUnchanged()
    {
        await Submit(Alice, Spec());
        _bed.Store.Fail = true;

        var e = await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(Alice, Spec()));

        Assert.Equal(ApiErrorKind.Unavailable, e.Error.Kind);
        Assert.Contains("No space left", e.Message, StringComparison.Ordinal);
        Assert.Single(_bed.Queue.State.Jobs);
        _bed.Store.Fail = false;
        Assert.Equal(2, (await Submit(Alice, Spec())).Id);
    }

    [Fact]
    public async Task Submit_DiskFull_IsStorageFullSayingTheDiskIsFullAndTheQueueIsUnchanged()
    {
        await Submit(Alice, Spec());
        _bed.Store.FailAsFull = true;

        var e = await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(Alice, Spec()));

        Assert.Equal(ApiErrorKind.StorageFull, e.Error.Kind);
        Assert.Contains("the disk is full", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was queued", e.Message, StringComparison.Ordinal);
        Assert.Single(_bed.Queue.State.Jobs);
        _bed.Store.FailAsFull = false;
        Assert.Equal(2, (await Submit(Alice, Spec())).Id);
    }

    [Fact]
    public async Task Submit_CommitFailsAfterTheBatchWasStored_NextGroupStartsFromWhatTheStoreHolds()
    {
        await Submit(Alice, Spec());
        _bed.Store.FailAfterStoring = true;
        await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(Alice, Spec() with { Name = "landed" }));
        _bed.Store.FailAfterStoring = false;

        var next = await Submit(Alice, Spec() with { Name = "next" });

        // Id 2 is taken in the file: giving it again would overwrite that job.
        Assert.Equal(3, next.Id);
        Assert.Equal(["t", "landed", "next"], _bed.Store.Load().Jobs.Select(j => j.Spec.Name));
        Assert.Equal(["t", "landed", "next"], _bed.Queue.State.Jobs.Values.Select(j => j.Spec.Name));
    }

    [Fact]
    public async Task Submit_ManyConcurrentClients_AreCommittedInGroups()
    {
        var submissions = Enumerable.Range(0, 400).Select(_ => Task.Run(() => Submit(Alice, Spec())));

        var ids = (await Task.WhenAll(submissions)).Select(r => r.Id).ToList();

        Assert.Equal(400, ids.Distinct().Count());
        Assert.Equal(400, _bed.Store.Load().Jobs.Count);
        Assert.True(_bed.Store.Commits < 400, $"expected group commits, saw {_bed.Store.Commits} commits for 400 submissions");
    }

    [Fact]
    public async Task Act_OtherUsersJob_IsRefusedAsAnUnknownJob_AndAdminMayAct()
    {
        await Submit(Alice, Spec());

        var bob = await Act(Bob, JobAction.Hold, "1");
        var bobOnElement = await Act(Bob, JobAction.Delete, "1[3]");
        var missing = await Act(Bob, JobAction.Hold, "2");
        var root = await Act(Root, JobAction.Hold, "1");

        Assert.False(bob.Ok);
        Assert.Equal((missing.ErrorKind, missing.Error!.Replace('2', '1')), (bob.ErrorKind, bob.Error));
        Assert.Equal("unknown job 1: check the id with 'qstat -x'", bob.Error);
        Assert.Equal("unknown job 1[3]: check the id with 'qstat -x'", bobOnElement.Error);
        Assert.True(root.Ok);
        Assert.Equal(JobState.Held, _bed.Queue.State.Jobs[1].State);
    }

    [Fact]
    public async Task Submit_DependingOnAnotherUsersJob_IsRefusedAsOnAJobThatDoesNotExist_AdminMayDepend()
    {
        await Submit(Alice, Spec());

        var onAlices = await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(Bob, Spec() with { Dependencies = [new(DependencyType.AfterOk, 1)] }));
        var onNothing = await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(Bob, Spec() with { Dependencies = [new(DependencyType.AfterOk, 9)] }));
        var root = await Submit(Root, Spec() with { Dependencies = [new(DependencyType.AfterOk, 1)] });

        Assert.Equal(ApiErrorKind.BadInput, onAlices.Error.Kind);
        Assert.Equal((onNothing.Error.Kind, onNothing.Message.Replace('9', '1')), (onAlices.Error.Kind, onAlices.Message));
        Assert.Equal([1L, root.Id], _bed.Queue.State.Jobs.Keys.Order());
    }

    [Fact]
    public async Task Act_MalformedId_IsBadInput()
    {
        var r = await Act(Alice, JobAction.Delete, "abc");

        Assert.Equal(ApiErrorKind.BadInput, r.ErrorKind);
    }

    [Fact]
    public async Task Act_DeleteOfParent_EndsAfterOkChildWhoseDependencyCanNeverBeMet()
    {
        await Submit(Alice, Spec());
        await Submit(Alice, Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, 1)] });
        Assert.Equal(JobState.Waiting, _bed.Queue.State.Jobs[2].State);

        Assert.True((await Act(Alice, JobAction.Delete, "1")).Ok);

        // Finished, both live in the store only (the history), no longer in the queue.
        var child = _bed.Queue.Find(2)!;
        Assert.Equal(JobState.Deleted, child.State);
        Assert.Contains("can never be met", child.Reason, StringComparison.Ordinal);
        Assert.Equal(JobState.Deleted, _bed.Store.Find(2)?.State);
        Assert.Empty(_bed.Queue.State.Jobs);
        Assert.Empty(_bed.Store.Load().Jobs);
    }

    [Fact]
    public async Task Act_HoldOfArrayElement_IsRefusedWithTheFix()
    {
        await Submit(Alice, Spec() with { Array = new ArraySpec([1, 2]) });

        var r = await Act(Alice, JobAction.Hold, "1[2]");

        Assert.Contains("use 1[]", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_FromTheSameStore_KeepsJobsAndTheIdCounter()
    {
        await Submit(Alice, Spec());
        await Submit(Alice, Spec());

        using var again = _bed.NewQueue();

        Assert.Equal(2, again.State.Jobs.Count);
        Assert.Equal(3, again.State.NextJobId);
    }

    private Task<SubmitResponse> Submit(Caller caller, JobSpec spec) => _bed.SubmitAsync(spec, caller: caller);

    private async Task<JobActionResult> Act(Caller caller, JobAction action, string id) =>
        (await _bed.ActAsync(action, id, caller)).Results.Single();

    private static JobSpec Spec() => QueueTestBed.Script();
}
