using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Records a checkpoint whose file is already durable on its task; the answer (the task after it, with the
/// generations kept) reaches the uploader only after the commit, so a CheckpointRef always names a committed checkpoint.
/// </summary>
internal sealed class CheckpointCommitCommand(long jobId, int taskIndex, TaskCheckpoint checkpoint) : QueueCommand<JobTask>
{
    protected override JobTask Run(WorkingSet working, DateTimeOffset now)
    {
        var job = working.Find(jobId) ?? throw new QueueRefusalException(new ApiError(ApiErrorKind.Refused, $"unknown job {jobId}: its checkpoint was not stored"));
        var t = CheckpointRules.Commit(job, taskIndex, checkpoint, now);
        if (!t.Ok)
        {
            throw new QueueRefusalException(new ApiError(ApiErrorKind.Refused, t.Refusal!));
        }

        working.Put(t.Job!, t.Event);
        return t.Job!.Tasks.First(x => x.Index == taskIndex);
    }
}
