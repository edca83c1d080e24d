using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>Equal values of many jobs are held once, and sharing never changes what a job is.</summary>
public sealed class JobValuePoolTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    // Built at run time, as a request's or a record's strings are: equal, but distinct objects.
    private static string Fresh(string text) => new([.. text]);

    private static JobSpec Spec(string name) => new()
    {
        Name = name,
        Script = Fresh("#!/bin/sh\necho hi\n"),
        WorkingDirectory = Fresh("/home/ada/run"),
        SubmitDirectory = Fresh("/home/ada/run"),
        Queue = Fresh("batch"),
        Command = new List<string>(),
        Arguments = new List<string> { Fresh("--fast") },
        Environment = new Dictionary<string, string> { [Fresh("OMP_NUM_THREADS")] = Fresh("4") },
        Checkpoint = new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5)),
        MailUsers = new List<string>(),
        Resources = new ResourceRequest() { Hosts = new List<string>(), Properties = new List<string>(), Ignored = new List<string>() },
    };

    private static Job Submitted(long id, JobSpec spec) => JobStateRules.Submit(id, spec, new JobOwner(1000, 1000, Fresh("ada")), Now);

    [Fact]
    public void Share_TwoJobsWithEqualValues_HoldOneInstanceOfEach()
    {
        var pool = new JobValuePool();

        var a = pool.Share(Submitted(1, Spec("a")));
        var b = pool.Share(Submitted(2, Spec("b")));

        Assert.Same(a.Spec.Script, b.Spec.Script);
        Assert.Same(a.Spec.WorkingDirectory, b.Spec.WorkingDirectory);
        Assert.Same(a.Spec.WorkingDirectory, b.Spec.SubmitDirectory);
        Assert.Same(a.Spec.Queue, b.Spec.Queue);
        Assert.Same(a.Spec.Arguments[0], b.Spec.Arguments[0]);
        Assert.Same(a.Spec.Environment.Keys.Single(), b.Spec.Environment.Keys.Single());
        Assert.Same(a.Spec.Checkpoint, b.Spec.Checkpoint);
        Assert.Same(a.Owner, b.Owner);
        Assert.Same(a.Spec.Command, b.Spec.Command);
        Assert.Same(a.Spec.MailUsers, b.Spec.Command);
        Assert.Same(a.Spec.Resources.Hosts, b.Spec.Resources.Properties);
        Assert.Same(a.Spec.Resources, pool.Share(a.Spec).Resources);   // already shared: not copied again
        Assert.NotSame(a.Spec.Name, b.Spec.Name);
    }

    [Fact]
    public void Share_KeepsEveryValue()
    {
        var spec = Spec("a");
        var job = Submitted(1, spec);

        var shared = new JobValuePool().Share(job);

        Assert.Equal(spec.Script, shared.Spec.Script);
        Assert.Equal(spec.WorkingDirectory, shared.Spec.WorkingDirectory);
        Assert.Equal(spec.Arguments, shared.Spec.Arguments);
        Assert.Equal(spec.Environment, shared.Spec.Environment);
        Assert.Equal(spec.Checkpoint, shared.Spec.Checkpoint);
        Assert.Equal(spec.Resources, shared.Spec.Resources);
        Assert.Equal(job.Owner, shared.Owner);
        Assert.Equal((job.Id, job.State, job.Reason), (shared.Id, shared.State, shared.Reason));
        Assert.Equal(job.Tasks, shared.Tasks);
    }

    [Fact]
    public void Share_PlainRequestsAndNeverStartedTasks_AreHeldOnce_OthersAsTheyAre()
    {
        var pool = new JobValuePool();
        var plain = Spec("a") with { Resources = new ResourceRequest(CpusPerChunk: 2) { MoreChunks = new List<ChunkKind>(), Hosts = new List<string>() } };
        var pinned = plain with { Resources = plain.Resources with { Hosts = [Fresh("node2")] } };

        var a = pool.Share(Submitted(1, plain));
        var b = pool.Share(Submitted(2, plain with { Resources = plain.Resources with { MoreChunks = new List<ChunkKind>() } }));
        var c = pool.Share(Submitted(3, pinned));
        var started = Submitted(4, plain) is var s ? s with { Tasks = [s.Tasks[0] with { State = JobState.Running, StartTime = Now }] } : null!;

        Assert.Same(a.Spec.Resources, b.Spec.Resources);
        Assert.Same(a.Tasks, b.Tasks);
        Assert.Same(a.Tasks, c.Tasks);
        Assert.Equal(new JobTask(0, JobState.Queued), Assert.Single(a.Tasks));
        Assert.Equal(2, a.Spec.Resources.CpusPerChunk);
        Assert.Equal(pinned.Resources.Hosts, c.Spec.Resources.Hosts);
        Assert.NotSame(a.Spec.Resources, c.Spec.Resources);
        Assert.Same(started.Tasks, pool.Share(started).Tasks);
    }

    [Fact]
    public void Share_AChangeOfStateAlone_ReusesTheJobsSharedSpec()
    {
        var pool = new JobValuePool();
        var queued = pool.Share(Submitted(1, Spec("a")));
        var held = queued with { UserHold = true };

        Assert.Same(held, pool.Share(held, queued));
    }

    [Fact]
    public void Share_PastItsBudget_StartsAfresh()
    {
        var pool = new JobValuePool();
        var big = new string('x', JobValuePool.LongestShared - 8);
        var most = 0;
        for (var i = 0; i < 2 * JobValuePool.CharacterBudget / big.Length; i++)
        {
            var before = pool.StringCount;
            pool.Share(Submitted(i, Spec("n") with { Script = big + i }));
            if (pool.StringCount < before)
            {
                Assert.True(most >= JobValuePool.CharacterBudget / JobValuePool.LongestShared, $"started afresh at {most} strings");
                return;
            }

            most = Math.Max(most, pool.StringCount);
        }

        Assert.Fail($"the pool grew to {most} strings, past its budget, without starting afresh");
    }

    [Fact]
    public async Task JobQueue_SubmittedAndReloadedJobs_ShareTheirValues()
    {
        using var store = new InMemoryJobStore();
        var nodes = new NodeSnapshot[] { new("node1", 2, 4L << 30) };
        var caller = new Caller(1000, 1000, Fresh("ada"), false);
        using (var queue = new JobQueue(store, new FakeTimeProvider(Now), NullLogger<JobQueue>.Instance))
        {
            await queue.StartAsync(CancellationToken.None);
            await queue.EnqueueAsync(new SubmitCommand(Spec("a"), caller, nodes, ["batch"], 256L << 20, SubmissionLimits.Default));
            await queue.EnqueueAsync(new SubmitCommand(Spec("b"), caller, nodes, ["batch"], 256L << 20, SubmissionLimits.Default));
            var jobs = queue.State.Jobs.Values.ToList();
            Assert.Same(jobs[0].Spec.WorkingDirectory, jobs[1].Spec.WorkingDirectory);
            Assert.Same(jobs[0].Owner, jobs[1].Owner);
            Assert.Same(jobs[0].Spec.Resources, jobs[1].Spec.Resources);
            Assert.Same(jobs[0].Tasks, jobs[1].Tasks);
            await queue.StopAsync(CancellationToken.None);
        }

        using var reloaded = new JobQueue(store, new FakeTimeProvider(Now), NullLogger<JobQueue>.Instance);
        var loaded = reloaded.State.Jobs.Values.ToList();
        Assert.Equal(2, loaded.Count);
        Assert.Same(loaded[0].Spec.Script, loaded[1].Spec.Script);
        Assert.Same(loaded[0].Spec.Resources, loaded[1].Spec.Resources);
        Assert.Equal("#!/bin/sh\necho hi\n", loaded[1].Spec.Script);
    }
}
