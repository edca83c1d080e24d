using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Contract;

public sealed class LiteDbScheduleStoreTests : ScheduleStoreContract
{
    private readonly TemporaryDirectory _directory = new();
    private readonly Dictionary<IScheduleStore, LiteDbJobStore> _owners = [];
    private int _count;

    protected override IScheduleStore CreateStore() => Track(LiteDbJobStore.Open(_directory.File($"store{++_count}/omb.db")));

    protected override IScheduleStore Reopen(IScheduleStore store)
    {
        var jobs = _owners[store];
        var path = jobs.DatabasePath;
        jobs.Dispose();
        _owners.Remove(store);
        return Track(LiteDbJobStore.Open(path));
    }

    [Fact]
    public void Put_SchedulesBesideJobs_LeavesTheJobsAndTheirCounterAlone()
    {
        using var jobs = LiteDbJobStore.Open(_directory.File("shared/omb.db"));
        jobs.Commit(new Core.Storage.JobStoreBatch([TestJobs.Realistic(1)], [], 9));
        var schedules = LiteDbScheduleStore.Open(jobs);

        schedules.Put([TestSchedules.Plain("nightly")]);

        var snapshot = jobs.Load();
        Assert.Equal((1L, 9L), (Assert.Single(snapshot.Jobs).Id, snapshot.NextJobId));
        Assert.Equal("nightly", Assert.Single(schedules.Load()).Name);
    }

    protected override void DisposeResources()
    {
        foreach (var jobs in _owners.Values)
        {
            jobs.Dispose();
        }

        _directory.Dispose();
    }

    private LiteDbScheduleStore Track(LiteDbJobStore jobs)
    {
        var store = LiteDbScheduleStore.Open(jobs);
        _owners[store] = jobs;
        return store;
    }
}
