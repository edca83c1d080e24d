using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Contract;

/// <summary>
/// The accounting every store owes the server: a finished job's record commits with its end, survives a reopen,
/// is found by its end and owner, and is pruned a batch at a time. Run once per store by a derived class.
/// </summary>
public abstract partial class AccountingStoreContract : JobStoreContract
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Job <paramref name="id"/> of <paramref name="uid"/>, ended <paramref name="endDay"/> days after <see cref="Day"/>, 2 CPUs for an hour, 1.5 CPU-hours used.</summary>
    private static Job Finished(long id, uint uid, int endDay)
    {
        var end = Day.AddDays(endDay);
        var job = TestJobs.Realistic(id);
        var task = new JobTask(0, JobState.Completed)
        {
            Node = ExecutionHosts.Parse("node1"), StartTime = end.AddHours(-1), EndTime = end, ExitStatus = 0, CpuTime = TimeSpan.FromMinutes(90), PeakRssBytes = 1 << 20,
        };
        return job with
        {
            Owner = new JobOwner(uid, 100, "u" + uid), SubmitTime = end.AddHours(-2), Spec = job.Spec with { Resources = new ResourceRequest(CpusPerChunk: 2) },
            Tasks = [task], State = JobState.Completed, EndTime = end, ExitStatus = 0,
        };
    }

    [Fact]
    public void Commit_FinishedJob_KeepsItsRecord_AndAWaitingJobHasNone()
    {
        var store = Track(CreateStore());

        store.Commit(new JobStoreBatch([Finished(1, 1000, 3), TestJobs.Realistic(2)], [], 3));

        var record = Assert.Single(((IAccountingStore)Track(Reopen(store))).EndedBetween(Day, Day.AddDays(30), null));
        Assert.Equal((1L, 1000u, "u1000", 100u, "batch", "node1"), (record.JobId, record.Uid, record.User, record.Gid, record.Queue, record.Nodes));
        Assert.Equal((TimeSpan.FromHours(1), Day.AddDays(3), 7200.0, 5400.0), (record.Wait, record.EndTime, record.CpuSecondsAllocated, record.CpuSecondsUsed));
        Assert.Equal(('C', (int?)0, 2L, 1L << 20), (record.State, record.ExitStatus, record.CpusRequested, record.PeakRssBytes));
    }

    [Fact]
    public void EndedBetween_ReturnsThePeriodsRecords_OfOneUserWhenAsked()
    {
        var store = Track(CreateStore());
        store.Commit(new JobStoreBatch([Finished(1, 1000, 1), Finished(2, 1001, 2), Finished(3, 1000, 5), Finished(4, 1000, 9)], [], 5));
        var accounting = (IAccountingStore)store;

        Assert.Equal([1L, 2, 3], accounting.EndedBetween(Day.AddDays(1), Day.AddDays(9), null).Select(r => r.JobId).Order());
        Assert.Equal([1L, 3], accounting.EndedBetween(Day.AddDays(1), Day.AddDays(9), 1000).Select(r => r.JobId).Order());
    }

    [Fact]
    public void PruneEndedBefore_DeletesOldRecordsABatchAtATime_AndKeepsTheJobs()
    {
        var store = Track(CreateStore());
        store.Commit(new JobStoreBatch([.. Enumerable.Range(1, 5).Select(i => Finished(i, 1000, i))], [], 6));
        var accounting = (IAccountingStore)store;

        var first = accounting.PruneEndedBefore(Day.AddDays(4), 2);
        var second = accounting.PruneEndedBefore(Day.AddDays(4), 2);
        var third = accounting.PruneEndedBefore(Day.AddDays(4), 2);

        Assert.Equal((2, 1, 0), (first, second, third));
        Assert.Equal([4L, 5], accounting.EndedBetween(Day, Day.AddDays(30), null).Select(r => r.JobId).Order());
        Assert.Equal(5, store.FinishedJobs(null).Count());
    }
}
