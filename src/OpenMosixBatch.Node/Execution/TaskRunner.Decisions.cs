using System.Globalization;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

// The runner as the adapter of each task's state machine (NodeTaskMachine in Core): it feeds the machine what happened
// and carries out what the machine decides. The end's own actions (packing, the last report) are the exit path's.
public sealed partial class TaskRunner
{
    private NodeTaskDecision Act(RunningTask task, NodeTaskEvent e, TimeSpan? grace = null) => Act(task, e, grace, out _);

    /// <param name="task">The task.</param>
    /// <param name="e">What happened to it.</param>
    /// <param name="grace">The grace period of the checkpoint request in play (for its timer and its drop's reason).</param>
    /// <param name="signalled">True when a signal the machine asked for reached the task's main process.</param>
    private NodeTaskDecision Act(RunningTask task, NodeTaskEvent e, TimeSpan? grace, out bool signalled)
    {
        signalled = false;
        var decision = task.Apply(e);
        var key = task.State.Key;
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case NodeTaskAction.SignalMain signal:
                    signalled = task.Process.SignalMain(signal.Signal);
                    break;
                case NodeTaskAction.StartGrace start when grace is { } wait:
                    _ = DropIfLateAsync(task, start.Number, wait);
                    break;
                case NodeTaskAction.KillGroup:
                    _ = task.Process.KillGroupAsync(killGrace, time);
                    break;
                case NodeTaskAction.ForgetCheckpoints:
                    Checkpoints.RemoveTask(key.JobId, key.TaskIndex);
                    break;
                case NodeTaskAction.ReportExiting exiting:
                    _reports.Writer.TryWrite(new TaskExiting(key.JobId, key.TaskIndex, exiting.Reason));
                    break;
                case NodeTaskAction.ReportDropped dropped:
                    _reports.Writer.TryWrite(new TaskCheckpointDropped(key.JobId, key.TaskIndex, dropped.Cause, dropped.Target, string.Create(CultureInfo.InvariantCulture,
                        $"task did not checkpoint within {(grace ?? TimeSpan.Zero).TotalSeconds:0.#} s of signal {task.State.Checkpoint.Signal}; it runs on")));
                    break;
                default:
                    // EndUnheldGroup, Pack and the end's reports: carried out by the exit path, in its order.
                    break;
            }
        }

        return decision;
    }
}
