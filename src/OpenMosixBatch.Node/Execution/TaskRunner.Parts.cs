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
            var (record, output, error) = PreparePart(job.Id, part.PartId, identity);
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
            };
            var running = new RemotePart(job.Id, taskIndex, part.PartId, TaskProcess.Start(launch, time), record, output, error);
            _parts[part.PartId] = running;
            _ = RelayPartAsync(running);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _reports.Writer.TryWrite(new TaskPartEnded(job.Id, taskIndex, part.PartId, 127, TimeSpan.Zero, 0, "could not start: " + e.Message));
        }
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
            if (live.Contains(new TaskKey(part.JobId, part.TaskIndex)))
            {
                part.TicksUnseen = 0;
            }
            else if (++part.TicksUnseen >= PartTicksUnseen)
            {
                EndPart(part, "its task is no longer running");
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
            _ = part.Process.KillGroupAsync(killGrace, time);
        }
    }

    /// <summary>
    /// The part's output files, made by the node and given to the user inside a directory only the node may write, so
    /// the user writes them but can never swap them for a link to a file of the node's that the relay would then read.
    /// </summary>
    private (string Record, string Output, string Error) PreparePart(long jobId, long partId, RunAsDecision identity)
    {
        Directory.CreateDirectory(PartsRoot);
        File.SetUnixFileMode(PartsRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var name = Path.Combine(PartsRoot, string.Create(CultureInfo.InvariantCulture, $"{jobId}.{partId}"));
        foreach (var path in new[] { name + ".out", name + ".err" })
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
            var last = ended.IsCompleted;
            var (stdout, stderr) = (part.ReadOutput(PartChunkBytes), part.ReadError(PartChunkBytes));
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

            await Task.WhenAny(ended, Task.Delay(PartRelayInterval, time)).ConfigureAwait(false);
        }

        var end = await ended.ConfigureAwait(false);
        _parts.TryRemove(part.PartId, out _);
        part.Process.Dispose();
        foreach (var path in new[] { part.Output, part.Error, part.Record + ShepherdRecord.EndSuffix, part.Record + ShepherdRecord.StartSuffix })
        {
            File.Delete(path);
        }

        _reports.Writer.TryWrite(new TaskPartEnded(part.JobId, part.TaskIndex, part.PartId, end?.ExitStatus ?? TaskProcess.UnrecordedExitStatus,
            end?.CpuTime ?? TimeSpan.Zero, end?.PeakRssBytes ?? 0, Volatile.Read(ref part.EndReason)));
    }
}
