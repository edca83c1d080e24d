using System.Collections;
using System.Reflection;
using LiteDB;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>
/// The store's filters keep their values out of the expression's text, so that LiteDB compiles each once, and still
/// seek their field's index. Pruning a backlog of finished jobs compiled one filter per job under the store's lock, which
/// made qsub on a server with a year of history wait seconds for its commit.
/// </summary>
public sealed class StoreQueriesTests : IDisposable
{
    private static readonly DateTimeOffset Cutoff = TestJobs.SubmitTime.AddDays(10);

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void PruneFinishedBefore_ManyJobs_CompilesNoFilterPerJob()
    {
        const int jobs = 60;
        using var store = LiteDbJobStore.Open(_directory.File("omb.db"));
        var finished = Enumerable.Range(1, jobs).Select(i => Finished(i, Cutoff.AddMinutes(-i))).ToList();
        store.Commit(new JobStoreBatch(finished, [.. finished.Select(j => new JobEvent(j.Id, j.EndTime!.Value, "completed", "0"))], jobs + 1));
        // A first pass compiles the store's texts once; the second, over as many other jobs, must add none per job.
        store.PruneFinishedBefore(Cutoff.AddMinutes(-jobs / 2), jobs);
        var compiled = CompiledTexts();

        Assert.Equal(jobs / 2, store.PruneFinishedBefore(Cutoff, jobs));
        _ = Enumerable.Range(1, jobs).Select(id => store.EventsOf(id)).ToList();

        var added = CompiledTexts() - compiled;
        // Fewer than one per job: other tests compiling their own texts meanwhile may add a few.
        Assert.True(added < jobs / 3, $"pruning {jobs / 2} jobs and reading {jobs} jobs' events compiled {added} new LiteDB expressions: a value was written into a filter's text");
    }

    [Fact]
    public void Filters_OfDifferentValues_HaveOneText()
    {
        Assert.Equal(StoreQueries.EventsOf(1).Source, StoreQueries.EventsOf(2).Source);
        Assert.Equal(StoreQueries.Between("end", 1L, 2L).Source, StoreQueries.Between("end", 3L, 4L).Source);
        Assert.Equal(StoreQueries.BetweenAndEqual("end", 1L, 2L, "uid", 5L).Source, StoreQueries.BetweenAndEqual("end", 3L, 4L, "uid", 6L).Source);
        Assert.DoesNotContain("12345", StoreQueries.Above("_id", 12345L).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void EventsOf_SeeksTheJobIdIndex_AndFindsExactlyTheJobsEvents()
    {
        var path = _directory.File("omb.db");
        using (var store = LiteDbJobStore.Open(path))
        {
            store.Commit(new JobStoreBatch([TestJobs.Realistic(1), TestJobs.Realistic(2)],
                [new JobEvent(1, Cutoff, "submitted", "a"), new JobEvent(2, Cutoff, "submitted", "b"), new JobEvent(2, Cutoff, "held", "c")], 3));
        }

        using var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        var events = database.GetCollection("events");
        var filter = StoreQueries.EventsOf(2);

        Assert.StartsWith($"INDEX SEEK({EventDocument.JobIdField} =", IndexMode(events, filter));
        Assert.Equal(2, events.Find(filter).Count());
    }

    [Fact]
    public void BetweenAndEqual_SeeksTheRangeOfTheFirstFieldsIndex_AndFiltersByTheSecond()
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = _directory.File("plain.db"), Connection = ConnectionType.Direct });
        var records = database.GetCollection("accounting");
        records.EnsureIndex("end");
        records.Insert(Enumerable.Range(1, 20).Select(i => new BsonDocument { ["_id"] = i, ["end"] = (long)i, ["uid"] = (long)(i % 2) }));
        var filter = StoreQueries.BetweenAndEqual("end", 5L, 10L, "uid", 1L);

        Assert.StartsWith("INDEX RANGE", IndexMode(records, filter), StringComparison.Ordinal);
        Assert.Equal([5, 7, 9], records.Find(filter).Select(d => d["_id"].AsInt32));
        Assert.Equal([3, 4], records.Find(StoreQueries.Between("end", 3L, 4L)).Select(d => d["_id"].AsInt32));
        Assert.Equal([19, 20], records.Find(StoreQueries.Above("end", 18L)).Select(d => d["_id"].AsInt32));
        Assert.Equal([1], records.Find(StoreQueries.Below("end", 2L)).Select(d => d["_id"].AsInt32));
    }

    public void Dispose() => _directory.Dispose();

    private static string IndexMode(ILiteCollection<BsonDocument> collection, BsonExpression filter) =>
        collection.Query().Where(filter).GetPlan()["index"]["mode"].AsString;

    /// <summary>How many texts LiteDB 5.0.21 has compiled in this process (its two caches of compiled expressions).</summary>
    private static int CompiledTexts()
    {
        var caches = typeof(BsonExpression).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType.Name.StartsWith("ConcurrentDictionary", StringComparison.Ordinal))
            .Select(f => (ICollection)f.GetValue(null)!)
            .ToList();
        Assert.True(caches.Count > 0, "LiteDB's caches of compiled expressions (static ConcurrentDictionary fields of BsonExpression) were not found: rewrite this check for the LiteDB version in use");
        return caches.Sum(c => c.Count);
    }

    private static Job Finished(long id, DateTimeOffset end) => TestJobs.Realistic(id) with
    {
        State = JobState.Completed,
        Reason = null,
        StartTime = end.AddMinutes(-1),
        EndTime = end,
        Tasks = [new JobTask(0, JobState.Completed) { StartTime = end.AddMinutes(-1), EndTime = end, ExitStatus = 0, Node = ExecutionHosts.On("node1") }],
    };
}
