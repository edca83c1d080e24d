using System.Collections.Concurrent;
using System.Threading.Channels;
using System.Globalization;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Checkpoints;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// Runs the tasks placed on this node as real processes, samples them every tick, enforces walltime and memory,
/// and reports what happens on <see cref="Reports"/>. A task of a checkpointing job that exits with its checkpoint exit
/// code is packed (see TaskRunner.Checkpoints.cs) and reported as <see cref="TaskCheckpointed"/>, not as ended.
/// </summary>
/// <remarks>A task runs as the user who submitted it, or not at all: <see cref="RunAsPolicy"/> decides, with <paramref name="runAs"/>.</remarks>
public sealed partial class TaskRunner(string nodeName, int rank, TaskSpool spool, ProcfsReader procfs, TimeProvider time, TimeSpan killGrace, RunAsSettings runAs)
{
    private readonly ConcurrentDictionary<TaskKey, RunningTask> _running = new();
    private readonly Channel<TaskReport> _reports = Channel.CreateUnbounded<TaskReport>();

    public ChannelReader<TaskReport> Reports => _reports.Reader;

    /// <summary>The node's packed checkpoints, beside the spool (so the adopter's sweep of task folders leaves them).</summary>
    public CheckpointStore Checkpoints { get; } = new(spool.Root + ".checkpoints");

    public int RunningCount => _running.Count;

    /// <summary>
    /// The node's long-lived launcher, which starts and holds the tasks (<c>--task-launcher node</c>); null starts an
    /// omb-shepherd per task. A task on a terminal (qsub -I) always has a shepherd of its own, which relays it.
    /// </summary>
    public NodeLauncher? Launcher { get; init; }

    /// <summary>The largest checkpoint a task may make here (see <see cref="Core.Jobs.CheckpointSizeLimit"/>).</summary>
    public long MaxCheckpointBytes { get; init; } = Core.Jobs.CheckpointSizeLimit.DefaultBytes;

    public IReadOnlyCollection<TaskKey> Running => [.. _running.Keys];

    /// <summary>Whether a task here may be moved (it checkpoints and is migratable): a move order may come at any moment.</summary>
    public bool RunsMovableTask => _running.Values.Any(t => t.Order.Job.Spec.Checkpoint.Enabled && t.Order.Job.Spec.Resources.Movable);

    /// <summary>Starts the task; a task that cannot start is reported as ended with exit status 127 and the reason.</summary>
    public void Start(TaskStartOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var job = order.Job;
        var task = job.Tasks.First(t => t.Index == order.TaskIndex);
        var key = new TaskKey(job.Id, order.TaskIndex);
        var (identity, refusal) = IdentityOf(job);
        if (identity is null)
        {
            // Refused before anything of the task exists on the node, so a restore's checkpoint stays where it is.
            _reports.Writer.TryWrite(new TaskEnded(job.Id, order.TaskIndex, RunAsPolicy.RefusedExitStatus, time.GetUtcNow(), TimeSpan.Zero, 0, refusal));
            return;
        }

        try
        {
            var (exe, args, nodeFile, checkpoint) = spool.Prepare(order);
            if (order.Restore is { } restore && !TryRestore(order, restore, checkpoint))
            {
                return;
            }

            WriteHostFile(order, nodeFile);
            if (identity.SwitchUser)
            {
                // Built as root in a directory only root can enter, then handed over whole: the script, the node file
                // and the restored checkpoint become the user's, and no other user can enter.
                spool.GiveTo(job.Id, order.TaskIndex, identity.Uid, identity.Gid);
            }

            var env = TaskEnvironment.Build(job, task, nodeName, rank, checkpoint, nodeFile);
            AddRemoteStart(env, order, nodeFile);
            if (order.RestartCount is { } restarts)
            {
                env["OMB_RESTART_COUNT"] = restarts.ToString(CultureInfo.InvariantCulture);
            }

            env.TryAdd("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.TryAdd("USER", job.Owner.UserName);
            env.TryAdd("LOGNAME", job.Owner.UserName);
            var (output, error) = OutputPaths.For(job, order.TaskIndex);
            var (terminal, terminalRecord, terminalError) = (default(PartStdin), "", "");
            if (job.Spec.Interactive)
            {
                // qsub -I: a terminal the shepherd holds, relayed like a part's output; no output files. Not a part's
                // name (PartRecordName), so a later rank never takes it for a part its dead predecessor left.
                (terminalRecord, output, terminalError) = PreparePart(string.Create(CultureInfo.InvariantCulture, $"{job.Id}.{order.TaskIndex}.terminal"), identity, files: true);
                error = output;
                terminal = PartStdin.Create(terminalRecord + ".in", null, framed: true);
            }

            var launch = new TaskLaunch(exe, args, job.Spec.WorkingDirectory, env, output, error)
            {
                InputPath = terminal is null ? null : terminalRecord + ".in",
                Terminal = terminal is not null,
                Record = spool.ShepherdRecordOf(job.Id, order.TaskIndex),
                RunAs = identity,
                Groups = identity.SwitchUser ? UserAccounts.GroupsOf(identity.UserName, identity.Gid) : [],
                Umask = job.Spec.Umask is { } umask ? (UnixFileMode)(umask & 0x1ff) : runAs.TaskUmask,
            };
            // Kept before the launch, so a shepherd a later rank finds always has the order it runs.
            spool.RecordOrder(job.Id, order.TaskIndex, Recorded(order));
            TaskProcess process;
            try
            {
                process = Launcher is { } launcher && !launch.Terminal ? TaskProcess.Start(launch, launcher, time) : TaskProcess.Start(launch, time);
            }
            catch
            {
                terminal?.Dispose();
                throw;
            }

            if (terminal is not null)
            {
                RelayTerminal(job.Id, order.TaskIndex, process, terminalRecord, output, terminalError, terminal);
            }

            var startTicks = procfs.ReadStartTicks(process.Pid);
            var running = new RunningTask(order, process) { SwitchedUser = identity.SwitchUser, StartTicks = startTicks };
            _running[key] = running;
            spool.RecordSession(job.Id, order.TaskIndex, process.ProcessGroup, startTicks, process.StartTime, identity.SwitchUser);
            _reports.Writer.TryWrite(new TaskStarted(job.Id, order.TaskIndex, process.Pid, process.StartTime));
            _ = ReportExitAsync(key, running);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _reports.Writer.TryWrite(new TaskEnded(job.Id, order.TaskIndex, 127, time.GetUtcNow(), TimeSpan.Zero, 0, "could not start: " + e.Message));
        }
    }

    /// <summary>Kills a task's whole process group (qdel, or the server's order), recording <paramref name="reason"/>.</summary>
    public bool Kill(long jobId, int taskIndex, string reason) => Kill(jobId, taskIndex, reason, serverStopping: false);

    private bool Kill(long jobId, int taskIndex, string reason, bool serverStopping)
    {
        if (!_running.TryGetValue(new TaskKey(jobId, taskIndex), out var task))
        {
            return false;
        }

        Act(task, new NodeTaskEvent.KillOrdered(reason, serverStopping));
        return true;
    }

    /// <summary>Enforces <paramref name="resources"/>' walltime and cput on the task from now on (qalter); false when it does not run here.</summary>
    public bool Relimit(long jobId, int taskIndex, ResourceRequest resources)
    {
        if (!_running.TryGetValue(new TaskKey(jobId, taskIndex), out var task))
        {
            return false;
        }

        Act(task, new NodeTaskEvent.LimitsChanged(resources));
        return true;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the task's whole process group (qsig; SIGSTOP and SIGCONT suspend and resume
    /// it); false when the task is not running here.
    /// </summary>
    public bool Signal(long jobId, int taskIndex, int signal) =>
        _running.TryGetValue(new TaskKey(jobId, taskIndex), out var task) && task.State.Phase == NodeTaskPhase.Running && task.Process.Signal(signal);

    /// <summary>
    /// Kills every task (the server stops, or the node is fenced) and waits until all have ended, at most
    /// <paramref name="limit"/>. With <paramref name="serverStopping"/> their ends are reported as lost, for the server to
    /// run them again.
    /// </summary>
    public async Task KillAllAsync(string reason, TimeSpan limit, bool serverStopping)
    {
        var tasks = _running.Values.ToList();
        foreach (var task in tasks)
        {
            Kill(task.Order.Job.Id, task.Order.TaskIndex, reason, serverStopping);
        }

        using var timeout = new CancellationTokenSource(limit, time);
        try
        {
            await Task.WhenAll(tasks.Select(t => t.Process.Exited)).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Reported as they end; what is left is the reaper's at the next start.
        }
    }

    /// <summary>Measures every running task and kills those over their limits. Called on every node tick.</summary>
    public IReadOnlyList<TaskSampled> Sample()
    {
        var now = time.GetUtcNow();
        var samples = new List<TaskSampled>();
        var partRss = SamplePartMemory();
        var taskRss = new Dictionary<(long JobId, int TaskIndex), long>();
        foreach (var task in _running.Values)
        {
            var totals = default(ProcessSample);
            foreach (var pid in TaskProcess.ProcessesInGroup(task.Process.ProcessGroup))
            {
                if (procfs.ReadProcess(pid) is { } s)
                {
                    totals = new ProcessSample(totals.CpuTicks + s.CpuTicks, task.Process.ProcessGroup, totals.RssBytes + s.RssBytes,
                        0, totals.ReadBytes + s.ReadBytes, totals.WrittenBytes + s.WrittenBytes, totals.ReadCalls + s.ReadCalls, totals.WriteCalls + s.WriteCalls,
                        totals.RunQueueWaitNanoseconds + s.RunQueueWaitNanoseconds);
                }
            }

            var sampled = task.Record(totals, now);
            samples.Add(task.Order.Job.Spec.Checkpoint.Enabled
                ? sampled with { CheckpointDirectoryBytes = spool.CheckpointDirectoryBytes(task.Order.Job.Id, task.Order.TaskIndex) }
                : sampled);
            // Limits, then the periodic checkpoint signal: the task's state machine decides. Its memory limit bounds
            // the job's processes on this node: the task's own and its parts' here.
            var key = (task.Order.Job.Id, task.Order.TaskIndex);
            taskRss[key] = totals.RssBytes;
            Act(task, new NodeTaskEvent.Sampled(now, totals.RssBytes + partRss.GetValueOrDefault(key), sampled.CpuTime));
        }

        LimitPartMemory(partRss, taskRss);
        return samples;
    }

    /// <summary>
    /// Reports the end its shepherd recorded (the CPU and peak memory of the whole tree it reaped, where the samples
    /// may have missed a short task's), or the task as lost when the shepherd left no record.
    /// </summary>
    private async Task ReportExitAsync(TaskKey key, RunningTask task)
    {
        var end = await task.Process.Ended.ConfigureAwait(false);
        task.RecordEnd(end);
        var launchError = await LaunchErrorAsync(task).ConfigureAwait(false);
        var decision = Act(task, new NodeTaskEvent.Exited(end, launchError));
        if (decision.Find<NodeTaskAction.EndUnheldGroup>() is not null)
        {
            EndUnheldGroup(task);
        }

        TaskCheckpointed? packed = null;
        if (decision.Find<NodeTaskAction.Pack>() is { } pack)
        {
            (packed, var failure) = await PackAsync(task).ConfigureAwait(false);
            decision = Act(task, new NodeTaskEvent.Packed(pack.ExitStatus, failure));
        }

        var job = task.Order.Job;
        _running.TryRemove(key, out _);
        task.Process.Dispose();
        var checkpointed = decision.Find<NodeTaskAction.ReportCheckpointed>();
        if (task.SwitchedUser && checkpointed is null)
        {
            // Root's again before root deletes it, so a lookup of the user's cannot swap a link into the tree meanwhile.
            ReclaimQuietly(job.Id, task.Order.TaskIndex);
        }

        // Nothing of the task stays on the node but a checkpoint it is to restart from.
        RemoveQuietly(job.Id, task.Order.TaskIndex);
        if (checkpointed is not null && packed is not null)
        {
            _reports.Writer.TryWrite(packed with { Cause = checkpointed.Cause, Target = checkpointed.Target });
        }
        else if (decision.Find<NodeTaskAction.ReportEnded>() is { } ended)
        {
            _reports.Writer.TryWrite(new TaskEnded(job.Id, task.Order.TaskIndex, ended.ExitStatus, time.GetUtcNow(), task.CpuTime, task.PeakRss, ended.Reason));
        }
        else if (decision.Find<NodeTaskAction.ReportLost>() is { } lost)
        {
            _reports.Writer.TryWrite(new TaskLost(job.Id, task.Order.TaskIndex, lost.Reason ?? string.Create(CultureInfo.InvariantCulture,
                $"its shepherd (pid {task.Process.ShepherdPid}) on {nodeName} ended without recording the task's end")));
        }
    }

    /// <summary>
    /// A shepherd killed before its job leaves the job running unheld: ended here, since the server starts the lost task
    /// again. Only while the group's leader is gone or still the job (its start time), so a reused PID is never hit.
    /// </summary>
    private void EndUnheldGroup(RunningTask task)
    {
        var group = task.Process.ProcessGroup;
        var leader = procfs.ReadStartTicks(group);
        if (leader is null || leader == task.StartTicks)
        {
            Signals.SendToGroup(group, Signals.SigKill);
        }
    }

    private void RemoveQuietly(long jobId, int index)
    {
        try
        {
            spool.Remove(jobId, index);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // A tree the node will not walk (deeper than DirectoryTree.MaxDepth): the task is still reported as it
            // ended, and the reaper of the next start tries again and logs what it leaves.
        }
    }

    private void ReclaimQuietly(long jobId, int index)
    {
        try
        {
            spool.Reclaim(jobId, index);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone (the task removed its own directory): nothing to take back.
        }
    }

    /// <summary>
    /// Why the launch failed (the shepherd's switch, the directory, an output file, the exec), as one short line (it is
    /// stored, shown and logged with the task's end), or null when the task itself ran.
    /// </summary>
    private async Task<string?> LaunchErrorAsync(RunningTask task)
    {
        try
        {
            var text = await task.Process.LaunchErrors.WaitAsync(TimeSpan.FromSeconds(5), time).ConfigureAwait(false);
            var owner = task.Order.Job.Owner;
            return StartFailure.Reason(text) is { } reason
                ? string.Create(CultureInfo.InvariantCulture, $"could not start as {owner.UserName} (uid {owner.Uid}): {reason}")
                : null;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
