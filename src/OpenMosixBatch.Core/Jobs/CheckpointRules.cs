using System.Globalization;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// The checkpoint and migration half of the state machine (DESIGN §5, PROTOCOL): a committed checkpoint is recorded
/// on its task; on the checkpoint exit the task restarts on the same node, moves to the target (R → M → R), or goes
/// back to the queue keeping its checkpoint; a corrupt generation is marked bad and never restored again.
/// </summary>
/// <remarks>
/// As in <see cref="TaskRunRules"/>, reports can be late or repeated: one about a task not in the expected state is
/// stale and yields null, so that applying it twice changes nothing. Finished tasks ignore every checkpoint report.
/// </remarks>
public static class CheckpointRules
{
    /// <summary>Generations the server keeps per task: the newest, and two to fall back to when one is corrupt.</summary>
    public const int KeptGenerations = 3;

    /// <summary>The generation an upload for the task gets, or null when the task may not checkpoint now.</summary>
    public static int? NextGeneration(Job job, int index)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = Find(job, index);
        return task is not null && task.State.IsActive() && job.Spec.Checkpoint.Enabled ? task.CheckpointGeneration + 1 : null;
    }

    /// <summary>
    /// Records a committed checkpoint on its task, keeping the newest <see cref="KeptGenerations"/>; refused when the
    /// task is not active or the generation is not newer than the last (the upload raced a restart or a qdel).
    /// </summary>
    public static JobTransition Commit(Job job, int index, TaskCheckpoint checkpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var task = Find(job, index);
        if (task is null || !task.State.IsActive())
        {
            return JobTransition.Refused($"task {Name(job, index)} is not running: its checkpoint was not stored");
        }

        if (checkpoint.Generation <= task.CheckpointGeneration)
        {
            return JobTransition.Refused(string.Create(CultureInfo.InvariantCulture,
                $"checkpoint generation {checkpoint.Generation} of {Name(job, index)} is not newer than {task.CheckpointGeneration}: it was not stored"));
        }

        var kept = task.Checkpoints.Append(checkpoint).TakeLast(KeptGenerations).ToList();
        var next = task with { Checkpoints = kept, CheckpointGeneration = checkpoint.Generation };
        return JobTransition.Done(Replace(job, next), new JobEvent(job.Id, now, "checkpoint-committed",
            string.Create(CultureInfo.InvariantCulture, $"{Name(job, index)} generation {checkpoint.Generation}, {checkpoint.Bytes} bytes, sha256 {checkpoint.Sha256}")));
    }

    /// <summary>
    /// The task exited with its checkpoint code after generation <paramref name="generation"/> was committed. It
    /// restarts (RestartCount + 1) on the same node, on <paramref name="target"/> (state M until it starts there), or
    /// is requeued for the dispatcher. A task being deleted or killed for a limit ends instead. Null when stale.
    /// </summary>
    public static JobTransition? Checkpointed(Job job, int index, int generation, RestartPlace place, string? target, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = Find(job, index);
        if (task is null || !task.State.IsActive() || generation > task.CheckpointGeneration || task.StartTime is null)
        {
            return null;
        }

        if (task.State == JobState.Exiting)
        {
            var kill = task.Reason ?? "ended by its node";
            return TaskRunRules.Ended(job, index, new TaskOutcome(job.Spec.Checkpoint.ExitCode, now, task.CpuTime, task.PeakRssBytes, kill), now);
        }

        var gen = string.Create(CultureInfo.InvariantCulture, $"generation {generation}");
        var restarts = task.RestartCount + 1;
        var first = task.Node?.First ?? "";
        JobTask next;
        string detail;
        if (place == RestartPlace.Target && !string.IsNullOrEmpty(target) && target != first)
        {
            var move = (task.Migration ?? new PendingMigration(first, target, now, null)) with { To = target, Bytes = SizeOf(task, generation) };
            next = Restarted(task, restarts, now) with { State = JobState.Migrating, Node = task.Node?.WithFirst(target) ?? ExecutionHosts.On(target), Migration = move };
            detail = $"{Name(job, index)} checkpointed {gen} on {move.From}; restarts on {target}";
        }
        else if (place == RestartPlace.Anywhere)
        {
            next = Requeue(task, $"requeued: checkpointed {gen} to leave {first}; resumes wherever it is placed") with { RestartCount = restarts };
            detail = $"{Name(job, index)} checkpointed {gen} on {first}; requeued";
        }
        else
        {
            next = Restarted(task, restarts, now) with { State = JobState.Running, Migration = null };
            detail = $"{Name(job, index)} checkpointed {gen} on {first}; restarts there";
        }

        var settled = JobStateRules.Settle(Replace(job, next), now, null);
        return JobTransition.Done(settled, new JobEvent(job.Id, now, "checkpointed", detail + string.Create(CultureInfo.InvariantCulture, $" (restart {restarts})")));
    }

    /// <summary>Rank 0 ordered the running task moved from <paramref name="from"/> to <paramref name="to"/>: R → M. Null when stale.</summary>
    /// <param name="cause">The typed cause, kept with the move (the text is only shown).</param>
    public static JobTransition? Migrating(Job job, int index, string from, string to, string? reason, DateTimeOffset at, MigrationReason? cause = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = Find(job, index);
        if (task is null || task.State != JobState.Running || !job.Spec.Checkpoint.Enabled)
        {
            return null;
        }

        var next = task with { State = JobState.Migrating, Migration = new PendingMigration(from, to, at, reason, Cause: cause), StayReason = null };
        return JobTransition.Done(JobStateRules.Settle(Replace(job, next), at, null), new JobEvent(job.Id, at, "migrating",
            $"{Name(job, index)} from {from} to {to}" + (reason is null ? "" : ": " + reason)));
    }

    /// <summary>
    /// Rank 0's planner left the running task where it is, for <paramref name="reason"/>. No event: it is the planner's
    /// latest view (qstat -f), not history. Null when stale or unchanged.
    /// </summary>
    public static JobTransition? Stays(Job job, int index, string? reason)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = Find(job, index);
        if (task is null || task.State != JobState.Running || string.IsNullOrWhiteSpace(reason) || task.StayReason == reason)
        {
            return null;
        }

        return new JobTransition(Replace(job, task with { StayReason = reason }), null, null);
    }

    /// <summary>The move did not happen (no checkpoint within the grace period, target gone): M → R. Null when stale.</summary>
    public static JobTransition? MigrationDropped(Job job, int index, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = Find(job, index);
        if (task is null || task.State != JobState.Migrating || task.Migration is not { } move || task.StartTime is null)
        {
            return null;
        }

        var next = task with { State = JobState.Running, Migration = null };
        return JobTransition.Done(JobStateRules.Settle(Replace(job, next), now, null), new JobEvent(job.Id, now, "migration-dropped",
            $"{Name(job, index)} stays on {move.From} (not moved to {move.To})" + (reason is null ? "" : ": " + reason)));
    }

    /// <summary>
    /// The node started the process (<see cref="TaskRunRules.Started"/>); after a migration this also ends M and
    /// records the move with its measured cost. The event is null for a plain start. Null when stale.
    /// </summary>
    public static JobTransition? Started(Job job, int index, int sessionId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (TaskRunRules.Started(job, index, sessionId, at) is not { } started)
        {
            return null;
        }

        var task = Find(started, index)!;
        if (task.State != JobState.Migrating || task.Migration is not { } move)
        {
            return new JobTransition(started, null, null);
        }

        var cost = at - move.Since;
        var done = new TaskMigration(move.From, move.To, move.Bytes, cost < TimeSpan.Zero ? TimeSpan.Zero : cost, at);
        var next = task with { State = JobState.Running, Migration = null, Migrations = task.Migrations + 1, LastMigration = done };
        return JobTransition.Done(JobStateRules.Settle(Replace(started, next), at, null), new JobEvent(job.Id, at, "migrated",
            string.Create(CultureInfo.InvariantCulture, $"{Name(job, index)} {done.From} -> {done.To} in {(long)done.Cost.TotalMilliseconds} ms, {done.Bytes} bytes")));
    }

    /// <summary>
    /// Generation <paramref name="generation"/> failed its hash check (<paramref name="why"/>): it is marked bad and never
    /// restored; the task's state does not change. Null when it is already marked or unknown.
    /// </summary>
    public static JobTransition? MarkBad(Job job, int index, int generation, string why, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = Find(job, index);
        if (task is null || generation < 1 || generation > task.CheckpointGeneration || task.BadGenerations.Contains(generation))
        {
            return null;
        }

        var next = task with { BadGenerations = [.. task.BadGenerations, generation] };
        var fallback = next.LastCheckpoint is { } previous
            ? string.Create(CultureInfo.InvariantCulture, $"; falls back to generation {previous.Generation}")
            : "; no good generation is left";
        return JobTransition.Done(Replace(job, next), new JobEvent(job.Id, now, "checkpoint-bad", why + fallback));
    }

    /// <summary>
    /// The node could not restore generation <paramref name="generation"/> (hash mismatch): it is marked bad and the task
    /// is lost (<see cref="TaskRunRules.Lost"/>), so it resumes from the previous good generation, or from the start
    /// when none is left and it is rerunnable. Null when the task was not active.
    /// </summary>
    public static JobTransition? LostWithBadCheckpoint(Job job, int index, int generation, string why, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var marked = MarkBad(job, index, generation, why, now)?.Job ?? job;
        return TaskRunRules.Lost(marked, index, why, now);
    }

    /// <summary>A fresh queued task that keeps what it carries across runs: restarts, checkpoints, moves.</summary>
    internal static JobTask Requeue(JobTask task, string reason) => new(task.Index, JobState.Queued)
    {
        RestartCount = task.RestartCount,
        Requeues = task.Requeues + 1,
        Reason = reason,
        Checkpoints = task.Checkpoints,
        CheckpointGeneration = task.CheckpointGeneration,
        BadGenerations = task.BadGenerations,
        Migrations = task.Migrations,
        LastMigration = task.LastMigration,
        CpuTime = task.CpuTime,
        PeakRssBytes = task.PeakRssBytes,
    };

    private static JobTask Restarted(JobTask task, int restarts, DateTimeOffset now) =>
        task with { RestartCount = restarts, StartTime = null, SessionId = null, DispatchTime = now, Reason = null };

    private static long SizeOf(JobTask task, int generation) => task.Checkpoints.FirstOrDefault(c => c.Generation == generation)?.Bytes ?? 0;

    private static JobTask? Find(Job job, int index) => job.Tasks.FirstOrDefault(t => t.Index == index);

    private static Job Replace(Job job, JobTask task) => job with { Tasks = [.. job.Tasks.Select(t => t.Index == task.Index ? task : t)] };

    private static string Name(Job job, int index) => job.Spec.IsArray ? JobIds.FormatTask(job.Id, index) : job.Id.ToString(CultureInfo.InvariantCulture);
}
