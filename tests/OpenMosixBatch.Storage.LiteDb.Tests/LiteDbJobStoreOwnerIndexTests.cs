using LiteDB;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>
/// The owner is indexed on finished jobs only (a user's qstat -x reads nothing else), so that a job costs that index
/// nothing while it lives; a file with the older index on every job's owner keeps it and is read through it.
/// </summary>
public sealed class LiteDbJobStoreOwnerIndexTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Open_NewFile_IndexesTheOwnerOfFinishedJobsOnly_AndFindsThemByOwner()
    {
        var path = _directory.File("omb.db");
        using (var store = LiteDbJobStore.Open(path))
        {
            Commit(store);
            AssertFinishedByOwner(store);
        }

        // No index on every job's owner: the finished-owner index is a multi-key path, which has no key for a live job.
        Assert.Equal(["_id", JobDocument.EndField, JobDocument.FinishedOwnerField], JobIndexes(path));
    }

    [Fact]
    public void Open_FileWithTheOlderIndexOnEveryOwner_KeepsIt_AndFindsFinishedJobsByOwner()
    {
        var path = _directory.File("omb.db");
        using (var older = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            older.GetCollection(LiteDbJobStore.JobsCollection).EnsureIndex(JobDocument.OwnerUidField);
        }

        using (var store = LiteDbJobStore.Open(path))
        {
            Commit(store);
            AssertFinishedByOwner(store);
        }

        Assert.Equal(["_id", JobDocument.EndField, JobDocument.OwnerUidField], JobIndexes(path));
    }

    public void Dispose() => _directory.Dispose();

    private static void Commit(LiteDbJobStore store)
    {
        var end = TestJobs.SubmitTime.AddHours(1);
        store.Commit(new JobStoreBatch([TestJobs.Realistic(1), Finished(2, end, 1000), Finished(3, end, 1001), TestJobs.Realistic(4) with { Owner = new JobOwner(1001, 1001, "bob") }], [], 5));
    }

    private static void AssertFinishedByOwner(LiteDbJobStore store)
    {
        Assert.Equal([2L], store.FinishedJobs(1000).Select(j => j.Id));
        Assert.Equal([3L], store.FinishedJobs(1001).Select(j => j.Id));
        Assert.Empty(store.FinishedJobs(1002));
    }

    private static List<string> JobIndexes(string path)
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        return [.. database.GetCollection("$indexes").FindAll().Where(d => d["collection"] == LiteDbJobStore.JobsCollection).Select(d => d["name"].AsString).Order(StringComparer.Ordinal)];
    }

    private static Job Finished(long id, DateTimeOffset end, uint uid) => TestJobs.Realistic(id) with
    {
        Owner = new JobOwner(uid, uid, uid == 1000 ? "ada" : "bob"),
        State = JobState.Completed,
        Reason = null,
        StartTime = end.AddMinutes(-1),
        EndTime = end,
        Tasks = [new JobTask(0, JobState.Completed) { StartTime = end.AddMinutes(-1), EndTime = end, ExitStatus = 0, Node = ExecutionHosts.On("node1") }],
    };
}
