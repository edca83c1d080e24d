using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Queue;

/// <summary>The server found a stored generation whose bytes no longer match its hash: mark it bad (recorded as an event).</summary>
internal sealed class CheckpointBadCommand(long jobId, int taskIndex, int generation, string why) : QueueCommand<Job?>
{
    protected override Job? Run(WorkingSet working, DateTimeOffset now)
    {
        if (working.Find(jobId) is not { } job || CheckpointRules.MarkBad(job, taskIndex, generation, why, now) is not { Ok: true } t)
        {
            return null;
        }

        working.Put(t.Job!, t.Event);
        return t.Job;
    }
}
