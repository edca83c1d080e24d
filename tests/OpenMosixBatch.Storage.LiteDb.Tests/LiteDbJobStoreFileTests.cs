using LiteDB;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;
using Xunit.Abstractions;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>What LiteDbJobStore does with the file itself: creating it, surviving a killed process, damage, backup.</summary>
public sealed class LiteDbJobStoreFileTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Open_MissingDirectoryAndFile_CreatesThem()
    {
        var path = _directory.File("spool/server/omb.db");

        using var store = LiteDbJobStore.Open(path);

        Assert.True(File.Exists(path));
        Assert.Equal(path, store.DatabasePath);
        Assert.Empty(store.Load().Jobs);
    }

    [Fact]
    public void Open_RelativePath_DatabasePathIsAbsolute()
    {
        using var store = LiteDbJobStore.Open(Path.GetRelativePath(Environment.CurrentDirectory, _directory.File("omb.db")));

        Assert.Equal(_directory.File("omb.db"), store.DatabasePath);
    }

    [Fact]
    public void Commit_ThenProcessKilled_FilesAsTheKernelHoldsThemHoldTheBatch()
    {
        // Copying the files while the store is still open reads exactly what the kernel has: what a kill -9 right
        // after Commit would leave. No dispose, no checkpoint happens before the copy.
        var path = _directory.File("live/omb.db");
        using var store = LiteDbJobStore.Open(path);
        store.Commit(new JobStoreBatch([TestJobs.Realistic(1)], [], 2));
        var job = TestJobs.EveryFieldSet(2);
        var jobEvent = new JobEvent(2, TestJobs.SubmitTime, "submitted", "by ada");

        store.Commit(new JobStoreBatch([job], [jobEvent], 3));
        var crashed = Directory.CreateDirectory(_directory.File("crashed")).FullName;
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!))
        {
            File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
        }

        using var recovered = LiteDbJobStore.Open(Path.Combine(crashed, "omb.db"));
        var snapshot = recovered.Load();
        Assert.Equal([1L, 2L], snapshot.Jobs.Select(j => j.Id));
        DeepEquality.AssertEqual(job, snapshot.Jobs[1]);
        Assert.Equal(3, snapshot.NextJobId);
        DeepEquality.AssertEqual(new[] { jobEvent }, recovered.EventsOf(2));
    }

    [Fact]
    public void Commit_ArrayThenProcessKilled_FilesAsTheKernelHoldsThemHoldEveryTask()
    {
        var path = _directory.File("live/omb.db");
        using var store = LiteDbJobStore.Open(path);
        var job = TestJobs.LargeArray(1, 10_000);

        store.Commit(new JobStoreBatch([job], [], 2));
        var crashed = Directory.CreateDirectory(_directory.File("crashed")).FullName;
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!))
        {
            File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
        }

        using var recovered = LiteDbJobStore.Open(Path.Combine(crashed, "omb.db"));
        DeepEquality.AssertEqual(job, Assert.Single(recovered.Load().Jobs));
    }

    [Fact]
    public void Open_FileWithOwnerAndStateIndexes_DropsTheStateOneAndIndexesEndOwnerAndEvents()
    {
        var path = _directory.File("old/omb.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var old = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var jobs = old.GetCollection("jobs");
            jobs.EnsureIndex("ownerUid");
            jobs.EnsureIndex("state");
        }

        LiteDbJobStore.Open(path).Dispose();

        using var reopened = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        var indexes = reopened.GetCollection("$indexes").FindAll().Select(d => $"{d["collection"].AsString}.{d["name"].AsString}").ToList();
        Assert.Contains("jobs.ownerUid", indexes);
        Assert.Contains("jobs.end", indexes);
        Assert.DoesNotContain("jobs.state", indexes);
        Assert.Contains("events.jobId", indexes);
    }

    [Fact]
    public void Open_FileWrittenBeforeTheHistoryWasIndexed_LoadsOnlyItsLiveJobsAndFindsTheFinishedOnes()
    {
        var path = _directory.File("before-history/omb.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var live = TestJobs.Realistic(1);
        var done = TestJobs.Realistic(2) with { State = JobState.Completed, Reason = null, EndTime = TestJobs.SubmitTime.AddHours(1), Tasks = [new JobTask(0, JobState.Completed) { ExitStatus = 0 }] };
        using (var old = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var jobs = old.GetCollection("jobs");
            foreach (var job in new[] { live, done })
            {
                var document = JobDocument.ToBson(job);
                document.Remove(JobDocument.EndField);
                jobs.Insert(document);
            }
        }

        using (var store = LiteDbJobStore.Open(path))
        {
            DeepEquality.AssertEqual(new[] { live }, store.Load().Jobs);
            DeepEquality.AssertEqual(done, store.Find(2));
            Assert.Equal([2L], store.FinishedJobs(null).Select(j => j.Id));
        }

        using var reopened = LiteDbJobStore.Open(path);
        DeepEquality.AssertEqual(new[] { live }, reopened.Load().Jobs);
        Assert.Equal(3, reopened.Load().NextJobId);
    }

    [Fact]
    public void EventsOf_EventsOutOfTimeOrder_ReturnsThemByTimeThenAppendOrder()
    {
        using var store = LiteDbJobStore.Open(_directory.File("omb.db"));
        var later = new JobEvent(1, TestJobs.SubmitTime.AddSeconds(10), "started", "on node-a");
        var sameTimeFirst = new JobEvent(1, TestJobs.SubmitTime, "submitted", "by ada");
        var sameTimeSecond = new JobEvent(1, TestJobs.SubmitTime.ToOffset(TimeSpan.Zero), "held", "-h");

        store.Commit(new JobStoreBatch([], [later, sameTimeFirst], 1));
        store.Commit(new JobStoreBatch([], [sameTimeSecond], 1));

        DeepEquality.AssertEqual(new[] { sameTimeFirst, sameTimeSecond, later }, store.EventsOf(1));
    }

    [Fact]
    public void Open_GarbageFile_ThrowsCorruptNamingTheFileAndTheFix()
    {
        var path = _directory.File("omb.db");
        var garbage = new byte[64 * 1024];
        new Random(42).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        var exception = Assert.Throws<JobStoreCorruptException>(() => LiteDbJobStore.Open(path).Dispose());

        AssertNamesFileAndFix(exception, path);
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Open_TruncatedFile_ThrowsCorrupt(double keptFraction)
    {
        var path = _directory.File("omb.db");
        using (var store = LiteDbJobStore.Open(path))
        {
            store.Commit(new JobStoreBatch([.. Enumerable.Range(1, 2000).Select(i => TestJobs.Realistic(i))], [], 2001));
        }

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keptFraction)]);

        var exception = Assert.Throws<JobStoreCorruptException>(() => LiteDbJobStore.Open(path).Dispose());

        AssertNamesFileAndFix(exception, path);
    }

    [Fact]
    public void Open_JobDocumentThatDoesNotParse_ThrowsCorruptNamingTheJob()
    {
        var path = _directory.File("omb.db");
        using (var store = LiteDbJobStore.Open(path))
        {
            store.Commit(new JobStoreBatch([TestJobs.Realistic(1)], [], 2));
        }

        using (var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var jobs = database.GetCollection("jobs");
            var document = jobs.FindById(1);
            document["json"] = "{\"Id\": 1, \"Spec\": ";
            jobs.Update(document);
        }

        var exception = Assert.Throws<JobStoreCorruptException>(() => LiteDbJobStore.Open(path).Dispose());

        AssertNamesFileAndFix(exception, path);
        Assert.True(exception.Message.Contains("job document 1", StringComparison.Ordinal), exception.Message);
    }

    [Fact]
    public void Backup_OpenStore_CopyOpensWithTheSameJobsCounterAndEvents()
    {
        using var store = LiteDbJobStore.Open(_directory.File("omb.db"));
        var jobs = new[] { TestJobs.EveryFieldSet(1), TestJobs.Realistic(2) };
        var jobEvent = new JobEvent(1, TestJobs.SubmitTime, "submitted", "by ada");
        store.Commit(new JobStoreBatch(jobs, [jobEvent], 10));
        var backupPath = _directory.File("backups/omb.db.bak");

        store.Backup(backupPath);
        store.Commit(new JobStoreBatch([TestJobs.Realistic(3)], [], 11));

        using var backup = LiteDbJobStore.Open(backupPath);
        var snapshot = backup.Load();
        DeepEquality.AssertEqual(jobs, snapshot.Jobs);
        Assert.Equal(10, snapshot.NextJobId);
        DeepEquality.AssertEqual(new[] { jobEvent }, backup.EventsOf(1));
        Assert.Equal(3, store.Load().Jobs.Count);
        Assert.False(File.Exists(backupPath + ".tmp"));
    }

    [Fact]
    public void Backup_ExistingBackup_IsReplaced()
    {
        using var store = LiteDbJobStore.Open(_directory.File("omb.db"));
        var backupPath = _directory.File("omb.db.bak");
        store.Commit(new JobStoreBatch([TestJobs.Realistic(1)], [], 2));
        store.Backup(backupPath);
        store.Commit(new JobStoreBatch([TestJobs.Realistic(2)], [], 3));

        store.Backup(backupPath);

        using var backup = LiteDbJobStore.Open(backupPath);
        Assert.Equal([1L, 2L], backup.Load().Jobs.Select(j => j.Id));
    }

    [Fact]
    public void Backup_OntoTheDatabaseItself_ThrowsNamingAnotherPath()
    {
        using var store = LiteDbJobStore.Open(_directory.File("omb.db"));

        var exception = Assert.Throws<ArgumentException>(() => store.Backup(store.DatabasePath));

        Assert.Contains("omb.db.bak", exception.Message, StringComparison.Ordinal);
    }

    private void AssertNamesFileAndFix(JobStoreCorruptException exception, string path)
    {
        output.WriteLine(exception.Message);
        Assert.Equal(path, exception.DatabasePath);
        Assert.StartsWith($"the job database {path} is damaged (", exception.Message, StringComparison.Ordinal);
        Assert.Contains("omb server --restore-backup", exception.Message, StringComparison.Ordinal);
        Assert.Contains("move the file away", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }

    public void Dispose() => _directory.Dispose();
}
