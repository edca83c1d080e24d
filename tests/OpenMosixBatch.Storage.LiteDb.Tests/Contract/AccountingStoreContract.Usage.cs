using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Contract;

/// <summary>
/// The usage a store owes omb report: over any period, the same figures as the period's records give one by one
/// (whether the store sums them per day or not), a job committed finished twice counted once, old days pruned.
/// </summary>
public abstract partial class AccountingStoreContract
{
    /// <summary>Job <paramref name="id"/> of user u(1000 + id % 3), ended <paramref name="end"/>, waited id % 7 minutes, ran id % 5 + 1 hours on id % 4 + 1 CPUs.</summary>
    private static Job Varied(long id, DateTimeOffset end)
    {
        var uid = (uint)(1000 + (id % 3));
        var run = TimeSpan.FromHours((id % 5) + 1);
        var job = TestJobs.Realistic(id);
        var task = new JobTask(0, JobState.Completed)
        {
            Node = ExecutionHosts.Parse("node1"), StartTime = end - run, EndTime = end, ExitStatus = 0, CpuTime = run * 0.5, PeakRssBytes = 1 << 20,
        };
        return job with
        {
            Owner = new JobOwner(uid, 100 + (uid % 2), "u" + uid), SubmitTime = end - run - TimeSpan.FromMinutes(id % 7),
            Spec = job.Spec with { Queue = id % 2 == 0 ? "batch" : "express", Resources = new ResourceRequest(CpusPerChunk: (int)(id % 4) + 1) },
            Tasks = [task], State = JobState.Completed, EndTime = end, ExitStatus = 0,
        };
    }

    private static void AssertSameRows(IReadOnlyList<UsageRow> expected, IReadOnlyList<UsageRow> actual)
    {
        Assert.Equal(expected.Select(r => (r.By, r.Key, r.Jobs, r.P95WaitSeconds)), actual.Select(r => (r.By, r.Key, r.Jobs, r.P95WaitSeconds)));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.CpuHoursAllocated, a.CpuHoursAllocated, 9);
            Assert.Equal(e.CpuHoursUsed, a.CpuHoursUsed, 9);
            Assert.Equal(e.MeanWaitSeconds, a.MeanWaitSeconds, 9);
            Assert.Equal(e.Efficiency, a.Efficiency, 9);
        }
    }

    [Fact]
    public void UsageBetween_AnyPeriod_GivesTheFiguresOfItsRecords_AfterAReopen()
    {
        var store = Track(CreateStore());
        // 300 jobs ending every 47 minutes from Day on (almost ten days), committed in batches as a server does.
        var jobs = Enumerable.Range(1, 300).Select(i => Varied(i, Day.AddMinutes(47 * i))).ToList();
        foreach (var chunk in jobs.Chunk(40))
        {
            store.Commit(new JobStoreBatch(chunk, [], chunk[^1].Id + 1));
        }

        var accounting = (IAccountingStore)Track(Reopen(store));
        var periods = new[]
        {
            (Day.AddHours(5), Day.AddDays(8).AddHours(7)), (Day, Day.AddDays(10)), (Day.AddDays(2), Day.AddDays(3)),
            (Day.AddHours(1), Day.AddHours(20)), (Day.AddDays(1).AddHours(23), Day.AddDays(2).AddHours(1)), (Day.AddDays(-5), Day.AddDays(30)),
        };
        foreach (var (from, to) in periods)
        {
            foreach (var uid in new uint?[] { null, 1001 })
            {
                var records = accounting.EndedBetween(from, to, uid);
                Assert.NotEmpty(records);
                AssertSameRows(UsageReport.Build(records, g => "g" + g), UsageReport.Build(accounting.UsageBetween(from, to, uid), g => "g" + g));
            }
        }
    }

    [Fact]
    public void Commit_AFinishedJobAgain_CountsItOnce_InTheDayItEndedLast()
    {
        var store = Track(CreateStore());
        store.Commit(new JobStoreBatch([Varied(1, Day.AddDays(3).AddHours(2)), Varied(2, Day.AddDays(3).AddHours(4))], [], 3));

        store.Commit(new JobStoreBatch([Varied(1, Day.AddDays(5).AddHours(2))], [], 3));

        var accounting = (IAccountingStore)store;
        Assert.Equal(2, Total(accounting.UsageBetween(Day, Day.AddDays(10), null)).Jobs);
        Assert.Equal(1, Total(accounting.UsageBetween(Day.AddDays(3), Day.AddDays(4), null)).Jobs);
        Assert.Equal(1, Total(accounting.UsageBetween(Day.AddDays(5), Day.AddDays(6), null)).Jobs);
    }

    [Fact]
    public void PruneUsageBefore_AfterTheRecords_LeavesTheUsageOfTheKeptDaysOnly()
    {
        var store = Track(CreateStore());
        store.Commit(new JobStoreBatch([.. Enumerable.Range(1, 5).Select(i => Varied(i, Day.AddDays(i).AddHours(1)))], [], 6));
        var accounting = (IAccountingStore)store;

        while (accounting.PruneEndedBefore(Day.AddDays(4), 2) > 0)
        {
        }

        while (accounting.PruneUsageBefore(Day.AddDays(4), 2) > 0)
        {
        }

        Assert.Equal(2, Total(accounting.UsageBetween(Day, Day.AddDays(30), null)).Jobs);
        Assert.Equal(0, accounting.PruneUsageBefore(Day.AddDays(4), 2));
    }

    private static UsageRow Total(IReadOnlyList<UsageCell> cells) => UsageReport.Build(cells, g => "g").Single(r => r.By == "total");
}
