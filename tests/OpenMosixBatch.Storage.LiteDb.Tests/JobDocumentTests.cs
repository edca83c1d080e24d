using System.Text.Json;
using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>The stored form of one job: compact for an array's waiting tasks, and still readable in its older form.</summary>
public sealed class JobDocumentTests
{
    private static Job WaitingArray(int elements) => TestJobs.Realistic(1) with
    {
        Tasks = [.. Enumerable.Range(0, elements).Select(i => new JobTask(i, JobState.Queued))],
    };

    [Fact]
    public void ToBson_WaitingArrayOfTenThousand_StoresOneRunAndNoTaskObjects()
    {
        var document = JobDocument.ToBson(WaitingArray(10_000));

        Assert.Equal("0 Queued 0 1 10000", document["plainTasks"].AsString);
        Assert.Contains("\"Tasks\":[]", document["json"].AsString, StringComparison.Ordinal);
        Assert.InRange(BsonSerializer.Serialize(document).Length, 1, 4096);
    }

    [Fact]
    public void ToBson_NoPlainTask_WritesVersionOneWithoutRuns()
    {
        var job = TestJobs.EveryFieldSet(4);

        var document = JobDocument.ToBson(job);

        Assert.Equal(1, document["v"].AsInt32);
        Assert.False(document.ContainsKey("plainTasks"));
    }

    [Fact]
    public void FromBson_VersionOneWithEveryMemberSpelledOut_ReadsTheSameJob()
    {
        // The form written before plain tasks were kept as runs: every task in the JSON.
        var job = TestJobs.LargeArray(3, 20);
        var spelledOut = JsonSerializer.Serialize(job, JobJsonContext.Default.Job);
        Assert.Contains("\"Checkpoints\":[]", spelledOut, StringComparison.Ordinal);
        var stored = JobDocument.ToBson(job);
        stored["v"] = 1;
        stored.Remove("plainTasks");
        stored["json"] = spelledOut;

        DeepEquality.AssertEqual(job, JobDocument.FromBson(stored));
    }

    [Fact]
    public void FromBson_NodeWrittenAsAJoinedString_ReadsEveryChunksHost()
    {
        // Before ExecutionHosts, JobTask.Node was a string of the chunks' nodes joined by ',': the shape it still has.
        var job = TestJobs.EveryFieldSet(4);
        var stored = JobDocument.ToBson(job);
        var json = stored["json"].AsString;
        Assert.Contains("\"Node\":\"node-a\"", json, StringComparison.Ordinal);
        stored["json"] = json.Replace("\"Node\":\"node-a\"", "\"Node\":\"node-a,node-c,node-a\"", StringComparison.Ordinal);

        var read = JobDocument.FromBson(stored);

        var hosts = read.Tasks.Select(t => t.Node).OfType<ExecutionHosts>().First(h => h.Count == 3);
        Assert.Equal(["node-a", "node-c", "node-a"], hosts);
        Assert.Equal("node-a", hosts.First);
    }

    [Fact]
    public void FromBson_TasksInExitingWrittenWithoutACause_GetTheCauseTheirReasonMeant()
    {
        // Before ExitCause, a task's reason text told a deletion or a rerun from its node's limit kill.
        var every = TestJobs.EveryFieldSet(4);
        var job = every with
        {
            State = JobState.Exiting,
            Tasks =
            [
                new JobTask(1, JobState.Exiting) { Node = ExecutionHosts.On("node-a"), Reason = "deleted by alice" },
                new JobTask(3, JobState.Exiting) { Node = ExecutionHosts.On("node-a"), Reason = "requeued by omb node remove --now of node-a" },
                new JobTask(5, JobState.Exiting) { Node = ExecutionHosts.On("node-b"), Reason = "walltime 00:01:00 exceeded" },
                new JobTask(100_000, JobState.Deleted) { Reason = "deleted by alice" },
            ],
        };
        var stored = JobDocument.ToBson(job);
        Assert.DoesNotContain("ExitCause", stored["json"].AsString, StringComparison.Ordinal);

        var read = JobDocument.FromBson(stored);

        Assert.Equal([ExitCause.Deletion, ExitCause.Rerun, ExitCause.Limit, ExitCause.None], read.Tasks.Select(t => t.ExitCause));
        Assert.Equal(job.Tasks.Select(t => t.Reason), read.Tasks.Select(t => t.Reason));
    }

    [Fact]
    public void FromBson_StoredCause_IsKeptWhateverTheReasonSays()
    {
        var every = TestJobs.EveryFieldSet(4);
        var job = every with
        {
            Tasks = [new JobTask(1, JobState.Exiting) { Node = ExecutionHosts.On("node-a"), Reason = "requeued by alice", ExitCause = ExitCause.Deletion }],
        };

        var read = JobDocument.FromBson(JobDocument.ToBson(job));

        Assert.Equal(ExitCause.Deletion, read.Tasks[0].ExitCause);
    }

    [Theory]
    [InlineData("0 Queued 0 1 10000;5 Queued 0 1 1")]
    [InlineData("0 Queued 0 1 200000")]
    [InlineData("5 Queued 0 1 10")]
    [InlineData("0 1 0 1 10")]
    [InlineData("0 Queued,Held 0 1 10")]
    [InlineData("0 Queued 0 1 0")]
    [InlineData("0 Queued 2147483647 1 2")]
    [InlineData("0 Queued 0 1")]
    public void FromBson_RunsThatDoNotFit_ThrowsInvalidDataNamingTheJob(string runs)
    {
        var document = JobDocument.ToBson(WaitingArray(10_000));
        document["plainTasks"] = runs;

        var thrown = Assert.Throws<InvalidDataException>(() => JobDocument.FromBson(document));

        Assert.StartsWith("job document 1", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBson_VersionTwoWithoutRuns_ThrowsInvalidData()
    {
        var document = JobDocument.ToBson(WaitingArray(3));
        document.Remove("plainTasks");

        Assert.Throws<InvalidDataException>(() => JobDocument.FromBson(document));
    }

    [Fact]
    public void Join_OfSplit_RandomMixesOfPlainAndFullTasks_GivesTheTasksBackInOrder()
    {
        var random = new Random(15);
        var states = Enum.GetValues<JobState>();
        for (var round = 0; round < 200; round++)
        {
            var index = random.Next(-50, 50);
            var tasks = Enumerable.Range(0, random.Next(0, 60)).Select(_ =>
            {
                index += random.Next(3) == 0 ? random.Next(-5, 6) : 1;
                var task = new JobTask(index, states[random.Next(random.Next(2) == 0 ? 1 : states.Length)]);
                return random.Next(4) == 0 ? task with { Requeues = random.Next(1, 3) } : task;
            }).ToList();

            var (listed, runs) = PlainTaskRuns.Split(tasks);
            var joined = runs is null ? listed : PlainTaskRuns.Join(listed, runs);

            Assert.Equal(tasks, joined);
        }
    }
}
