using LiteDB;
using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>The daily usage rollups of a file written before they were kept: built once, at open, from its records.</summary>
public sealed class LiteDbJobStoreUsageTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();

    private static Job Finished(long id, DateTimeOffset end)
    {
        var job = TestJobs.Realistic(id);
        var task = new JobTask(0, JobState.Completed) { Node = ExecutionHosts.Parse("node1"), StartTime = end.AddHours(-1), EndTime = end, ExitStatus = 0, CpuTime = TimeSpan.FromMinutes(30) };
        return job with { SubmitTime = end.AddHours(-1).AddSeconds(-id), Tasks = [task], State = JobState.Completed, EndTime = end, ExitStatus = 0 };
    }

    [Fact]
    public void Open_AFileWithoutRollups_BuildsThemFromItsRecords()
    {
        var path = _directory.File("old/omb.db");
        using (var store = LiteDbJobStore.Open(path))
        {
            store.Commit(new JobStoreBatch([.. Enumerable.Range(1, 50).Select(i => Finished(i, Day.AddHours(5 * i)))], [], 51));
        }

        // What a file of the release before the rollups holds: the records, no usage, no usage format.
        using (var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            raw.DropCollection("usage");
            raw.GetCollection("meta").Delete("usageFormat");
        }

        using var reopened = LiteDbJobStore.Open(path);

        var records = reopened.EndedBetween(Day, Day.AddDays(20), null);
        Assert.Equal(50, records.Count);
        var expected = UsageReport.Build(records, g => "g").Single(r => r.By == "total");
        var actual = UsageReport.Build(reopened.UsageBetween(Day, Day.AddDays(20), null), g => "g").Single(r => r.By == "total");
        Assert.Equal((expected.Jobs, expected.P95WaitSeconds, expected.MeanWaitSeconds), (actual.Jobs, actual.P95WaitSeconds, actual.MeanWaitSeconds));
        Assert.Equal(expected.CpuHoursUsed, actual.CpuHoursUsed, 9);
    }

    public void Dispose() => _directory.Dispose();
}
