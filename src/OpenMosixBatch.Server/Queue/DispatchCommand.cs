using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Records the admission pass's starts as running on their nodes, for world <paramref name="worldId"/>; the start orders
/// go out only after this group is published. A task that needs its dispatch stored (more than one chunk, GPUs,
/// checkpoints, a rerun) is stored first, so a task a node runs is always one the store knows is running; a plain
/// task's dispatch is kept in memory until its job's next write (its end, for a short job) or
/// <see cref="JobQueue.UnsavedStartLimit"/>: a server killed meanwhile adopts it from the world's attach
/// (<see cref="UnsavedDispatch"/>, <see cref="WorldAttachCommand"/>).
/// </summary>
/// <remarks>
/// GPUs are named here, in the same commit: the devices every active task holds are read from the working set, so two
/// tasks never get one device, and the assignment is stored with the task (a restarted server and an adopting rank
/// see it as it was).
/// </remarks>
/// <param name="gpusOf">How many GPUs a node declares.</param>
internal sealed class DispatchCommand(string worldId, IReadOnlyList<TaskPlacement> starts, WorldGateway gateway, Func<string, int> gpusOf)
    : QueueCommand<IReadOnlyList<(Job Job, TaskPlacement Placement)>>
{
    protected override IReadOnlyList<(Job Job, TaskPlacement Placement)> Run(WorkingSet working, DateTimeOffset now)
    {
        var dispatched = new List<(Job, TaskPlacement)>();
        if (!gateway.IsCurrent(worldId) || gateway.Stopping)
        {
            return dispatched;
        }

        HashSet<GpuDevice>? inUse = null;   // read only when a start asks for GPUs
        foreach (var start in starts)
        {
            // The plan was made on an earlier snapshot: a qdel or qhold may have come in between.
            if (working.Find(start.JobId) is not { } job)
            {
                continue;
            }

            IReadOnlyList<GpuDevice>? gpus = null;
            if (job.Spec.Resources.TotalGpus > 0
                && (gpus = GpuDeviceAssignment.Assign(job.Spec.Resources, start.Nodes, gpusOf, inUse ??= GpuDeviceAssignment.InUse(working.Jobs))) is null)
            {
                continue;
            }

            if (TaskRunRules.Dispatch(job, start.TaskIndex, start.Nodes, now, gpus) is { Ok: true } t)
            {
                var running = WaitReasonChanges.AfterDispatch(t.Job!);
                if (UnsavedDispatch.MayWait(job, start.TaskIndex, start.Nodes, gpus))
                {
                    working.PutUnsaved(running, t.Event);
                }
                else
                {
                    working.Put(running, t.Event);
                }

                dispatched.Add((running, start));
            }
        }

        return dispatched;
    }
}
