using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Metrics;

/// <summary>
/// Counts what one committed group changed, from each changed job before and after: submissions, task starts and
/// ends with their wait and run times, completed migrations and committed checkpoints. Called by the queue's writer
/// after the commit, so a metric never counts a change that was not stored, except a plain task's start, which is
/// published before its job's next write (<see cref="JobQueue.UnsavedStartLimit"/>) and counted then.
/// </summary>
public static class QueueChangeMetrics
{
    public static void Record(QueueState before, JobStoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Record(before, batch.Upserts);
    }

    /// <param name="before">The published state before the change.</param>
    /// <param name="changed">The jobs the change published (stored, or kept in memory until their next write).</param>
    public static void Record(QueueState before, IReadOnlyCollection<Job> changed)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(changed);
        foreach (var job in changed)
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
            var cause = new KeyValuePair<string, object?>("cause", Cause(old?.Migration?.Cause));
            ServerMeter.Migrations.Add(1, cause);
            ServerMeter.MigrationBytes.Add(move.Bytes, cause);
            ServerMeter.MigrationDuration.Record(move.Cost.TotalSeconds, cause);
        }

        if (task.CheckpointGeneration > (old?.CheckpointGeneration ?? 0))
        {
            ServerMeter.Checkpoints.Add(task.CheckpointGeneration - (old?.CheckpointGeneration ?? 0), queue);
        }
    }

    /// <summary>
    /// The label of a move's cause: the typed cause rank 0 sent with the move (<see cref="MigrationReason"/>), never its
    /// text; "unknown" when none came (a move recorded before the cause was sent).
    /// </summary>
    public static string Cause(MigrationReason? cause) => cause switch
    {
        MigrationReason.CpuGain => "cpu_gain",
        MigrationReason.MemoryUshering => "memory_ushering",
        MigrationReason.Expel => "expel",
        MigrationReason.Manual => "manual",
        _ => "unknown",
    };
}
