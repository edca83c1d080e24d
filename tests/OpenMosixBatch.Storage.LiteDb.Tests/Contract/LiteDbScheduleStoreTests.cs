using LiteDB;
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

    [Fact]
    public void Open_NameKeyedDocumentsOfThePreviousVersion_LoadAndAreRewrittenUnderOwnerAndName()
    {
        var path = _directory.File("old/omb.db");
        LiteDbJobStore.Open(path).Dispose();
        var ada = TestSchedules.EveryFieldSet("nightly");
        var bob = TestSchedules.Plain("weekly", uid: 1001);
        using (var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            // As the version before per-owner names wrote them: keyed by name alone, format 1.
            database.GetCollection("schedules").Insert(new[] { ada, bob }.Select(s => new BsonDocument
            {
                ["_id"] = s.Name,
                ["v"] = 1,
                ["ownerUid"] = (long)s.Owner.Uid,
                ["json"] = System.Text.Json.JsonSerializer.Serialize(s, ScheduleJsonContext.Default.Schedule),
            }));
        }

        using (var jobs = LiteDbJobStore.Open(path))
        {
            var store = LiteDbScheduleStore.Open(jobs);
            DeepEquality.AssertEqual(ada, store.Load()[0]);
            DeepEquality.AssertEqual(bob, store.Load()[1]);
            store.Put([ada with { LastJobId = 9 }]);
            Assert.True(store.Delete(new ScheduleKey(1001, "weekly")));
        }

        using var reopened = LiteDbJobStore.Open(path);
        var left = Assert.Single(LiteDbScheduleStore.Open(reopened).Load());
        Assert.Equal(("nightly", 4_000_000_000u, (long?)9), (left.Name, left.Owner.Uid, left.LastJobId));
        reopened.Dispose();
        using var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        var document = Assert.Single(raw.GetCollection("schedules").FindAll());
        Assert.Equal(("4000000000/nightly", 2), (document["_id"].AsString, document["v"].AsInt32));
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
