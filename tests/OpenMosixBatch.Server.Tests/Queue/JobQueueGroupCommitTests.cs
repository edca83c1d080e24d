using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>
/// Group commit, counted rather than timed: the store holds each commit at a gate, so what waits for the writer and
/// what has been acknowledged can be looked at while a commit is in flight.
/// </summary>
public sealed class JobQueueGroupCommitTests : IAsyncLifetime
{
    private const int Later = 63;
    private readonly QueueTestBed _bed = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _bed.StartAsync();

    public async Task DisposeAsync()
    {
        // Whatever a failed assertion left held goes through, so the writer can stop.
        _bed.Store.AllowCommits(1000);
        await _bed.DisposeAsync();
    }

    [Fact]
    public async Task Submit_ArrivingDuringACommit_AreCommittedTogetherAndNoneIsAcknowledgedBeforeItsCommit()
    {
        _bed.Store.HoldCommits();
        var first = Submit();
        await UntilAsync(() => _bed.Store.CommitsEntered == 1, "the first submission's commit to begin");

        var later = Enumerable.Range(0, Later).Select(_ => Task.Run(Submit)).ToList();
        await UntilAsync(() => _bed.Queue.Waiting == Later, $"{Later} submissions to wait for the writer");
        Assert.False(first.IsCompleted, "the first submission was acknowledged while its commit was held");
        Assert.DoesNotContain(later, t => t.IsCompleted);

        _bed.Store.AllowCommits(1);
        Assert.Equal(1, (await first).Id);
        await UntilAsync(() => _bed.Store.CommitsEntered == 2, "the group's commit to begin");
        Assert.Equal(0, _bed.Queue.Waiting);
        Assert.Equal(1, _bed.Store.Commits);
        Assert.DoesNotContain(later, t => t.IsCompleted);

        _bed.Store.AllowCommits(1);
        var ids = (await Task.WhenAll(later)).Select(r => r.Id).Order().ToList();

        Assert.Equal(Enumerable.Range(2, Later).Select(i => (long)i), ids);
        Assert.Equal(2, _bed.Store.Commits);
        Assert.Equal(1 + Later, _bed.Store.StoredJobs);
        Assert.Equal(1 + Later, _bed.Store.Load().Jobs.Count);
    }

    private Task<SubmitResponse> Submit() => _bed.SubmitAsync(QueueTestBed.Script());

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
