using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Task events a world reported. An event counts only when it comes from the attached world and names the node
/// the task runs on: a late event of an earlier run (requeued since) must not end the new run.
/// </summary>
internal sealed class TaskEventsCommand(string worldId, IReadOnlyList<TaskEvent> events, WorldGateway gateway) : QueueCommand<bool>
{
    protected override bool Run(WorkingSet working, DateTimeOffset now)
    {
        if (!gateway.IsCurrent(worldId))
        {
            return false;
        }

        foreach (var e in events)
        {
            var job = working.Find(e.JobId);
            var task = job?.Tasks.FirstOrDefault(t => t.Index == e.TaskIndex);
            if (job is null || task?.Node is null || task.Node.Split(',')[0] != e.Node)
            {
                continue;
            }

            switch (e.Kind)
            {
                case TaskEventKind.Started when TaskRunRules.Started(job, e.TaskIndex, e.SessionId ?? 0, e.Time) is { } started:
                    working.Put(started, null);
                    break;
                case TaskEventKind.Exiting when TaskRunRules.Exiting(job, e.TaskIndex, e.Reason ?? "ended by its node", now) is { } exiting:
                    working.Put(exiting, null);
                    break;
                case TaskEventKind.Ended when TaskRunRules.Ended(job, e.TaskIndex, new TaskOutcome(e.ExitStatus ?? -1, e.Time, e.CpuTime, e.PeakRssBytes, e.Reason), now) is { Ok: true } ended:
                    working.Put(ended.Job!, ended.Event);
                    break;
                case TaskEventKind.Lost when TaskRunRules.Lost(job, e.TaskIndex, e.Reason ?? "its node stopped", now) is { Ok: true } lost:
                    working.Put(lost.Job!, lost.Event);
                    break;
                default:
                    break;
            }
        }

        return true;
    }
}
