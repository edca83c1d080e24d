using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Cron;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Cron;

/// <summary>The real queue and cron service over in-memory stores, on a fake clock that only the test moves.</summary>
internal sealed class CronHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    public static readonly Caller Alice = new(1000, 1000, "alice", false);
    public static readonly Caller Bob = new(1001, 1001, "bob", false);
    public static readonly Caller Root = new(0, 0, "root", true);

    private CronHarness(FakeTimeProvider time, InMemoryJobStore jobs, InMemoryScheduleStore schedules, JobQueue queue, CronScheduleService cron, FakeCronTimer? timer)
    {
        Timer = timer;
        Time = time;
        Jobs = jobs;
        Schedules = schedules;
        Queue = queue;
        Cron = cron;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The fake timer, or null when the harness runs on Quartz.</summary>
    public FakeCronTimer? Timer { get; }

    public InMemoryJobStore Jobs { get; }

    public InMemoryScheduleStore Schedules { get; }

    public JobQueue Queue { get; }

    public CronScheduleService Cron { get; }

    /// <summary>
    /// Starts at <see cref="Start"/> (or <paramref name="now"/>) with these jobs and schedules already stored, as after a
    /// restart; on the <see cref="FakeCronTimer"/>, or with <paramref name="quartz"/> on the server's Quartz timer (on the same fake clock).
    /// </summary>
    public static async Task<CronHarness> StartAsync(IReadOnlyList<Job>? jobs = null, IReadOnlyList<Schedule>? schedules = null, DateTimeOffset? now = null, bool quartz = false)
    {
        var time = new FakeTimeProvider(now ?? Start);
        var jobStore = new InMemoryJobStore();
        if (jobs is { Count: > 0 })
        {
            jobStore.Commit(new JobStoreBatch(jobs, [], jobs.Max(j => j.Id) + 1));
        }

        var scheduleStore = new InMemoryScheduleStore();
        scheduleStore.Put(schedules ?? []);
        var queue = new JobQueue(jobStore, time, NullLogger<JobQueue>.Instance);
        var submitter = new ScheduledSubmitter(queue, new NodeTable(new OpenMosixBatch.Server.Cluster.ClusterMembership(null, [new NodeSnapshot("node1", 2, 4L << 30)]), new OpenMosixBatch.Server.World.WorldGateway(), new OpenMosixBatch.Server.Cluster.NodeAdminStates(null)), Microsoft.Extensions.Options.Options.Create(new OmbServerOptions()));
        var timer = quartz ? null : new FakeCronTimer(time);
        var cron = quartz
            ? new CronScheduleService(scheduleStore, submitter, queue, time, NullLoggerFactory.Instance)
            : new CronScheduleService(scheduleStore, submitter, queue, time, timer!, NullLogger<CronScheduleService>.Instance);
        await queue.StartAsync(CancellationToken.None);
        await cron.StartAsync(CancellationToken.None);
        await cron.Started.WaitAsync(TimeSpan.FromSeconds(10));
        return new CronHarness(time, jobStore, scheduleStore, queue, cron, timer);
    }

    public static JobSpec Spec(string name = "hello.sh") => new()
    {
        Name = name,
        Script = "#!/bin/sh\necho hello\n",
        WorkingDirectory = "/tmp",
        SubmitDirectory = "/tmp",
    };

    public static Schedule Schedule(string name, string expression, OverlapPolicy overlap = OverlapPolicy.Skip, MisfirePolicy misfire = MisfirePolicy.Once) => new()
    {
        Name = name,
        Owner = Alice.AsOwner,
        Expression = expression,
        TimeZoneId = "UTC",
        Overlap = overlap,
        Misfire = misfire,
        Job = Spec(),
        SubmitArguments = ["jobs/hello.sh"],
        CreatedAt = Start.AddDays(-1),
    };

    /// <summary>A job of alice's in <paramref name="state"/>, as the world would have left it.</summary>
    public static Job PreviousRun(long id, JobState state) =>
        JobStateRules.Submit(id, Spec(), Alice.AsOwner, Start.AddHours(-1)) with { State = state };

    public Schedule Stored(string name) => Schedules.Load().Single(s => s.Name == name);

    public IReadOnlyList<Job> JobsOf(string schedule) => [.. Queue.State.Jobs.Values.Where(j => j.ScheduleName == schedule)];

    /// <summary>Polls (the service works on its own task) until <paramref name="done"/>, failing with what was seen.</summary>
    public static async Task WaitForAsync(Func<bool> done, Func<string> seen)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out; saw " + seen());
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }

    /// <summary>Moves the clock and waits until the schedule handled the fire time <paramref name="fireTime"/>.</summary>
    public async Task AdvanceUntilFiredAsync(TimeSpan by, string name, DateTimeOffset fireTime)
    {
        Time.Advance(by);
        await WaitForAsync(() => Stored(name).LastFireTime == fireTime, () => $"{Stored(name)}");
    }

    public async ValueTask DisposeAsync()
    {
        await Cron.StopAsync(CancellationToken.None);
        await Queue.StopAsync(CancellationToken.None);
        Cron.Dispose();
        Queue.Dispose();
        Jobs.Dispose();
    }
}
