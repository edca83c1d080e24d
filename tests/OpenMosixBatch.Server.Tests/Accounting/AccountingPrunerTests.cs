using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Accounting;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Tests.Accounting;

/// <summary>
/// The pruner on a fake clock: records and finished jobs (with their events) past Omb:Accounting:Keep go, a batch at a
/// time; newer ones and the jobs not finished stay.
/// </summary>
public sealed class AccountingPrunerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Job Finished(long id, DateTimeOffset end) => JobStateRules.Settle(
        JobStateRules.Submit(id, new JobSpec { Name = "j", Script = "true", WorkingDirectory = "/w", SubmitDirectory = "/w" }, new JobOwner(1000, 1000, "ada"), end.AddMinutes(-5))
        is var job ? job with { Tasks = [new JobTask(0, JobState.Completed) { StartTime = end.AddMinutes(-1), EndTime = end, ExitStatus = 0 }] } : null!, end, null);

    [Fact]
    public async Task Pruner_DeletesWhatIsOlderThanKeep_AsTheClockMoves_InBatches()
    {
        using var store = new InMemoryJobStore();
        // 2,500 jobs that ended on day 0 and one on day 5: more than two batches to delete.
        store.Commit(new JobStoreBatch([.. Enumerable.Range(1, 2500).Select(i => Finished(i, T0)), Finished(2501, T0.AddDays(5))],
            [new JobEvent(1, T0, "completed", "0"), new JobEvent(2501, T0.AddDays(5), "completed", "0")], 2502));
        var live = JobStateRules.Submit(2502, new JobSpec { Name = "live", Script = "true", WorkingDirectory = "/w", SubmitDirectory = "/w" }, new JobOwner(1000, 1000, "ada"), T0.AddDays(-30));
        store.Commit(new JobStoreBatch([live], [], 2503));
        var time = new FakeTimeProvider(T0.AddDays(1));
        var options = Microsoft.Extensions.Options.Options.Create(new OmbServerOptions { Accounting = new AccountingOptions { Keep = TimeSpan.FromDays(2), PruneInterval = TimeSpan.FromHours(1) } });
        using var pruner = new AccountingPruner(store, store, options, time, NullLogger<AccountingPruner>.Instance);

        await pruner.StartAsync(CancellationToken.None);
        Assert.Equal(2501, store.EndedBetween(T0, T0.AddDays(30), null).Count);

        // Day 3: the day-0 records are past their two days; the pruner's next pass, an hour on, deletes them.
        time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await WaitForAsync(() => store.EndedBetween(T0, T0.AddDays(30), null).Count == 1 && store.FinishedJobs(null).Count() == 1, time);
        await pruner.StopAsync(CancellationToken.None);

        Assert.Equal(2501L, store.EndedBetween(T0, T0.AddDays(30), null).Single().JobId);
        Assert.Equal(2501L, store.FinishedJobs(null).Single().Id);
        Assert.Null(store.Find(1));
        Assert.Empty(store.EventsOf(1));
        Assert.Single(store.EventsOf(2501));
        Assert.Equal(2502L, Assert.Single(store.Load().Jobs).Id);
    }

    [Fact]
    public async Task PruneAsync_ReturnsHowManyItDeleted()
    {
        using var store = new InMemoryJobStore();
        store.Commit(new JobStoreBatch([Finished(1, T0), Finished(2, T0.AddDays(100))], [], 3));
        var options = Microsoft.Extensions.Options.Options.Create(new OmbServerOptions());
        using var pruner = new AccountingPruner(store, store, options, new FakeTimeProvider(T0.AddDays(91)), NullLogger<AccountingPruner>.Instance);

        Assert.Equal((1, 1), await pruner.PruneAsync(CancellationToken.None));
        Assert.Equal((0, 0), await pruner.PruneAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("00:01:00", "01:00:00", "Omb:Accounting:Keep is 00:01:00")]
    [InlineData("4000.00:00:00", "01:00:00", "Omb:Accounting:Keep is 4000.00:00:00")]
    [InlineData("90.00:00:00", "00:00:00", "Omb:Accounting:PruneInterval is 00:00:00")]
    public void Options_OutOfRange_AreRefusedNamingTheSetting(string keep, string interval, string expected)
    {
        var options = new OmbServerOptions { Accounting = new AccountingOptions { Keep = TimeSpan.Parse(keep, System.Globalization.CultureInfo.InvariantCulture), PruneInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) } };

        var result = new OmbServerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Null(new AccountingOptions().Problem());
    }

    /// <summary>
    /// Polls with a deadline, nudging the fake clock by a minute so that a pending delay can fire: the pruner may take
    /// up its hour's wait only after the test's big step, and a second a poll left that hour to 36 s of real time.
    /// </summary>
    private static async Task WaitForAsync(Func<bool> condition, FakeTimeProvider time)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the pruner did not prune in time");
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, CancellationToken.None);
        }
    }
}
