using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Queue;

public sealed partial class JobQueue
{
    /// <summary>After the commit, so the log never mentions a change that was not stored.</summary>
    private void LogOutcomes(List<QueueCommand> decided, JobStoreBatch? batch)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var evt in batch?.Events ?? [])
        {
            LogJobEvent(evt.JobId, evt.Kind, evt.Detail);
        }

        // A group of submissions is one line per submitter and queue (SubmissionRun), not one per job.
        foreach (var run in SubmissionRun.Of(decided.OfType<SubmitCommand>().Select(c => c.Submitted).OfType<Job>()))
        {
            if (run.Count == 1)
            {
                LogSubmitted(run.FirstId, run.Owner, run.Uid, run.Queue, run.Tasks);
            }
            else
            {
                LogSubmittedRun(run.FirstId, run.LastId, run.Count, run.Owner, run.Uid, run.Queue, run.Tasks);
            }
        }

        foreach (var action in decided.OfType<ActionCommand>())
        {
            foreach (var r in action.Refusals)
            {
                LogActionRefused(action.Action, r.Id, action.Caller.UserName, r.Error ?? "");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "committed a group of {Count} changes in {Milliseconds:F1} ms")]
    private partial void LogGroupCommitted(int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} submitted by {Owner} (uid {Uid}) to queue {Queue}, {Tasks} task(s)")]
    private partial void LogSubmitted(string jobId, string owner, uint uid, string queue, int tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "jobs {FirstJobId}-{LastJobId} ({Count} jobs) submitted by {Owner} (uid {Uid}) to queue {Queue}, {Tasks} task(s)")]
    private partial void LogSubmittedRun(string firstJobId, long lastJobId, int count, string owner, uint uid, string queue, int tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} {Kind}: {Detail}")]
    private partial void LogJobEvent(long jobId, string kind, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "refused {Action} of {JobId} for {User}: {Reason}")]
    private partial void LogActionRefused(JobAction action, string jobId, string user, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "refused: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} failed while deciding; its group was dropped, nothing was committed")]
    private partial void LogDecideFailed(Exception exception, string command);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not commit {Count} changes; none was acknowledged")]
    private partial void LogCommitFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not commit a group of {Count} changes; committing them one at a time")]
    private partial void LogGroupSplit(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "job {JobId} takes {Bytes} bytes, more than the store's largest record ({MaxBytes}): ended it and removed its script, environment and arguments")]
    private partial void LogEndedOversized(long jobId, long bytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not end job {JobId}, too large to store, even trimmed")]
    private partial void LogEndOversizedFailed(Exception exception, long jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "the store is still unreadable after a failed commit; refused {Count} changes")]
    private partial void LogReloadFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "reloaded the queue from the store after a failed commit: {Jobs} jobs (was {Before}), next id {NextJobId}")]
    private partial void LogReloaded(int jobs, int before, long nextJobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "a listener of committed changes failed; the change itself is committed")]
    private partial void LogCommittedListenerFailed(Exception exception);
}
