using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Checkpoints;

/// <summary>Deletes the checkpoints of jobs that finished (or are gone): nothing will ever restore them.</summary>
public sealed partial class CheckpointJanitor(JobQueue queue, CheckpointStore store, ILogger<CheckpointJanitor> logger) : BackgroundService
{
    /// <summary>One sweep over the stored jobs; returns how many it deleted.</summary>
    public int Sweep()
    {
        var jobs = queue.State.Jobs;
        var deleted = 0;
        foreach (var id in store.StoredJobs())
        {
            if (!jobs.TryGetValue(id, out var job) || job.State.IsFinished())
            {
                try
                {
                    store.DeleteJob(id);
                    deleted++;
                    LogDeleted(id);
                }
                catch (IOException e)
                {
                    LogDeleteFailed(e, id);
                }
            }
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = queue.Changed;
            Sweep();
            try
            {
                await changed.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "deleted the checkpoints of finished job {JobId}")]
    private partial void LogDeleted(long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not delete the checkpoints of job {JobId}; the next change tries again")]
    private partial void LogDeleteFailed(Exception exception, long jobId);
}
