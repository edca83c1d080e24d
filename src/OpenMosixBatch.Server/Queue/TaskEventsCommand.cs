using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Health;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Task events a world reported. An event counts only when it comes from the attached world and names the node
/// the task runs on: a late event of an earlier run (requeued since) must not end the new run.
/// </summary>
/// <remarks>
/// A checkpoint exit restarts the task (same node, migration target) with a Start carrying the committed checkpoint;
/// those orders go out only after the commit (<see cref="Orders"/>), like the dispatcher's.
/// </remarks>
internal sealed class TaskEventsCommand(string worldId, IReadOnlyList<TaskEvent> events, WorldGateway gateway) : QueueCommand<bool>
{
    /// <summary>Start orders for tasks restarted from their checkpoint; sent to the world after the commit.</summary>
    public List<WorldOrder> Orders { get; } = [];

    /// <summary>Task ends that say something about their node (failed or not), for the black-hole detector; valid after the commit.</summary>
    public List<(string Node, bool Failed)> Ends { get; } = [];

    protected override bool Run(WorkingSet working, DateTimeOffset now)
    {
        // The writer may decide a command again, alone, after its group failed to commit.
        Orders.Clear();
        Ends.Clear();
        if (!gateway.IsCurrent(worldId))
        {
            return false;
        }

        foreach (var e in events)
        {
            var job = working.Find(e.JobId);
            var task = job?.Tasks.FirstOrDefault(t => t.Index == e.TaskIndex);
            // A part (omb rsh) reports from any of the task's nodes; the task itself only from its first.
            if (job is null || task?.Node is null
                || (e.Kind == TaskEventKind.PartEnded ? !task.Node.Contains(e.Node) : task.Node.First != e.Node))
            {
                continue;
            }

            var transition = e.Kind switch
            {
                TaskEventKind.Started => CheckpointRules.Started(job, e.TaskIndex, e.SessionId ?? 0, e.Time),
                TaskEventKind.Exiting => TaskRunRules.Exiting(job, e.TaskIndex, e.Reason ?? "ended by its node", now) is { } exiting ? new JobTransition(exiting, null, null) : null,
                TaskEventKind.Ended => TaskRunRules.Ended(job, e.TaskIndex, new TaskOutcome(e.ExitStatus ?? -1, e.Time, e.CpuTime, e.PeakRssBytes, e.Reason), now),
                TaskEventKind.Lost when e.Checkpoint is { } bad => CheckpointRules.LostWithBadCheckpoint(job, e.TaskIndex, bad.Generation,
                    e.Reason ?? $"checkpoint generation {bad.Generation} of {job.Id}[{e.TaskIndex}] failed its SHA-256 check", now),
                TaskEventKind.Lost => TaskRunRules.Lost(job, e.TaskIndex, e.Reason ?? "its node stopped", now),
                TaskEventKind.Checkpointed when e.Checkpoint is { } committed =>
                    CheckpointRules.Checkpointed(job, e.TaskIndex, committed.Generation, Place(e.Cause), e.Target, now),
                TaskEventKind.Migrating when !string.IsNullOrEmpty(e.Target) => CheckpointRules.Migrating(job, e.TaskIndex, e.Node, e.Target, e.Reason, e.Time, e.MoveCause),
                TaskEventKind.MigrationDropped => CheckpointRules.MigrationDropped(job, e.TaskIndex, e.Reason, now),
                TaskEventKind.Stays => CheckpointRules.Stays(job, e.TaskIndex, e.Reason),
                TaskEventKind.PartEnded => PartRules.Ended(job, e.TaskIndex, e.Node, e.CpuTime, e.PeakRssBytes),
                _ => null,
            };
            if (transition is not { Ok: true, Job: { } changed })
            {
                continue;
            }

            if (MayWait(e, changed, transition.Event))
            {
                working.PutUnsaved(changed);
                continue;
            }

            working.Put(changed, transition.Event);
            if (e.Kind == TaskEventKind.Ended && BlackHoleDetector.IsFailure(changed.Tasks.First(t => t.Index == e.TaskIndex).State, e.Reason) is { } failed)
            {
                Ends.Add((e.Node, failed));
            }

            if (e.Kind == TaskEventKind.Checkpointed && RestartOrder(changed, e.TaskIndex) is { } start)
            {
                Orders.Add(start);
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the change may wait for the job's next write instead of a write of its own (a short job is then written
    /// three times: submitted, dispatched, ended): the start of a task of a job that does not checkpoint, with no event.
    /// A crash before that write leaves the task as the dispatch stored it (running on its node, no start time), which
    /// the next attach of the world keeps running; the world sends the start again as it attaches (its link keeps each
    /// start until the task's end is acknowledged), and a new world's ranks report the starts of the tasks they adopt.
    /// A checkpointing job's start is stored at once: its checkpoints and moves are refused without one.
    /// </summary>
    internal static bool MayWait(TaskEvent e, Job changed, JobEvent? evt) =>
        e.Kind == TaskEventKind.Started && evt is null && !changed.Spec.Checkpoint.Enabled;

    /// <summary>The Start that resumes a task the rules restarted in place or on its target (not a requeued one).</summary>
    internal static WorldOrder? RestartOrder(Job job, int index)
    {
        var task = job.Tasks.First(t => t.Index == index);
        if (task.State is not (JobState.Running or JobState.Migrating) || task.StartTime is not null || task.Node is null)
        {
            return null;
        }

        var nodes = task.Node;
        return new WorldOrder(WorldOrderKind.Start, job.Id, index, job, nodes, nodes[0], Restore: ToRef(task.LastCheckpoint), RestartCount: task.RestartCount);
    }

    internal static CheckpointRef? ToRef(TaskCheckpoint? checkpoint) => checkpoint is null ? null : new CheckpointRef(checkpoint.Generation, checkpoint.Bytes, checkpoint.Sha256);

    private static RestartPlace Place(CheckpointCause? cause) => cause switch
    {
        CheckpointCause.Migration => RestartPlace.Target,
        CheckpointCause.Eviction => RestartPlace.Anywhere,
        _ => RestartPlace.SameNode,
    };
}
