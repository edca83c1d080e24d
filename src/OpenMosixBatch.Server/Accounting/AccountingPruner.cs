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
/// batch at a time and yields between batches, so a large backlog never holds the store (and so the queue's commits)
/// for longer than one small batch.
/// </summary>
public sealed partial class AccountingPruner(IAccountingStore store, IJobStore jobs, IOptions<OmbServerOptions> options, TimeProvider time,
    ILogger<AccountingPruner> logger) : BackgroundService
{
    /// <summary>Records deleted in one transaction.</summary>
    public const int BatchSize = 1000;

    /// <summary>Finished jobs deleted in one transaction (each with its events, so fewer than records).</summary>
    public const int JobBatchSize = 200;

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

    private static async Task<int> InBatchesAsync(Func<int, int> prune, int batch, CancellationToken ct)
    {
        var total = 0;
        int deleted;
        do
        {
            ct.ThrowIfCancellationRequested();
            deleted = prune(batch);
            total += deleted;
            await Task.Yield();
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
