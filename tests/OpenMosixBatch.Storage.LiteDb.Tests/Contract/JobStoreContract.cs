using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IJobStore"/> owes the server, run once per store by a derived class.
/// </summary>
public abstract partial class JobStoreContract : IDisposable
{
    private readonly List<IJobStore> _stores = [];

    /// <summary>A new, empty store.</summary>
    protected abstract IJobStore CreateStore();

    /// <summary>The store as the next server process would see it: closed and opened again where that means anything.</summary>
    protected abstract IJobStore Reopen(IJobStore store);

    /// <summary>The events the store holds for one job, oldest first.</summary>
    private static IReadOnlyList<JobEvent> EventsOf(IJobStore store, long jobId) => store.EventsOf(jobId);

    protected IJobStore Track(IJobStore store)
    {
        _stores.Add(store);
        return store;
    }

    [Fact]
    public void Load_EmptyStore_ReturnsNoJobsAndNextJobIdOne()
    {
        var store = Track(CreateStore());

        var snapshot = store.Load();

        Assert.Empty(snapshot.Jobs);
        Assert.Equal(1, snapshot.NextJobId);
    }

    [Fact]
    public void Commit_JobWithEveryFieldSet_LoadRoundTripsEveryField()
    {
        var job = TestJobs.EveryFieldSet(5);
        DeepEquality.AssertEveryMemberSet(job);
        var store = Track(CreateStore());

        store.Commit(new JobStoreBatch([job], [], 6));

        var loaded = Assert.Single(store.Load().Jobs);
        DeepEquality.AssertEqual(job, loaded);
        Assert.Equal("5[]", loaded.DisplayId);
    }

    [Fact]
    public void Commit_JobWithDefaults_LoadRoundTripsDefaultsAndNulls()
    {
        var job = TestJobs.Realistic(1) with { Spec = TestJobs.Realistic(1).Spec with { Script = null }, Reason = null };
        var store = Track(CreateStore());

        store.Commit(new JobStoreBatch([job], [], 2));

        var loaded = Assert.Single(store.Load().Jobs);
        DeepEquality.AssertEqual(job, loaded);
        Assert.True(loaded.Spec.Rerunnable);
        Assert.True(loaded.Spec.Resources.Migratable);
        Assert.Null(loaded.Spec.Resources.Walltime);
        Assert.Null(loaded.Spec.Array);
    }

    [Fact]
    public void Reopen_ArrayOfTenThousandTasksInEveryState_RoundTripsEveryTask()
    {
        var job = TestJobs.LargeArray(9, 10_000);
        var store = Track(CreateStore());

        store.Commit(new JobStoreBatch([job], [], 10));
        store = Track(Reopen(store));

        var loaded = Assert.Single(store.Load().Jobs);
        DeepEquality.AssertEqual(job, loaded);
    }

    [Fact]
    public void Commit_SameIdAgain_ReplacesTheJob()
    {
        var store = Track(CreateStore());
        var queued = TestJobs.Realistic(3);
        var running = queued with { State = JobState.Running, Reason = null, StartTime = TestJobs.SubmitTime.AddHours(1) };

        store.Commit(new JobStoreBatch([queued], [], 4));
        store.Commit(new JobStoreBatch([running], [], 4));

        DeepEquality.AssertEqual(running, Assert.Single(store.Load().Jobs));
    }

    [Fact]
    public void Load_JobsCommittedOutOfOrder_ReturnsThemOrderedById()
    {
        var store = Track(CreateStore());

        store.Commit(new JobStoreBatch([TestJobs.Realistic(30), TestJobs.Realistic(2)], [], 31));
        store.Commit(new JobStoreBatch([TestJobs.Realistic(11)], [], 31));

        Assert.Equal([2L, 11L, 30L], store.Load().Jobs.Select(j => j.Id));
    }

    [Fact]
    public void EventsOf_EventsOutOfTimeOrder_ReturnsThemByTimeThenAppendOrder()
    {
        var store = Track(CreateStore());
        var later = new JobEvent(1, TestJobs.SubmitTime.AddMinutes(1), "completed", "1 on node1 ended with status 0");
        var first = new JobEvent(1, TestJobs.SubmitTime, "submitted", "by ada");
        var second = new JobEvent(1, TestJobs.SubmitTime, "dispatched", "1 to node1");

        store.Commit(new JobStoreBatch([TestJobs.Realistic(1)], [later, first], 2));
        store.Commit(new JobStoreBatch([], [second], 2));

        DeepEquality.AssertEqual(new[] { first, second, later }, EventsOf(store, 1));
    }

    [Fact]
    public void Commit_Events_AreAppendedAndKept()
    {
        var store = Track(CreateStore());
        var submitted = new JobEvent(1, TestJobs.SubmitTime, "submitted", "by ada");
        var held = new JobEvent(1, TestJobs.SubmitTime.AddTicks(1), "held", "qhold by ada");
        var other = new JobEvent(2, TestJobs.SubmitTime, "submitted", "by bob");
        var released = new JobEvent(1, TestJobs.SubmitTime.AddMinutes(5).ToOffset(TimeSpan.FromHours(-3)), "released", "");

        store.Commit(new JobStoreBatch([TestJobs.Realistic(1), TestJobs.Realistic(2)], [submitted, other], 3));
        store.Commit(new JobStoreBatch([], [held], 3));
        store.Commit(new JobStoreBatch([], [released], 3));

        DeepEquality.AssertEqual(new[] { submitted, held, released }, EventsOf(store, 1));
        DeepEquality.AssertEqual(new[] { other }, EventsOf(store, 2));
        Assert.Empty(EventsOf(store, 3));
    }

    [Fact]
    public void Commit_LowerNextJobId_CounterNeverDecreases()
    {
        var store = Track(CreateStore());

        store.Commit(new JobStoreBatch([], [], 50));
        store.Commit(new JobStoreBatch([], [], 7));
        store.Commit(new JobStoreBatch([TestJobs.Realistic(3)], [], 0));

        Assert.Equal(50, store.Load().NextJobId);
    }

    [Fact]
    public void Commit_HigherNextJobId_CounterFollows()
    {
        var store = Track(CreateStore());

        store.Commit(new JobStoreBatch([TestJobs.Realistic(1)], [], 2));
        store.Commit(new JobStoreBatch([], [], 1000));

        Assert.Equal(1000, store.Load().NextJobId);
    }

    [Fact]
    public void Load_JobIdsBeyondTheCounter_NextJobIdFollowsTheLastJob()
    {
        var store = Track(CreateStore());

        store.Commit(new JobStoreBatch([TestJobs.Realistic(41), TestJobs.Realistic(7)], [], 1));

        Assert.Equal(42, store.Load().NextJobId);
    }

    [Fact]
    public void Reopen_AfterCommits_ReturnsEverythingCommitted()
    {
        var store = Track(CreateStore());
        var first = TestJobs.EveryFieldSet(1);
        var second = TestJobs.Realistic(2);
        var jobEvent = new JobEvent(2, TestJobs.SubmitTime, "submitted", "by ada");
        store.Commit(new JobStoreBatch([first], [], 2));
        store.Commit(new JobStoreBatch([second], [jobEvent], 9));

        var reopened = Track(Reopen(store));

        var snapshot = reopened.Load();
        DeepEquality.AssertEqual(new[] { first, second }, snapshot.Jobs);
        Assert.Equal(9, snapshot.NextJobId);
        DeepEquality.AssertEqual(new[] { jobEvent }, EventsOf(reopened, 2));
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        DisposeResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Removes what the derived class created (files) after every store was disposed.</summary>
    protected virtual void DisposeResources()
    {
    }
}
