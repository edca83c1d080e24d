using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>A job the store cannot write refuses only its own request, and a stored one that grew too large is ended.</summary>
public sealed class JobQueueOversizedTests : IDisposable
{
    private static readonly Caller Mallory = new(1002, 1002, "mallory", false);
    private static readonly Caller Victim = new(1003, 1003, "victim", false);
    private static readonly Caller Root = new(0, 0, "root", true);
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30)];

    // As before the stored size was limited: only the store itself refuses.
    private static readonly SubmissionLimits NoSizeLimit = SubmissionLimits.Default with { MaxScriptBytes = long.MaxValue, MaxJobBytes = long.MaxValue };
    private readonly string _directory = Directory.CreateTempSubdirectory("omb-oversized-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task GroupCommit_OneJobTooLargeForLiteDb_TheOtherJobsOfTheGroupAreStoredAndAcknowledged()
    {
        using var store = LiteDbJobStore.Open(Path.Combine(_directory, "omb.db"));
        using var queue = new JobQueue(store, _time, NullLogger<JobQueue>.Instance);

        // Queued before the writer starts, so that the writer takes all five as one group.
        var before = Enumerable.Range(0, 2).Select(i => Submit(queue, Victim, Spec($"v{i}"))).ToList();
        var oversized = Submit(queue, Mallory, Spec("big") with { Script = new string('\u0001', 3_000_000) });
        var after = Enumerable.Range(2, 2).Select(i => Submit(queue, Victim, Spec($"v{i}"))).ToList();
        await queue.StartAsync(CancellationToken.None);

        var ids = await Task.WhenAll(before.Concat(after));
        var e = await Assert.ThrowsAsync<QueueRefusalException>(() => oversized);
        await queue.StopAsync(CancellationToken.None);

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.Contains(SubmissionLimits.JobKey, e.Message, StringComparison.Ordinal);
        Assert.Equal(4, ids.Select(r => r.Id).Distinct().Count());
        Assert.Equal(["v0", "v1", "v2", "v3"], store.Load().Jobs.Select(j => j.Spec.Name).Order());
        Assert.Equal(store.Load().Jobs.Select(j => j.Id), queue.State.Jobs.Keys);
    }

    [Fact]
    public async Task Release_StoredJobThatNoLongerFits_IsEndedTrimmedAndTheSameGroupsOtherJobsAreStored()
    {
        using var store = new CountingJobStore();
        var huge = Spec("huge") with { Held = true, Environment = new Dictionary<string, string> { ["BIG"] = new('x', 1_000_000) } };
        using (var older = new JobQueue(store, _time, NullLogger<JobQueue>.Instance))
        {
            await older.StartAsync(CancellationToken.None);
            await Submit(older, Mallory, huge);
            await older.StopAsync(CancellationToken.None);
        }

        // As an older version stored it: the store now refuses every rewrite of it.
        store.MaxJobBytes = 100_000;
        const long id = 1;
        using var queue = new JobQueue(store, _time, NullLogger<JobQueue>.Instance);
        var release = queue.EnqueueAsync(new ActionCommand(JobAction.Release, ["1"], Mallory));
        var victim = Submit(queue, Victim, Spec("victim"));
        await queue.StartAsync(CancellationToken.None);
        var released = (await release).Results.Single();
        var victimId = (await victim).Id;
        var delete = (await queue.EnqueueAsync(new ActionCommand(JobAction.Delete, ["1"], Root))).Results.Single();
        await queue.StopAsync(CancellationToken.None);

        var ended = queue.Find(id)!;
        Assert.False(released.Ok);
        Assert.Equal(JobState.Failed, ended.State);
        Assert.Contains("more than its largest record", ended.Reason, StringComparison.Ordinal);
        Assert.Empty(ended.Spec.Environment);
        Assert.Equal(ended, store.Find(id));
        Assert.Equal(JobState.Queued, store.Load().Jobs.Single(j => j.Id == victimId).State);
        Assert.Contains("already finished", delete.Error, StringComparison.Ordinal);
    }

    private static Task<SubmitResponse> Submit(JobQueue queue, Caller caller, JobSpec spec, SubmissionLimits? limits = null) =>
        queue.EnqueueAsync(new SubmitCommand(spec, caller, Nodes, ["batch"], 256L << 20, limits ?? NoSizeLimit));

    private static JobSpec Spec(string name) => new() { Name = name, Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w" };
}
