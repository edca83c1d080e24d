using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>
/// Group commit, counted rather than timed: the store holds each commit at a gate, so what waits for the writer and
/// what has been acknowledged can be looked at while a commit is in flight.
/// </summary>
public sealed class JobQueueGroupCommitTests : IAsyncLifetime
{
    private const int Later = 63;
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30)];
    private readonly CountingJobStore _store = new();
    private readonly JobQueue _queue;

    public JobQueueGroupCommitTests() =>
        _queue = new JobQueue(_store, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)), NullLogger<JobQueue>.Instance);

    public Task InitializeAsync() => _queue.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        // Whatever a failed assertion left held goes through, so the writer can stop.
        _store.AllowCommits(1000);
        await _queue.StopAsync(CancellationToken.None);
        _queue.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task Submit_ArrivingDuringACommit_AreCommittedTogetherAndNoneIsAcknowledgedBeforeItsCommit()
    {
        _store.HoldCommits();
        var first = Submit();
        await UntilAsync(() => _store.CommitsEntered == 1, "the first submission's commit to begin");

        var later = Enumerable.Range(0, Later).Select(_ => Task.Run(Submit)).ToList();
        await UntilAsync(() => _queue.Waiting == Later, $"{Later} submissions to wait for the writer");
        Assert.False(first.IsCompleted, "the first submission was acknowledged while its commit was held");
        Assert.DoesNotContain(later, t => t.IsCompleted);

        _store.AllowCommits(1);
        Assert.Equal(1, (await first).Id);
        await UntilAsync(() => _store.CommitsEntered == 2, "the group's commit to begin");
        Assert.Equal(0, _queue.Waiting);
        Assert.Equal(1, _store.Commits);
        Assert.DoesNotContain(later, t => t.IsCompleted);

        _store.AllowCommits(1);
        var ids = (await Task.WhenAll(later)).Select(r => r.Id).Order().ToList();

        Assert.Equal(Enumerable.Range(2, Later).Select(i => (long)i), ids);
        Assert.Equal(2, _store.Commits);
        Assert.Equal(1 + Later, _store.StoredJobs);
        Assert.Equal(1 + Later, _store.Load().Jobs.Count);
    }

    private Task<SubmitResponse> Submit() =>
        _queue.EnqueueAsync(new SubmitCommand(new JobSpec { Name = "t", Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w" },
            Alice, Nodes, ["batch"], 256L << 20, SubmissionLimits.Default));

    /// <summary>Polls <paramref name="condition"/> with a deadline; fails naming what it waited for.</summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (20 * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline, $"timed out waiting for {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }
}
