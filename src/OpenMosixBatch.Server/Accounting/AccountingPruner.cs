using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Accounting;

/// <summary>
/// Deletes the accounting records, the daily usage rollups of whole days and the finished jobs (the history qstat -x and tracejob read, with their events)
/// that ended more than <c>Omb:Accounting:Keep</c> ago, every <c>PruneInterval</c> on the server's clock. It deletes a
/// batch at a time and rests after each batch as long as the batch took, so a large backlog (a year of history under a
/// Keep of 90 days) never holds the store, and so the queue's commits, for longer than one small batch, and costs at
/// most half a core.
/// </summary>
/// <remarks>
/// The rest is what lets a commit in: the store's lock is not fair, and a pruner that came straight back could take it
/// again before the committing thread, which was woken when it was released, runs: with no rest, a qsub on a server
/// pruning a year of history could wait for several batches back to back.
/// </remarks>
public sealed partial class AccountingPruner(IAccountingStore store, IJobStore jobs, IOptions<OmbServerOptions> options, TimeProvider time,
    ILogger<AccountingPruner> logger) : BackgroundService
{
    /// <summary>Records deleted in one transaction.</summary>
    public const int BatchSize = 250;

    /// <summary>Finished jobs deleted in one transaction (each with its events, so fewer than records).</summary>
    public const int JobBatchSize = 50;

    /// <summary>The longest rest between batches: a clock that jumped during a batch must not make the pruner sleep for days.</summary>
    private static readonly TimeSpan MaxRest = TimeSpan.FromSeconds(5);

    /// <summary>Deletes every record and finished job that ended before now − Keep, a batch at a time; returns how many of each.</summary>
    public async Task<(int Records, int Jobs)> PruneAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - options.Value.Accounting.Keep;
        var records = await InBatchesAsync(max => store.PruneEndedBefore(before, max), BatchSize, ct).ConfigureAwait(false);
        var rollups = await InBatchesAsync(max => store.PruneUsageBefore(before, max), BatchSize, ct).ConfigureAwait(false);
        var finished = await InBatchesAsync(max => jobs.PruneFinishedBefore(before, max), JobBatchSize, ct).ConfigureAwait(false);
        if (records > 0 || rollups > 0 || finished > 0)
        {
            LogPruned(records, rollups, finished, before);
        }

        return (records, finished);
    }

    private async Task<int> InBatchesAsync(Func<int, int> prune, int batch, CancellationToken ct)
    {
        var total = 0;
        int deleted;
        do
        {
            ct.ThrowIfCancellationRequested();
            var started = time.GetTimestamp();
            deleted = prune(batch);
            total += deleted;
            var took = time.GetElapsedTime(started);
            await Task.Delay(took < MaxRest ? took : MaxRest, time, ct).ConfigureAwait(false);
        }
        while (deleted == batch);

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.Accounting.PruneInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            // A failed pruning (a full disk, a damaged file) must not stop the server; the next one tries again.
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                LogFailed(e.Message);
                await Task.Delay(options.Value.Accounting.PruneInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "accounting: pruned {Records} record(s), {Rollups} daily usage rollup(s) and {Jobs} finished job(s) that ended before {Before:O}")]
    private partial void LogPruned(int records, int rollups, int jobs, DateTimeOffset before);

    [LoggerMessage(Level = LogLevel.Warning, Message = "accounting: pruning failed ({Error}); trying again after the prune interval")]
    private partial void LogFailed(string error);
}
