using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Node.Checkpoints;

namespace OpenMosixBatch.Node.Execution;

// The checkpoint side of the runner: asking a task to checkpoint (signal to the session leader only, since a shell
// wrapper without a trap would die of a signal to the group), the periodic signal, packing on a checkpoint exit, and
// unpacking a restore before the start.
public sealed partial class TaskRunner
{
    /// <summary>
    /// Asks a running checkpointing task to checkpoint now for <paramref name="cause"/> (to <paramref name="target"/>
    /// for a migration). With a <paramref name="grace"/>, a task that has not exited with its checkpoint code by then
    /// is reported as <see cref="TaskCheckpointDropped"/> and runs on. False when the task is not running here or
    /// does not checkpoint.
    /// </summary>
    public bool RequestCheckpoint(long jobId, int taskIndex, CheckpointCause cause, string? target, TimeSpan? grace)
    {
        if (!_running.TryGetValue((jobId, taskIndex), out var task) || !task.Order.Job.Spec.Checkpoint.Enabled || task.KillReason is not null)
        {
            return false;
        }

        task.RequestedCause = cause;
        task.Target = target;
        var number = ++task.RequestNumber;
        if (!task.Process.SignalMain(task.Order.Job.Spec.Checkpoint.Signal))
        {
            return false;
        }

        if (grace is { } wait)
        {
            _ = DropIfLateAsync(task, number, wait);
        }

        return true;
    }

    private async Task DropIfLateAsync(RunningTask task, long number, TimeSpan grace)
    {
        await Task.WhenAny(task.Process.Exited, Task.Delay(grace, time)).ConfigureAwait(false);
        if (task.Process.Exited.IsCompleted || task.RequestNumber != number || task.RequestedCause is not { } cause)
        {
            return;
        }

        var target = task.Target;
        task.RequestedCause = null;
        task.Target = null;
        _reports.Writer.TryWrite(new TaskCheckpointDropped(task.Order.Job.Id, task.Order.TaskIndex, cause, target,
            $"task did not checkpoint within {grace.TotalSeconds:0.#} s of signal {task.Order.Job.Spec.Checkpoint.Signal}; it runs on"));
    }

    private static void SignalIfPeriodicDue(RunningTask task, DateTimeOffset now)
    {
        var policy = task.Order.Job.Spec.Checkpoint;
        if (policy.Mode != Core.Jobs.CheckpointMode.Periodic || policy.Interval is not { } interval || interval <= TimeSpan.Zero
            || task.RequestedCause is not null || task.KillReason is not null || now - task.LastPeriodicSignal < interval)
        {
            return;
        }

        task.LastPeriodicSignal = now;
        task.Process.SignalMain(policy.Signal);
    }

    /// <summary>
    /// Packs the task's checkpoint directory into the store; null (with the failure noted) when it cannot. Never throws:
    /// a pack that fails for any reason refuses that checkpoint, and the task ends with the reason like any other.
    /// </summary>
    private async Task<TaskCheckpointed?> PackAsync(RunningTask task)
    {
        var job = task.Order.Job;
        var index = task.Order.TaskIndex;
        string? temporary = null;
        var packing = time.GetTimestamp();
        try
        {
            temporary = Checkpoints.NewTemporary();
            if (task.SwitchedUser)
            {
                spool.Reclaim(job.Id, index);
            }

            // As the user, every entry must be the user's own: root reads nothing through a hard link to another's file.
            uint? owner = task.SwitchedUser ? job.Owner.Uid : null;
            var sha = await Task.Run(() => CheckpointArchive.Pack(spool.CheckpointDirectoryOf(job.Id, index), temporary, owner, MaxCheckpointBytes)).ConfigureAwait(false);
            var path = Checkpoints.Commit(temporary, job.Id, index, sha);
            Checkpoints.RemoveTask(job.Id, index, keepSha256: sha);
            return new TaskCheckpointed(job.Id, index, path, sha, new FileInfo(path).Length, task.RequestedCause ?? CheckpointCause.Periodic,
                task.RequestedCause == CheckpointCause.Migration ? task.Target : null, time.GetUtcNow(), task.CpuTime)
            {
                PackTime = time.GetElapsedTime(packing),
            };
        }
        catch (Exception e)
        {
            // Every exception, not a list of the expected ones: one that escaped here (a name the tar format refused)
            // left the task in _running with no report, its CPUs held and its qdel and walltime kill lost for ever.
            DeleteQuietly(temporary);
            task.PackFailure = "checkpoint exit, but $OMB_CHECKPOINT_DIR could not be packed: " + e.Message;
            return null;
        }
    }

    private static void DeleteQuietly(string? temporary)
    {
        try
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The store is cleared when a rank starts; the refusal is reported all the same.
        }
    }

    private bool TryRestore(TaskStartOrder order, RestoreArchive restore, string checkpointDirectory)
    {
        var job = order.Job;
        try
        {
            CheckpointArchive.Unpack(restore.Path, restore.Sha256, checkpointDirectory);
            return true;
        }
        catch (Exception e) when (e is CheckpointCorruptException or InvalidDataException or IOException)
        {
            spool.Remove(job.Id, order.TaskIndex);
            Checkpoints.RemoveTask(job.Id, order.TaskIndex);
            var reason = e is CheckpointCorruptException
                ? $"checkpoint generation {restore.Generation} of {job.Id}[{order.TaskIndex}] failed its SHA-256 check"
                : $"checkpoint generation {restore.Generation} of {job.Id}[{order.TaskIndex}] could not be unpacked: {e.Message}";
            _reports.Writer.TryWrite(new TaskRestoreFailed(job.Id, order.TaskIndex, restore.Generation, reason));
            return false;
        }
    }
}
