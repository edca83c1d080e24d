using LiteDB;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>Core's bound of a job's stored size holds against what this store really writes.</summary>
public sealed class StoredJobSizeTests
{
    private static long StoredBytes(Job job) => BsonSerializer.Serialize(JobDocument.ToBson(job)).Length;

    [Fact]
    public void UpperBound_JobWithEveryFieldSet_IsAtLeastItsStoredSize()
    {
        var job = TestJobs.EveryFieldSet(1);

        Assert.InRange(StoredBytes(job), 1, StoredJobSize.UpperBound(job.Spec));
    }

    [Theory]
    [InlineData('\u0001')]
    [InlineData('"')]
    [InlineData('\\')]
    [InlineData('\u007f')]
    [InlineData('\u2028')]
    [InlineData('\ufffe')]
    [InlineData('\ud800')]
    [InlineData('é')]
    [InlineData('a')]
    public void UpperBound_TextsOfOneCharacterRepeated_IsAtLeastTheirStoredSize(char c)
    {
        var text = new string(c, 10_000);
        var job = TestJobs.EveryFieldSet(1) with
        {
            Spec = TestJobs.EveryFieldSet(1).Spec with
            {
                Script = text,
                Name = text,
                Arguments = [text, text],
                Environment = new Dictionary<string, string> { [text] = text },
                OutputPath = text,
            },
        };

        Assert.InRange(StoredBytes(job), 60_000, StoredJobSize.UpperBound(job.Spec));
    }

    [Fact]
    public void PerTaskBytes_TaskWithEverythingItRecords_FitsInIt()
    {
        // Realistic sizes at their largest: host names of 32, reasons of 160 characters, terabyte checkpoints, a
        // migration; a job that outgrows the store all the same is ended (OversizedJob), not stuck.
        var full = TestJobs.EveryFieldSet(1).Tasks[0] with
        {
            Index = 99_999,
            Node = ExecutionHosts.On(new string('n', 32)),
            Reason = new string('r', 160),
            StayReason = new string('s', 80),
            Checkpoints = [.. Enumerable.Range(1, CheckpointRules.KeptGenerations)
                .Select(g => new TaskCheckpoint(1000 + g, TestJobs.SubmitTime, 1L << 40, new string('a', 64)))],
            BadGenerations = [997, 998],
            LastMigration = new TaskMigration(new string('f', 32), new string('t', 32), 1L << 40, TimeSpan.FromHours(1), TestJobs.SubmitTime),
            Migration = null,

            // Ended, it has no exit cause: a task records one only in E, where it has no end time or exit status.
            ExitCause = ExitCause.None,
        };
        var exiting = full with { State = JobState.Exiting, EndTime = null, ExitStatus = null, ExitCause = ExitCause.Deletion };

        Assert.InRange(GrowthOf(full), 1, StoredJobSize.PerTaskBytes);
        Assert.InRange(GrowthOf(exiting), 1, StoredJobSize.PerTaskBytes);
    }

    /// <summary>The bytes <paramref name="task"/> adds to a job's stored record.</summary>
    private static long GrowthOf(JobTask task)
    {
        var one = TestJobs.EveryFieldSet(1) with { Tasks = [task] };
        var two = one with { Tasks = [task, task] };
        return StoredBytes(two) - StoredBytes(one);
    }
}
