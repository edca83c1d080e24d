using System.Security.Cryptography;
using System.Threading.Channels;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Tests.Hosting;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>
/// The server's half of the checkpoint protocol over the real socket, with the test acting as rank 0 of a world:
/// attach, orders, uploads, task events, tunables and qdel during a migration.
/// </summary>
public sealed class CheckpointFlowTests() : RunningServerTests("omb-ckflow-")
{
    private const string World = "w-test";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly Channel<WorldOrder> _orders = Channel.CreateUnbounded<WorldOrder>();
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;

    private static readonly string[] NodeNames = ["node1", "node2", "node3", "node4"];

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var nodes = NodeNames.Select((n, i) => new NodeLoad(n, i, 2, 4L << 30, 1, 0, 0, 4L << 30, [])).ToList();
        await Client.AttachWorldAsync(new WorldAttachRequest(World, nodes, []));
        var streamClient = Server.Client();
        _reader = Task.Run(async () =>
        {
            using (streamClient)
            {
                await foreach (var order in streamClient.ReadWorldOrdersAsync(World, _stop.Token))
                {
                    if (order.Kind != WorldOrderKind.Ping)
                    {
                        await _orders.Writer.WriteAsync(order);
                    }
                }
            }
        });
    }

    public override async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reader is not null)
        {
            await Task.WhenAny(_reader, Task.Delay(Deadline, TimeProvider.System));
        }

        _stop.Dispose();
        await base.DisposeAsync();
    }

    private protected override void Configure(ServerConfiguration config) => config.Options.AdministratorUids.Add(ServerIdentity.EffectiveUid);

    private async Task<WorldOrder> NextOrderAsync(WorldOrderKind kind)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            var order = await _orders.Reader.ReadAsync(timeout.Token);
            if (order.Kind == kind)
            {
                return order;
            }
        }
    }

    private Task<WorldReportResponse> ReportAsync(params TaskEvent[] events) => Client.ReportWorldAsync(new WorldReport(World, null, events));

    private async Task<Job> JobAsync(long id) => (await Client.GetJobAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Job;

    private async Task<Job> PollAsync(long id, Func<Job, bool> done, string phase)
    {
        var until = Now + Deadline;
        Job job;
        do
        {
            job = await JobAsync(id);
            if (done(job))
            {
                return job;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
        while (Now < until);
        Assert.Fail($"{phase}: job {id} still {job.State} ({job.Tasks[0].State} on {job.Tasks[0].Node})");
        return job;
    }

    private static (byte[] Bytes, string Sha) Packed(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private async Task<long> StartCheckpointingJobAsync()
    {
        var spec = new JobSpec { Name = "ck", Command = ["/bin/true"], WorkingDirectory = "/tmp", SubmitDirectory = "/tmp", Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled) };
        var id = (await Client.SubmitAsync(new SubmitRequest(spec))).Id;
        var start = await NextOrderAsync(WorldOrderKind.Start);
        Assert.Equal((id, (CheckpointRef?)null, 0), (start.JobId, start.Restore, start.RestartCount));
        await ReportAsync(new TaskEvent(TaskEventKind.Started, id, 0, start.Node!, Now, SessionId: 100));
        return id;
    }

    [Fact]
    public async Task Reattach_TaskWhoseStartOrderDiedWithTheWorld_IsSentAgainAsNeverStarted_NotCountedAsARerun()
    {
        // Dispatched, never reported started, and the next world (same nodes) does not run it: it never ran.
        var spec = new JobSpec { Name = "nr", Command = ["/bin/true"], WorkingDirectory = "/tmp", SubmitDirectory = "/tmp", Rerunnable = false };
        var id = (await Client.SubmitAsync(new SubmitRequest(spec))).Id;
        var first = await NextOrderAsync(WorldOrderKind.Start);
        Assert.Equal(id, first.JobId);
        var nodes = NodeNames.Select((n, i) => new NodeLoad(n, i, 2, 4L << 30, 1, 0, 0, 4L << 30, [])).ToList();

        var attach = await Client.AttachWorldAsync(new WorldAttachRequest(World, nodes, []));

        // Before this rule it failed as "not rerunnable" although it never ran; now it waits (or is already sent again).
        Assert.Equal(1, attach.Requeued);
        var job = await JobAsync(id);
        Assert.True(job.Tasks[0] is { State: JobState.Queued or JobState.Running, Requeues: 0 }, $"{job.Tasks[0].State}, {job.Tasks[0].Requeues} requeue(s): {job.Tasks[0].Reason}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reattach_TaskThatEndedWhileNoServerListened_IsNotLostWhenTheWorldReportsIt(bool reported)
    {
        // The world outlived a server: the task ended meanwhile, so it is not running, and its end event is queued.
        var id = await StartCheckpointingJobAsync();
        var node = (await JobAsync(id)).Tasks[0].Node!.First;
        var nodes = NodeNames.Select((n, i) => new NodeLoad(n, i, 2, 4L << 30, 1, 0, 0, 4L << 30, [])).ToList();

        var attach = await Client.AttachWorldAsync(new WorldAttachRequest(World, nodes, []) { Reported = reported ? [new TaskKey(id, 0)] : null });

        if (!reported)
        {
            // Taken for lost with an earlier world: it runs again.
            Assert.Equal(1, attach.Requeued);
            return;
        }

        Assert.Equal(0, attach.Requeued);
        Assert.Equal(JobState.Running, (await JobAsync(id)).State);
        await ReportAsync(new TaskEvent(TaskEventKind.Ended, id, 0, node, Now, ExitStatus: 0));
        var done = await PollAsync(id, j => j.State.IsFinished(), "the reported end");
        Assert.Equal((JobState.Completed, 0, 0), (done.State, done.Tasks[0].ExitStatus, done.Tasks[0].RestartCount));
    }

    [Fact]
    public async Task Attach_SendsTuneFirst_AndNodeOfflineSendsItAgain()
    {
        var tune = await NextOrderAsync(WorldOrderKind.Tune);
        Assert.Equal(14, tune.Tunables!.Overheads.Count);
        Assert.Empty(tune.OfflineNodes!);

        await Client.ActOnNodesAsync(new NodeActionRequest(NodeAction.Offline, ["node3"], "expelled"));

        Assert.Equal(["node3"], (await NextOrderAsync(WorldOrderKind.Tune)).OfflineNodes);
    }

    [Fact]
    public async Task Tunables_SetWrong_RefusedAndOldStay_SetRight_AppliedAndSentToTheWorld()
    {
        await NextOrderAsync(WorldOrderKind.Tune);
        var before = await Client.GetTunablesAsync();

        var refused = await Assert.ThrowsAsync<ApiException>(() => Client.SetOverheadsAsync(new TunablesSetRequest("81 150 39")));
        Assert.Equal(ApiErrorKind.BadInput, refused.Error.Kind);
        Assert.Equal(before.Overheads, (await Client.GetTunablesAsync()).Overheads);

        var set = await Client.SetOverheadsAsync(new TunablesSetRequest("81 150 39 38 0 11 0 18 0 18 0 12 10000 351"));
        Assert.Equal(10000, set.Overheads[12]);
        Assert.Equal(10000, (await NextOrderAsync(WorldOrderKind.Tune)).Tunables!.Overheads[12]);
        Assert.True(File.Exists(Path.Combine(Home.FullName, "tunables", "overheads")));

        var mfs = await Client.SetMfsCostsAsync(new TunablesSetRequest("1\t2\t3\t4\t5\t6"));
        Assert.Equal([1, 2, 3, 4, 5, 6], mfs.MfsCosts);
    }

    [Fact]
    public async Task Checkpoint_PutCommitsAndRestartsOnTheSameNode_WrongHashStoresNothing()
    {
        var id = await StartCheckpointingJobAsync();
        var (bytes, sha) = Packed(300_000);

        var wrong = await Assert.ThrowsAsync<ApiException>(() => Client.PutCheckpointAsync(id, 0, new MemoryStream(bytes), new string('0', 64)));
        Assert.Equal(ApiErrorKind.BadInput, wrong.Error.Kind);
        Assert.False(File.Exists(Path.Combine(Home.FullName, "checkpoints", $"{id}", "0", "1")));

        var committed = await Client.PutCheckpointAsync(id, 0, new MemoryStream(bytes), sha);
        Assert.Equal(new CheckpointRef(1, 300_000, sha), committed);
        Assert.Equal(1, (await JobAsync(id)).Tasks[0].LastCheckpoint!.Generation);

        await ReportAsync(new TaskEvent(TaskEventKind.Checkpointed, id, 0, "node1", Now, ExitStatus: 85, Checkpoint: committed, Cause: CheckpointCause.Periodic));

        var restart = await NextOrderAsync(WorldOrderKind.Start);
        Assert.Equal((id, "node1", committed, 1), (restart.JobId, restart.Node?.ToString(), restart.Restore, restart.RestartCount));
        var fetched = new MemoryStream();
        Assert.Equal(sha, await Client.GetCheckpointAsync(id, 0, 1, fetched));
        Assert.Equal(bytes, fetched.ToArray());
    }

    [Fact]
    public async Task Migration_ShowsM_RestartsOnTargetWithRestore_AndRecordsTheMove()
    {
        var id = await StartCheckpointingJobAsync();
        var ordered = Now;
        await ReportAsync(new TaskEvent(TaskEventKind.Migrating, id, 0, "node1", ordered, Reason: "gain", Target: "node2"));
        Assert.Equal(JobState.Migrating, (await JobAsync(id)).State);

        var (bytes, sha) = Packed(4096);
        var committed = await Client.PutCheckpointAsync(id, 0, new MemoryStream(bytes), sha);
        await ReportAsync(new TaskEvent(TaskEventKind.Checkpointed, id, 0, "node1", Now, Checkpoint: committed, Cause: CheckpointCause.Migration, Target: "node2"));
        var start = await NextOrderAsync(WorldOrderKind.Start);
        Assert.Equal(("node2", committed, 1), (start.Node?.ToString(), start.Restore, start.RestartCount));

        await ReportAsync(new TaskEvent(TaskEventKind.Started, id, 0, "node2", ordered.AddMilliseconds(812), SessionId: 200));

        var task = (await JobAsync(id)).Tasks[0];
        Assert.Equal((JobState.Running, "node2", 1), (task.State, task.Node?.ToString(), task.Migrations));
        Assert.Equal(new TaskMigration("node1", "node2", 4096, TimeSpan.FromMilliseconds(812), ordered.AddMilliseconds(812)), task.LastMigration);
    }

    [Fact]
    public async Task MigrationDropped_BackToRunning()
    {
        var id = await StartCheckpointingJobAsync();
        await ReportAsync(new TaskEvent(TaskEventKind.Migrating, id, 0, "node1", Now, Target: "node2"));

        await ReportAsync(new TaskEvent(TaskEventKind.MigrationDropped, id, 0, "node1", Now, Reason: "no checkpoint within 30 s"));

        Assert.Equal((JobState.Running, "node1"), ((await JobAsync(id)).Tasks[0].State, (await JobAsync(id)).Tasks[0].Node?.ToString()));
    }

    [Fact]
    public async Task QdelDuringMigration_KillsSourceAndTarget_AndCheckpointsAreDeleted()
    {
        var id = await StartCheckpointingJobAsync();
        var (bytes, sha) = Packed(1000);
        await Client.PutCheckpointAsync(id, 0, new MemoryStream(bytes), sha);
        await ReportAsync(new TaskEvent(TaskEventKind.Migrating, id, 0, "node1", Now, Target: "node2"));

        await Client.ActAsync(new JobActionRequest(JobAction.Delete, [$"{id}"]));

        var kills = new[] { await NextOrderAsync(WorldOrderKind.Kill), await NextOrderAsync(WorldOrderKind.Kill) };
        Assert.Equal(["node1", "node2"], kills.Select(k => k.Node?.ToString()).Order());
        await ReportAsync(new TaskEvent(TaskEventKind.Ended, id, 0, "node1", Now, ExitStatus: 143, Reason: "deleted"));
        await PollAsync(id, j => j.State == JobState.Deleted, "deleted after the kill");
        var directory = Path.Combine(Home.FullName, "checkpoints", $"{id}");
        var until = Now + Deadline;
        while (Directory.Exists(directory) && Now < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        Assert.False(Directory.Exists(directory), "the finished job's checkpoints are still stored");
    }

    [Fact]
    public async Task CorruptStoredGeneration_GetRefused_MarkedBad_WorldLossResumesFromThePrevious()
    {
        var id = await StartCheckpointingJobAsync();
        var (b1, s1) = Packed(2048);
        var (b2, s2) = Packed(2048);
        await Client.PutCheckpointAsync(id, 0, new MemoryStream(b1), s1);
        await Client.PutCheckpointAsync(id, 0, new MemoryStream(b2), s2);
        var path = Path.Combine(Home.FullName, "checkpoints", $"{id}", "0", "2");
        b2[7] ^= 0x10;
        await File.WriteAllBytesAsync(path, b2);

        var refused = await Assert.ThrowsAsync<ApiException>(() => Client.GetCheckpointAsync(id, 0, 2, new MemoryStream()));
        Assert.Contains("failed its SHA-256 check", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal([2], (await JobAsync(id)).Tasks[0].BadGenerations);

        // The node running it dies: the task is requeued and its next Start restores generation 1.
        await ReportAsync(new TaskEvent(TaskEventKind.Lost, id, 0, "node1", Now, Reason: "rank 1 died"));
        var start = await NextOrderAsync(WorldOrderKind.Start);
        Assert.Equal((id, new CheckpointRef(1, 2048, s1)), (start.JobId, start.Restore));
    }

    [Fact]
    public async Task Put_ForATaskThatIsNotRunning_Refused()
    {
        var (bytes, sha) = Packed(10);

        var e = await Assert.ThrowsAsync<ApiException>(() => Client.PutCheckpointAsync(999, 0, new MemoryStream(bytes), sha));

        Assert.Equal(ApiErrorKind.Refused, e.Error.Kind);
    }

    [Fact]
    public async Task Migrate_RunningTask_SendsTheOrder()
    {
        var id = await StartCheckpointingJobAsync();

        await Client.MigrateAsync(new MigrateRequest($"{id}", "node3"));

        var order = await NextOrderAsync(WorldOrderKind.Migrate);
        Assert.Equal((id, "node1", "node3"), (order.JobId, order.Node?.ToString(), order.Target));
    }
}
