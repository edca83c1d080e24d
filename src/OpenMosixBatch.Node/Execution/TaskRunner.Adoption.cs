using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.Execution;

// Tasks outlive their rank: a rank that starts on a node takes over the tasks its predecessor's shepherds still hold.
public sealed partial class TaskRunner
{
    /// <summary>How often an adopted task's shepherd is looked at (it is not this process's child: nothing signals its end).</summary>
    public static readonly TimeSpan AdoptedPoll = TimeSpan.FromMilliseconds(250);

    private readonly TaskCompletionSource _adoptedWatch = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Takes over a task an earlier rank of this node started, from what it left in the spool: it is sampled, limited,
    /// signalled, killed and moved like a task this rank started, and its end (recorded while no rank ran, or later)
    /// is reported once, when <see cref="WatchAdopted"/> has been called. No start is reported: the server knows it runs.
    /// </summary>
    /// <param name="leftover">What the earlier rank left.</param>
    /// <param name="stillRunning">
    /// Its shepherd still holds it: a move the earlier rank had under way is dropped (this rank never asked for its
    /// checkpoint, and a checkpoint exit now restarts it here), so the server records the move as not made.
    /// </param>
    /// <returns>False when the leftover has no order or shepherd to adopt.</returns>
    public bool Adopt(SpoolLeftover leftover, bool stillRunning = true)
    {
        ArgumentNullException.ThrowIfNull(leftover);
        if (leftover.Order is not { Job: { } job, Nodes: { } nodes } order || leftover.Shepherd is not { } shepherd
            || job.Tasks.All(t => t.Index != order.TaskIndex))
        {
            return false;
        }

        var start = new TaskStartOrder(job, order.TaskIndex, nodes, order.RestartCount > 0 ? order.RestartCount : null);
        var process = TaskProcess.Adopt(shepherd, leftover.RecordBase, leftover.Started ?? time.GetUtcNow(), _adoptedWatch.Task,
            procfs.ReadStat, AdoptedPoll, time);
        var running = new RunningTask(start, process)
        {
            SwitchedUser = leftover.SwitchedUser,
            StartTicks = leftover.StartTicks != 0 ? leftover.StartTicks : null,
        };
        var key = new TaskKey(job.Id, order.TaskIndex);
        _running[key] = running;
        if (stillRunning)
        {
            // Its start again: the earlier rank's report may have been lost with its world (a task started just before a
            // relaunch). The server takes it only while it has no start for the task on this node, so it is never
            // counted twice.
            _reports.Writer.TryWrite(new TaskStarted(job.Id, order.TaskIndex, process.Pid, process.StartTime));
            _reports.Writer.TryWrite(new TaskCheckpointDropped(job.Id, order.TaskIndex, Core.Jobs.CheckpointCause.Migration, null,
                "its rank was replaced (the world was relaunched): a move under way is dropped; it runs on where it is"));
        }

        _ = ReportExitAsync(key, running);
        return true;
    }

    /// <summary>
    /// The world has exchanged a load of this rank that lists its adopted tasks: from now on their ends are reported
    /// (the server then knows the new world holds them, and takes none of them for lost).
    /// </summary>
    public void WatchAdopted() => _adoptedWatch.TrySetResult();

    /// <summary>The start order as kept in the spool for the rank that may adopt the task.</summary>
    private static WorldOrder Recorded(TaskStartOrder order) =>
        new(WorldOrderKind.Start, order.Job.Id, order.TaskIndex, order.Job, order.Nodes, RestartCount: order.RestartCount ?? 0);
}
