using System.Collections.Concurrent;
using System.Globalization;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.Execution;

// Parts of tasks that run on another node (omb rsh, hence mpiexec's proxies and omb dsh): started like a task, as the
// job's user under a shepherd of their own, their output relayed as it comes, and ended when their task is gone.
public sealed partial class TaskRunner
{
    /// <summary>How many ticks in a row a part's task may be missing from every rank's load before the part is ended.</summary>
    /// <remarks>Two, not one: the load that lists a task just started may come a tick after its first part.</remarks>
    public const int PartTicksUnseen = 2;

    private const int PartChunkBytes = 256 * 1024;
    private static readonly TimeSpan PartRelayInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<long, RemotePart> _parts = new();

    /// <summary>The parts running here, for tests and the log.</summary>
    public int PartCount => _parts.Count;

    private string PartsRoot => spool.Root + ".parts";

    /// <summary>Starts <paramref name="part"/> of task <paramref name="taskIndex"/> of <paramref name="job"/> under <c>/bin/sh -c</c>, as ssh would.</summary>
    public void StartPart(Job job, int taskIndex, RemotePartOrder part)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(part);
        var (identity, refusal) = IdentityOf(job);
        if (identity is null)
        {
            _reports.Writer.TryWrite(new TaskPartEnded(job.Id, taskIndex, part.PartId, RunAsPolicy.RefusedExitStatus, TimeSpan.Zero, 0, refusal));
            return;
        }

        try
        {
            var (record, output, error) = PreparePart(PartRecordName.Format(job.Id, taskIndex, part.PartId), identity);
            var owner = identity.SwitchUser ? (identity.Uid, identity.Gid) : ((uint, uint)?)null;
            using var pipes = PartPipes.Create(output, error, owner);
            var stdin = part.Stdin ? PartStdin.Create(record + ".in", owner, framed: false) : null;
            var env = new Dictionary<string, string>(part.Environment, StringComparer.Ordinal)
            {
                ["OMB_NODE"] = nodeName,
                ["OMB_RANK"] = rank.ToString(CultureInfo.InvariantCulture),
            };
            env.TryAdd("PATH", "/usr/local/bin:/usr/bin:/bin");
            var launch = new TaskLaunch("/bin/sh", ["-c", part.Command], part.WorkingDirectory, env, output, error)
            {
                Record = record,
                RunAs = identity,
                Groups = identity.SwitchUser ? UserAccounts.GroupsOf(identity.UserName, identity.Gid) : [],
                Umask = job.Spec.Umask is { } umask ? (UnixFileMode)(umask & 0x1ff) : runAs.TaskUmask,
                InputPath = stdin is null ? null : record + ".in",
            };
            TaskProcess process;
            try
            {
                process = TaskProcess.Start(launch, time);
            }
            catch
            {
                stdin?.Dispose();
                throw;
            }

            var running = new RemotePart(job.Id, taskIndex, part.PartId, process, record, output, error)
            {
                Pipes = pipes.Take(),
                Stdin = stdin,
                Resources = job.Spec.Resources,
                ChunksHere = TaskLimitPolicy.ChunksOn(job.Tasks.FirstOrDefault(t => t.Index == taskIndex)?.Node, nodeName),
                MemoryHere = job.Spec.Resources.Mixed && job.Tasks.FirstOrDefault(t => t.Index == taskIndex)?.Node is { } chunks
                    ? job.Spec.Resources.MemoryOn(chunks, nodeName) : null,
            };
            _parts[part.PartId] = running;
            _ = RelayPartAsync(running);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _reports.Writer.TryWrite(new TaskPartEnded(job.Id, taskIndex, part.PartId, 127, TimeSpan.Zero, 0, "could not start: " + e.Message));
        }
    }

    /// <summary>
    /// Input for a part or an interactive terminal running here (its client's stdin, its end, a signal to its group, a
    /// terminal size); false when none of that id runs here.
    /// </summary>
    public bool InputPart(long jobId, int taskIndex, RemotePartInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!_parts.TryGetValue(input.PartId, out var part) || part.JobId != jobId || part.TaskIndex != taskIndex)
        {
            return false;
        }

        if (input.StdoutRead is not null || input.StderrRead is not null)
        {
            part.Acknowledge(input.StdoutRead, input.StderrRead);
        }

        if (input.Data is { Length: > 0 } data)
        {
            part.Stdin?.Write(data);
        }

        if (input.Rows > 0 && input.Columns > 0)
        {
            part.Stdin?.Resize(input.Rows, input.Columns);
        }

        if (input.Close)
        {
            part.Stdin?.Close();
        }

        if (input.Signal > 0 && !part.Process.Exited.IsCompleted)
        {
            Signals.SendToGroup(part.Process.ProcessGroup, input.Signal);
        }

        return true;
    }

    /// <summary>
    /// Relays the terminal of interactive task <paramref name="taskIndex"/> of job <paramref name="jobId"/> (qsub -I) under its terminal id, as a part's
    /// output is relayed, until the task ends.
    /// </summary>
    /// <remarks>The terminal joins stdout and stderr; <paramref name="error"/> stays empty.</remarks>
    private void RelayTerminal(long jobId, int taskIndex, TaskProcess process, string record, string output, string error, PartStdin stdin)
    {
        var id = InteractiveSession.TerminalIdOf(jobId);
        var terminal = new RemotePart(jobId, taskIndex, id, process, record, output, error) { Stdin = stdin, IsTerminal = true };
        _parts[id] = terminal;
        _ = RelayPartAsync(terminal);
    }

    /// <summary>
    /// Ends the parts whose task no rank listed in the last <see cref="PartTicksUnseen"/> ticks (deleted, killed for a
    /// limit, ended, or its node left the world): no part outlives its job. Called on every tick with every rank's tasks.
    /// </summary>
    public void EndOrphanedParts(IReadOnlySet<TaskKey> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        foreach (var part in _parts.Values)
        {
            if (part.IsTerminal || live.Contains(new TaskKey(part.JobId, part.TaskIndex)))
            {
                part.TicksUnseen = 0;
            }
            else if (++part.TicksUnseen >= PartTicksUnseen)
            {
                EndPart(part, "its task is no longer running");
            }
        }
    }

    /// <summary>The resident memory of each task's parts here (each part's tree: the part and whatever it started).</summary>
    private Dictionary<(long JobId, int TaskIndex), long> SamplePartMemory()
    {
        var sums = new Dictionary<(long, int), long>();
        foreach (var part in _parts.Values)
        {
            var rss = 0L;
            foreach (var pid in PartTree.Of(part.Process.Pid, part.Process.ProcessGroup).Keys)
            {
                rss += procfs.ReadProcess(pid)?.RssBytes ?? 0;
            }

            sums[(part.JobId, part.TaskIndex)] = sums.GetValueOrDefault((part.JobId, part.TaskIndex)) + rss;
        }

        return sums;
    }

    /// <summary>
    /// Ends the parts of every task whose processes on this node (its parts', and its own when it runs here) are over
    /// its memory here (<see cref="TaskLimitPolicy.DecideNodeMemory"/>), with the reason, which their omb rsh prints.
    /// </summary>
    private void LimitPartMemory(Dictionary<(long JobId, int TaskIndex), long> partRss, Dictionary<(long JobId, int TaskIndex), long> taskRss)
    {
        foreach (var part in _parts.Values)
        {
            var key = (part.JobId, part.TaskIndex);
            var sum = partRss.GetValueOrDefault(key) + taskRss.GetValueOrDefault(key);
            if (TaskLimitPolicy.DecideNodeMemory(part.Resources, part.ChunksHere, sum, part.MemoryHere) is { Kill: true, Reason: { } reason })
            {
                EndPart(part, reason);
            }
        }
    }

    /// <summary>Ends every part (the rank is leaving: nothing would relay their output or end them later).</summary>
    public void EndAllParts(string reason)
    {
        foreach (var part in _parts.Values)
        {
            EndPart(part, reason);
        }
    }

    private void EndPart(RemotePart part, string reason)
    {
        if (Interlocked.CompareExchange(ref part.EndReason, reason, null) is null)
        {
            // Its tree, not only its group: an MPI rank its proxy started runs in a session of its own.
            _ = PartTree.KillAsync(part.Process.Pid, part.Process.ProcessGroup, killGrace, time, procfs.ReadStartTicks);
        }
    }

    /// <summary>
    /// Where the part's records and output go: a directory only the node may write, so the user writes into the FIFOs
    /// (a part's) or files (a terminal's, <paramref name="files"/>) made for it, but can never swap them for a link to a
    /// file of the node's that the relay would then read.
    /// </summary>
    private (string Record, string Output, string Error) PreparePart(string baseName, RunAsDecision identity, bool files = false)
    {
        Directory.CreateDirectory(PartsRoot);
        File.SetUnixFileMode(PartsRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var name = Path.Combine(PartsRoot, baseName);
        // The shepherd appends a terminal's output to a file it does not create (O_NOFOLLOW, no O_CREAT).
        foreach (var path in files ? new[] { name + ".out", name + ".err" } : [])
        {
            File.Delete(path);
            using (File.Create(path))
            {
            }

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (identity.SwitchUser)
            {
                FileOwnership.Change(path, identity.Uid, identity.Gid);
            }
        }

        return (name, name + ".out", name + ".err");
    }

    private async Task RelayPartAsync(RemotePart part)
    {
        var ended = part.Process.Ended;
        while (true)
        {
            // Once the part ended, what its pipes still hold (at most a pipe's size) is relayed whatever the window.
            var last = ended.IsCompleted;
            var credited = part.Credited;
            var (stdout, stderr) = (part.ReadOutput(PartChunkBytes, drain: last), part.ReadError(PartChunkBytes, drain: last));
            if (stdout.Length > 0 || stderr.Length > 0)
            {
                _reports.Writer.TryWrite(new TaskPartOutput(part.JobId, part.TaskIndex, part.PartId, stdout, stderr));
                if (stdout.Length == PartChunkBytes || stderr.Length == PartChunkBytes)
                {
                    continue;
                }
            }

            if (last)
            {
                break;
            }

            await Task.WhenAny(ended, credited, Task.Delay(PartRelayInterval, time)).ConfigureAwait(false);
        }

        var end = await ended.ConfigureAwait(false);
        _parts.TryRemove(part.PartId, out _);
        part.Stdin?.Dispose();
        part.Dispose();
        if (part.IsTerminal)
        {
            // The task's own records are the task runner's; only the terminal's files are the relay's.
            foreach (var path in new[] { part.Output, part.Error, part.Record + ".in" })
            {
                File.Delete(path);
            }

            _reports.Writer.TryWrite(new TaskPartEnded(part.JobId, part.TaskIndex, part.PartId, end?.ExitStatus ?? TaskProcess.UnrecordedExitStatus,
                TimeSpan.Zero, 0, null));
            return;
        }

        part.Process.Dispose();
        foreach (var path in new[] { part.Output, part.Error, part.Record + ".in", part.Record + ShepherdRecord.EndSuffix, part.Record + ShepherdRecord.StartSuffix })
        {
            File.Delete(path);
        }

        _reports.Writer.TryWrite(new TaskPartEnded(part.JobId, part.TaskIndex, part.PartId, end?.ExitStatus ?? TaskProcess.UnrecordedExitStatus,
            end?.CpuTime ?? TimeSpan.Zero, end?.PeakRssBytes ?? 0, Volatile.Read(ref part.EndReason)));
    }
}
