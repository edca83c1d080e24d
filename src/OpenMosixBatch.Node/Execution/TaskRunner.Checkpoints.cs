using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
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
        if (!_running.TryGetValue(new TaskKey(jobId, taskIndex), out var task))
        {
            return false;
        }

        Act(task, new NodeTaskEvent.CheckpointAsked(cause, target, grace is not null), grace, out var signalled);
        return signalled;
    }

    private async Task DropIfLateAsync(RunningTask task, long number, TimeSpan grace)
    {
        await Task.WhenAny(task.Process.Exited, Task.Delay(grace, time)).ConfigureAwait(false);
        if (!task.Process.Exited.IsCompleted)
        {
            Act(task, new NodeTaskEvent.GraceExpired(number), grace);
        }
    }

    /// <summary>
    /// Packs the task's checkpoint directory into the store; the failure instead when it cannot. Never throws:
    /// a pack that fails for any reason refuses that checkpoint, and the task ends with the reason like any other.
    /// </summary>
    private async Task<(TaskCheckpointed? Packed, string? Failure)> PackAsync(RunningTask task)
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
            // Its cause and target are the state machine's to say (see ReportExitAsync).
            return (new TaskCheckpointed(job.Id, index, path, sha, new FileInfo(path).Length, CheckpointCause.Periodic, null, time.GetUtcNow(), task.CpuTime)
            {
                PackTime = time.GetElapsedTime(packing),
            }, null);
        }
        catch (Exception e)
        {
            // Every exception, not a list of the expected ones: one that escaped here (a name the tar format refused)
            // left the task in _running with no report, its CPUs held and its qdel and walltime kill lost for ever.
            DeleteQuietly(temporary);
            return (null, "checkpoint exit, but $OMB_CHECKPOINT_DIR could not be packed: " + e.Message);
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
