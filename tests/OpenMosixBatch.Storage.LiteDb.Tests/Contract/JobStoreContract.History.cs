using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Contract;

/// <summary>The history: finished jobs live in the store only, are found, listed and pruned, never loaded as live.</summary>
public abstract partial class JobStoreContract
{
    private static Job Finished(long id, DateTimeOffset end, uint uid = 1000, JobState state = JobState.Completed) => TestJobs.Realistic(id) with
    {
        Owner = new JobOwner(uid, uid, uid == 1000 ? "ada" : "bob"),
        State = state,
        Reason = null,
        StartTime = end.AddMinutes(-1),
        EndTime = end,
        Tasks = [new JobTask(0, state) { StartTime = end.AddMinutes(-1), EndTime = end, ExitStatus = state == JobState.Completed ? 0 : 1, Node = ExecutionHosts.On("node1") }],
    };

    [Fact]
    public void Load_FinishedJobs_AreNotLoadedButFoundById()
    {
        var store = Track(CreateStore());
        var live = TestJobs.Realistic(1);
        var done = Finished(2, TestJobs.SubmitTime.AddHours(1));
        var deleted = Finished(3, TestJobs.SubmitTime.AddHours(2), state: JobState.Deleted);

        store.Commit(new JobStoreBatch([live, done, deleted], [], 4));

        DeepEquality.AssertEqual(new[] { live }, store.Load().Jobs);
        DeepEquality.AssertEqual(done, store.Find(2));
        DeepEquality.AssertEqual(live, store.Find(1));
        Assert.Null(store.Find(4));
        Assert.Equal([2L, 3L], store.FinishedJobs(null).Select(j => j.Id));
    }

    [Fact]
    public void Commit_JobThatFinishes_LeavesTheLoadedJobsForTheHistory()
    {
        var store = Track(CreateStore());
        var queued = TestJobs.Realistic(5);
        store.Commit(new JobStoreBatch([queued], [], 6));

        store.Commit(new JobStoreBatch([Finished(5, TestJobs.SubmitTime.AddHours(1))], [], 6));
        store = Track(Reopen(store));

        var snapshot = store.Load();
        Assert.Empty(snapshot.Jobs);
        Assert.Equal(6, snapshot.NextJobId);
        Assert.Equal(JobState.Completed, store.Find(5)?.State);
        Assert.Equal([5L], store.FinishedJobs(null).Select(j => j.Id));
    }

    [Fact]
    public void Load_LastJobFinishedBeyondTheCounter_NextJobIdFollowsIt()
    {
        var store = Track(CreateStore());

        store.Commit(new JobStoreBatch([TestJobs.Realistic(2), Finished(70, TestJobs.SubmitTime.AddHours(1))], [], 1));

        Assert.Equal(71, Track(Reopen(store)).Load().NextJobId);
    }

    [Fact]
    public void FinishedJobs_OfOneOwner_AreTheirsOnlyInIdOrder()
    {
        var store = Track(CreateStore());
        var end = TestJobs.SubmitTime.AddHours(1);

        store.Commit(new JobStoreBatch([Finished(30, end, 1001), Finished(4, end.AddHours(1)), TestJobs.Realistic(8)], [], 31));
        store.Commit(new JobStoreBatch([Finished(12, end.AddHours(-5), 1001), Finished(9, end, 1001, JobState.Failed)], [], 31));

        Assert.Equal([9L, 12L, 30L], store.FinishedJobs(1001).Select(j => j.Id));
        Assert.Equal([4L], store.FinishedJobs(1000).Select(j => j.Id));
        Assert.Equal([4L, 9L, 12L, 30L], store.FinishedJobs(null).Select(j => j.Id));
        Assert.Empty(store.FinishedJobs(4242));
    }

    [Fact]
    public void LatestFinished_TheLastEndedFirst_AtMostTheCountAsked()
    {
        var store = Track(CreateStore());
        var end = TestJobs.SubmitTime.AddHours(1);

        store.Commit(new JobStoreBatch([Finished(1, end.AddMinutes(3)), Finished(2, end.AddMinutes(1)), TestJobs.Realistic(3), Finished(4, end.AddMinutes(2))], [], 5));

        Assert.Equal([1L, 4L], store.LatestFinished(2).Select(j => j.Id));
        Assert.Equal([1L, 4L, 2L], store.LatestFinished(10).Select(j => j.Id));
    }

    [Fact]
    public void PruneFinishedBefore_DeletesOldFinishedJobsWithTheirEvents_AtMostMax_KeepsNewerAndLiveOnes()
    {
        var store = Track(CreateStore());
        var cutoff = TestJobs.SubmitTime.AddDays(10);
        var old = Enumerable.Range(1, 5).Select(i => Finished(i, cutoff.AddHours(-i))).ToList();
        var live = TestJobs.Realistic(6);
        var recent = Finished(7, cutoff);
        var events = new[] { new JobEvent(1, cutoff.AddHours(-2), "completed", "0"), new JobEvent(6, cutoff, "submitted", "by ada"), new JobEvent(7, cutoff, "completed", "0") };
        store.Commit(new JobStoreBatch([.. old, live, recent], events, 8));

        Assert.Equal(3, store.PruneFinishedBefore(cutoff, 3));
        Assert.Equal(2, store.PruneFinishedBefore(cutoff, 3));
        Assert.Equal(0, store.PruneFinishedBefore(cutoff, 3));
        store = Track(Reopen(store));

        Assert.Equal([7L], store.FinishedJobs(null).Select(j => j.Id));
        Assert.Null(store.Find(1));
        Assert.Empty(store.EventsOf(1));
        Assert.Single(store.EventsOf(6));
        Assert.Single(store.EventsOf(7));
        DeepEquality.AssertEqual(new[] { live }, store.Load().Jobs);
        Assert.Equal(8, store.Load().NextJobId);
    }

    [Fact]
    public void PruneFinishedBefore_EveryJobIncludingTheLast_NextJobIdIsNotHandedOutAgain()
    {
        var store = Track(CreateStore());
        var cutoff = TestJobs.SubmitTime.AddDays(10);
        for (var id = 1; id <= 3; id++)
        {
            // As the queue commits submissions: each batch's new job is the last id handed out.
            store.Commit(new JobStoreBatch([TestJobs.Realistic(id)], [new JobEvent(id, TestJobs.SubmitTime, "submitted", "by ada")], id + 1));
        }

        store.Commit(new JobStoreBatch([.. Enumerable.Range(1, 3).Select(i => Finished(i, cutoff.AddHours(-i)))], [], 4));
        Assert.Equal(3, store.PruneFinishedBefore(cutoff, 10));
        store = Track(Reopen(store));

        Assert.Empty(store.FinishedJobs(null));
        Assert.Equal(4, store.Load().NextJobId);
    }

    [Fact]
    public void EventsOf_WaitReasonEvents_KeepTheirTypedKind()
    {
        var store = Track(CreateStore());
        var noRoom = new JobEvent(1, TestJobs.SubmitTime, WaitReasonChanges.EventKind, "no node has 64 GiB free; largest has 16", WaitKind.NoRoom);
        var over = new JobEvent(1, TestJobs.SubmitTime.AddMinutes(1), WaitReasonChanges.EventKind, "cluster CPU 93% ≥ threshold 90%", WaitKind.OverThreshold);
        var plain = new JobEvent(1, TestJobs.SubmitTime.AddMinutes(2), "dispatched", "1 to node1");

        store.Commit(new JobStoreBatch([TestJobs.Realistic(1) with { LastWait = WaitKind.OverThreshold }], [noRoom, over, plain], 2));
        store = Track(Reopen(store));

        DeepEquality.AssertEqual(new[] { noRoom, over, plain }, store.EventsOf(1));
        Assert.Equal(WaitKind.OverThreshold, Assert.Single(store.Load().Jobs).LastWait);
    }
}
