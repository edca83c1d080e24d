using System.Collections;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>
/// A batch that fails part-way leaves nothing behind. Every failing batch below writes jobs into the transaction
/// before it fails, so these tests see LiteDB's rollback at work rather than an early argument check.
/// </summary>
public sealed class LiteDbJobStoreAtomicityTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly JobEvent _committedEvent = new(1, TestJobs.SubmitTime, "submitted", "by ada");

    public static TheoryData<string> FailingBatches => ["job that cannot be serialised", "event over LiteDB's document limit", "list that throws part-way"];

    [Theory]
    [MemberData(nameof(FailingBatches))]
    public void Commit_BatchFailingPartWay_LeavesNothingOfIt(string failure)
    {
        var path = _directory.File("omb.db");
        using (var store = OpenWithOneCommittedJob(path))
        {
            var exception = Assert.Throws<JobStoreCommitException>(() => store.Commit(FailingBatch(failure)));

            Assert.Contains(path, exception.Message, StringComparison.Ordinal);
            Assert.Contains("nothing of it was stored", exception.Message, StringComparison.Ordinal);
            AssertOnlyTheCommittedJob(store);
        }

        using var reopened = LiteDbJobStore.Open(path);
        AssertOnlyTheCommittedJob(reopened);
    }

    [Fact]
    public void Commit_AfterAFailedBatch_StoreStillWorks()
    {
        var path = _directory.File("omb.db");
        using var store = OpenWithOneCommittedJob(path);
        Assert.Throws<JobStoreCommitException>(() => store.Commit(FailingBatch("job that cannot be serialised")));

        store.Commit(new JobStoreBatch([TestJobs.Realistic(2)], [], 3));

        Assert.Equal([1L, 2L], store.Load().Jobs.Select(j => j.Id));
        Assert.Equal(3, store.Load().NextJobId);
    }

    [Fact]
    public void Commit_JobOverLiteDbsDocumentLimit_RefusesTheBatchNamingTheJobAndTheStoreStillWorks()
    {
        var path = _directory.File("omb.db");
        using var store = OpenWithOneCommittedJob(path);
        var huge = TestJobs.Realistic(3) with { Spec = TestJobs.Realistic(3).Spec with { Script = new string('\u0001', 3_000_000) } };

        var e = Assert.Throws<JobTooLargeToStoreException>(() => store.Commit(new JobStoreBatch([TestJobs.Realistic(2), huge], [], 4)));

        Assert.Equal(3, e.JobId);
        Assert.True(e.Bytes > e.MaxBytes, e.Message);
        AssertOnlyTheCommittedJob(store);
        store.Commit(new JobStoreBatch([TestJobs.Realistic(2)], [], 3));
        Assert.Equal([1L, 2L], store.Load().Jobs.Select(j => j.Id));
    }

    private LiteDbJobStore OpenWithOneCommittedJob(string path)
    {
        var store = LiteDbJobStore.Open(path);
        store.Commit(new JobStoreBatch([TestJobs.Realistic(1)], [_committedEvent], 2));
        return store;
    }

    private void AssertOnlyTheCommittedJob(LiteDbJobStore store)
    {
        var snapshot = store.Load();
        Assert.Equal([1L], snapshot.Jobs.Select(j => j.Id));
        Assert.Equal(JobState.Queued, snapshot.Jobs[0].State);
        Assert.Equal(2, snapshot.NextJobId);
        DeepEquality.AssertEqual(new[] { _committedEvent }, store.EventsOf(1));
        Assert.Empty(store.EventsOf(2));
    }

    private static JobStoreBatch FailingBatch(string failure)
    {
        // Job 1 changes state and job 2 is new: both would show if the rollback missed them.
        Job[] written = [TestJobs.Realistic(1) with { State = JobState.Running }, TestJobs.Realistic(2)];
        var jobEvent = new JobEvent(2, TestJobs.SubmitTime, "submitted", "by ada");
        return failure switch
        {
            // A null required member breaks the model; System.Text.Json refuses to write it.
            "job that cannot be serialised" => new JobStoreBatch([.. written, TestJobs.Realistic(3) with { Spec = null! }], [jobEvent], 100),
            "event over LiteDB's document limit" => new JobStoreBatch(written, [jobEvent, new JobEvent(2, TestJobs.SubmitTime, "huge", new string('x', 17_000_000))], 100),
            "list that throws part-way" => new JobStoreBatch(new ThrowingAfter<Job>(written), [jobEvent], 100),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "unknown failure"),
        };
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>Yields its items, then throws, as a batch built lazily from a failing source would.</summary>
    private sealed class ThrowingAfter<T>(IReadOnlyList<T> items) : IReadOnlyList<T>
    {
        public int Count => items.Count + 1;

        public T this[int index] => index < items.Count ? items[index] : throw new InvalidOperationException("source failed");

        public IEnumerator<T> GetEnumerator()
        {
            foreach (var item in items)
            {
                yield return item;
            }

            throw new InvalidOperationException("source failed part-way");
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
