using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Accounting;

/// <summary>
/// Deletes the accounting records older than <c>Omb:Accounting:Keep</c>, every <c>PruneInterval</c> on the server's
/// clock. It deletes a batch at a time and yields between batches, so a large backlog never holds the store (and so
/// the queue's commits) for longer than one small batch.
/// </summary>
public sealed partial class AccountingPruner(IAccountingStore store, IOptions<OmbServerOptions> options, TimeProvider time, ILogger<AccountingPruner> logger)
    : BackgroundService
{
    /// <summary>Records deleted in one transaction.</summary>
    public const int BatchSize = 1000;

    /// <summary>Deletes every record that ended before now − Keep, a batch at a time; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - options.Value.Accounting.Keep;
        var total = 0;
        int deleted;
        do
        {
            ct.ThrowIfCancellationRequested();
            deleted = store.PruneEndedBefore(before, BatchSize);
            total += deleted;
            await Task.Yield();
        }
        while (deleted == BatchSize);

        if (total > 0)
        {
            LogPruned(total, before);
        }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "accounting: pruned {Count} record(s) of jobs that ended before {Before:O}")]
    private partial void LogPruned(int count, DateTimeOffset before);

    [LoggerMessage(Level = LogLevel.Warning, Message = "accounting: pruning failed ({Error}); trying again after the prune interval")]
    private partial void LogFailed(string error);
}
