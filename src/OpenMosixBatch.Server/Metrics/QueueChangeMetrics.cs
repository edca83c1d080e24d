using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Metrics;

/// <summary>
/// Counts what one committed group changed, from each changed job before and after: submissions, task starts and
/// ends with their wait and run times, completed migrations and committed checkpoints. Called by the queue's writer
/// after the commit, so a metric never counts a change that was not stored.
/// </summary>
public static class QueueChangeMetrics
{
    public static void Record(QueueState before, JobStoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var job in batch.Upserts)
        {
            var queue = new KeyValuePair<string, object?>("queue", job.Spec.Queue);
            var old = before.Jobs.GetValueOrDefault(job.Id);
            if (old is null)
            {
                ServerMeter.Submissions.Add(1, queue);
            }

            foreach (var task in job.Tasks)
            {
                Record(job, old?.Tasks.FirstOrDefault(t => t.Index == task.Index), task, queue);
            }
        }
    }

    private static void Record(Job job, JobTask? old, JobTask task, KeyValuePair<string, object?> queue)
    {
        if (task.StartTime is { } start && old?.StartTime != start)
        {
            ServerMeter.TaskStarts.Add(1, queue);
            if (old?.StartTime is null && task.Requeues == 0 && task.RestartCount == 0)
            {
                ServerMeter.WaitTime.Record(Math.Max(0, (start - job.SubmitTime).TotalSeconds), queue);
            }
        }

        if (task.State.IsFinished() && old is not null && !old.State.IsFinished())
        {
            ServerMeter.TaskEnds.Add(1, queue, new("state", task.State.ToString().ToLowerInvariant()));
            if (task.StartTime is { } s && task.EndTime is { } e)
            {
                ServerMeter.RunTime.Record(Math.Max(0, (e - s).TotalSeconds), queue);
            }
        }

        if (task.LastMigration is { } move && task.Migrations > (old?.Migrations ?? 0))
        {
            var cause = new KeyValuePair<string, object?>("cause", Cause(old?.Migration?.Reason));
            ServerMeter.Migrations.Add(1, cause);
            ServerMeter.MigrationBytes.Add(move.Bytes, cause);
            ServerMeter.MigrationDuration.Record(move.Cost.TotalSeconds, cause);
        }

        if (task.CheckpointGeneration > (old?.CheckpointGeneration ?? 0))
        {
            ServerMeter.Checkpoints.Add(task.CheckpointGeneration - (old?.CheckpointGeneration ?? 0), queue);
        }
    }

    /// <summary>The planner's cause from the reason text rank 0 sent with the move (MigrationReason), or "manual" for omb migrate.</summary>
    public static string Cause(string? reason) =>
        reason is null ? "unknown"
        : reason.Contains("memory", StringComparison.OrdinalIgnoreCase) ? "memory_ushering"
        : reason.Contains("expel", StringComparison.OrdinalIgnoreCase) || reason.Contains("offline", StringComparison.OrdinalIgnoreCase) ? "expel"
        : reason.Contains("omb migrate", StringComparison.OrdinalIgnoreCase) || reason.Contains("requested", StringComparison.OrdinalIgnoreCase) ? "manual"
        : "cpu_gain";
}
