using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Checkpoints;

/// <summary>Deletes the checkpoints of jobs that finished (or are gone): nothing will ever restore them.</summary>
/// <remarks>
/// A sweep that fails (the checkpoints directory cannot be listed: too many open files, an I/O error) is logged and
/// tried again after <see cref="RetryAfter"/> even if the queue does not change: an exception escaping a hosted
/// service would stop the whole server (issue 22).
/// </remarks>
public sealed partial class CheckpointJanitor(JobQueue queue, CheckpointStore store, TimeProvider time, ILogger<CheckpointJanitor> logger) : BackgroundService
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>One sweep over the stored jobs; returns how many it deleted, or -1 when something could not be swept.</summary>
    public int Sweep()
    {
        var jobs = queue.State.Jobs;
        var deleted = 0;
        IReadOnlyList<long> stored;
        try
        {
            stored = store.StoredJobs();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogListFailed(e, store.Root, RetryAfter.TotalSeconds);
            return -1;
        }

        var failed = false;
        foreach (var id in stored)
        {
            if (!jobs.TryGetValue(id, out var job) || job.State.IsFinished())
            {
                try
                {
                    store.DeleteJob(id);
                    deleted++;
                    LogDeleted(id);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    LogDeleteFailed(e, id);
                    failed = true;
                }
            }
        }

        return failed ? -1 : deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = queue.Changed;
            var swept = Sweep() >= 0;
            try
            {
                if (swept)
                {
                    await changed.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await Task.WhenAny(changed, Task.Delay(RetryAfter, time, stoppingToken)).ConfigureAwait(false);
                    stoppingToken.ThrowIfCancellationRequested();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "deleted the checkpoints of finished job {JobId}")]
    private partial void LogDeleted(long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not list the checkpoints in {Root}; trying again in {Seconds} s")]
    private partial void LogListFailed(Exception exception, string root, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not delete the checkpoints of job {JobId}; trying again at the next change or in 30 s")]
    private partial void LogDeleteFailed(Exception exception, long jobId);
}
