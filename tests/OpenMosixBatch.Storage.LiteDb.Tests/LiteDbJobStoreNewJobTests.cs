using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>
/// The store inserts a job it knows to be new (its id past every id it stored) without the lookup an upsert makes, and
/// replaces any other: a batch mixing new and changed jobs stores each once, with its last state, across reopens and
/// after a failed batch.
/// </summary>
public sealed class LiteDbJobStoreNewJobTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Commit_NewAndChangedJobsInOneBatch_StoresEachOnceWithItsLastState()
    {
        using var store = LiteDbJobStore.Open(_directory.File("omb.db"));
        store.Commit(new JobStoreBatch([TestJobs.Realistic(1), TestJobs.Realistic(2)], [], 3));

        store.Commit(new JobStoreBatch([Running(2), TestJobs.Realistic(3)], [], 4));

        AssertStates(store, (1, JobState.Queued), (2, JobState.Running), (3, JobState.Queued));
        Assert.Equal(4, store.Load().NextJobId);
    }

    [Fact]
    public void Commit_JobStoredPastTheCounter_IsReplacedLaterNotInsertedTwice()
    {
        using var store = LiteDbJobStore.Open(_directory.File("omb.db"));
        store.Commit(new JobStoreBatch([TestJobs.Realistic(1)], [], 2));
        // A batch whose counter lags its own job (ids are the queue's to hand out): job 5 is stored all the same.
        store.Commit(new JobStoreBatch([TestJobs.Realistic(5)], [], 2));

        store.Commit(new JobStoreBatch([Running(5), TestJobs.Realistic(6)], [], 7));

        AssertStates(store, (1, JobState.Queued), (5, JobState.Running), (6, JobState.Queued));
    }

    [Fact]
    public void Commit_AfterReopen_ReplacesTheStoredJobsAndInsertsTheNewOnes()
    {
        var path = _directory.File("omb.db");
        using (var first = LiteDbJobStore.Open(path))
        {
            first.Commit(new JobStoreBatch([TestJobs.Realistic(1), TestJobs.Realistic(2)], [], 3));
        }

        using var store = LiteDbJobStore.Open(path);
        store.Commit(new JobStoreBatch([Running(1), TestJobs.Realistic(3)], [], 4));

        AssertStates(store, (1, JobState.Running), (2, JobState.Queued), (3, JobState.Queued));
    }

    [Fact]
    public void Commit_AfterAFailedBatch_ReplacesWhatTheFailedBatchWouldHaveChanged()
    {
        using var store = LiteDbJobStore.Open(_directory.File("omb.db"));
        store.Commit(new JobStoreBatch([TestJobs.Realistic(1)], [], 2));
        Assert.Throws<JobStoreCommitException>(() => store.Commit(new JobStoreBatch([TestJobs.Realistic(2), TestJobs.Realistic(3) with { Spec = null! }], [], 4)));

        store.Commit(new JobStoreBatch([Running(1), TestJobs.Realistic(2)], [], 3));
        store.Commit(new JobStoreBatch([Running(2), TestJobs.Realistic(3)], [], 4));

        AssertStates(store, (1, JobState.Running), (2, JobState.Running), (3, JobState.Queued));
    }

    public void Dispose() => _directory.Dispose();

    private static Job Running(long id) => TestJobs.Realistic(id) with { State = JobState.Running };

    private static void AssertStates(LiteDbJobStore store, params (long Id, JobState State)[] expected)
    {
        Assert.Equal(expected, store.Load().Jobs.OrderBy(j => j.Id).Select(j => (j.Id, j.State)));
        foreach (var (id, state) in expected)
        {
            Assert.Equal(state, store.Find(id)?.State);
        }
    }
}
