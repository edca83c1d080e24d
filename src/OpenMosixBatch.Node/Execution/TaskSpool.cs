using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Files;

namespace OpenMosixBatch.Node.Execution;

/// <summary>The node's per-task files: the script, PBS_NODEFILE, and the checkpoint directory.</summary>
public sealed class TaskSpool(string root)
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Users pass through the node's spool to their own task directory, but cannot list the others'.
    private const UnixFileMode Traversable = Private | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The suffix of the start order a rank keeps beside the shepherd's records.</summary>
    public const string OrderSuffix = ".order";

    private static readonly string[] SessionSuffixes = ["", Core.Execution.ShepherdRecord.StartSuffix, Core.Execution.ShepherdRecord.EndSuffix, OrderSuffix];

    private bool _sessionsRootMade;

    public string Root { get; } = root;

    /// <summary>
    /// The recorded sessions, beside the spool and root's: a task directory belongs to the task's user, who must not be
    /// able to make the node write through a link there, nor forge a group or an end for the adopter to act on.
    /// </summary>
    public string SessionsRoot { get; } = root + ".sessions";

    public string DirectoryOf(long jobId, int index) =>
        Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"{jobId}-{index}"));

    public string CheckpointDirectoryOf(long jobId, int index) => Path.Combine(DirectoryOf(jobId, index), "checkpoint");

    /// <summary>
    /// Bytes of the files in the task's checkpoint directory (0 when it is missing): the planner's estimate of what
    /// the next checkpoint moves. Files that vanish while counted (the task replacing its state) count as 0. The
    /// directory is the user's while the task runs, so it is walked without following links.
    /// </summary>
    public long CheckpointDirectoryBytes(long jobId, int index)
    {
        try
        {
            return DirectoryTree.FileBytes(CheckpointDirectoryOf(jobId, index));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Creates the spool (<paramref name="spool"/>, the parent of <see cref="Root"/>) and the node's directory in it, both
    /// open to traversal only: a user's task reaches its own directory through them, and no one lists them. Set after
    /// mkdir, which the rank's umask of 077 narrows, and on existing ones, which an administrator's chmod -R go-rwx of
    /// an older home leaves closed.
    /// </summary>
    public void CreateRoot(string spool)
    {
        foreach (var dir in new[] { spool, Root })
        {
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, Traversable);
        }
    }

    /// <summary>Writes what the task needs and returns the program and arguments to exec.</summary>
    /// <remarks>
    /// A script runs under the <c>-S</c> shell when one is given; without it and without a <c>#!</c> line, under /bin/sh,
    /// as PBS runs it under the user's shell; a command
    /// (<c>qsub -- prog args</c>) is exec'd with PATH lookup by the launcher's shell.
    /// </remarks>
    public (string Executable, IReadOnlyList<string> Arguments, string NodeFile, string CheckpointDirectory) Prepare(TaskStartOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var job = order.Job;
        var dir = DirectoryOf(job.Id, order.TaskIndex);
        // Left by an earlier run, perhaps the user's: start from a directory of root's, never write into theirs.
        DirectoryTree.Delete(dir);

        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, Private);
        var checkpoint = CheckpointDirectoryOf(job.Id, order.TaskIndex);
        Directory.CreateDirectory(checkpoint);
        File.SetUnixFileMode(checkpoint, Private);

        var nodeFile = Path.Combine(dir, "nodefile");
        // PBS Pro lists a chunk's host once per MPI rank (mpiprocs); Torque, and a chunk without mpiprocs, once per CPU.
        var lines = MpiLaunchEnvironment.NodeFileLines(order.Nodes, job.Spec.Resources);
        SpoolFile.WriteLines(nodeFile, lines);

        if (job.Spec.Script is { } script)
        {
            var path = Path.Combine(dir, "job.sh");
            SpoolFile.Write(path, script);
            File.SetUnixFileMode(path, Private);
            // -S names the shell whatever the #! line says, as PBS runs the script under it.
            return job.Spec.Shell is { } shell ? (shell, [path, .. job.Spec.Arguments], nodeFile, checkpoint)
                : script.StartsWith("#!", StringComparison.Ordinal) ? (path, job.Spec.Arguments, nodeFile, checkpoint)
                : ("/bin/sh", [path, .. job.Spec.Arguments], nodeFile, checkpoint);
        }

        if (job.Spec.Command.Count == 0)
        {
            throw new InvalidOperationException($"job {job.Id} has neither a script nor a command");
        }

        return (job.Spec.Command[0], [.. job.Spec.Command.Skip(1)], nodeFile, checkpoint);
    }

    /// <summary>
    /// Hands the task's directory and everything in it to the user the task runs as. The top directory goes last: until
    /// then it is root's and private, so the user never sees a half-given tree, and lchown never follows a link.
    /// </summary>
    public void GiveTo(long jobId, int index, uint uid, uint gid)
    {
        var dir = DirectoryOf(jobId, index);
        File.SetUnixFileMode(Root, Traversable);
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            FileOwnership.Change(entry, uid, gid);
        }

        FileOwnership.Change(dir, uid, gid);
    }

    /// <summary>
    /// Takes the task's directory back from its user (root's and private again) before the node reads what the user
    /// left in it, so no new lookup of the user's can swap an entry while it is packed.
    /// </summary>
    public void Reclaim(long jobId, int index)
    {
        var dir = DirectoryOf(jobId, index);
        FileOwnership.Change(dir, 0, 0);
        File.SetUnixFileMode(dir, Private);
    }

    /// <summary>
    /// Where the task's shepherd writes its records (this path plus <see cref="Core.Execution.ShepherdRecord"/>'s
    /// suffixes): among the recorded sessions, which only the node's user can write, so the task's user cannot forge
    /// the end it reports.
    /// </summary>
    public string ShepherdRecordOf(long jobId, int index) => SessionOf(jobId, index);

    /// <summary>The task's recorded session (its suffixes name the order and the shepherd's records), its directory made.</summary>
    private string SessionOf(long jobId, int index)
    {
        EnsureSessionsRoot();
        return Path.Combine(SessionsRoot, Path.GetFileName(DirectoryOf(jobId, index)));
    }

    /// <summary>
    /// Creates the recorded sessions' directory, private, once per rank (again after a failure): each task start asked
    /// for it three times, a mkdir and a chmod each, in a run of trivial jobs a tenth of the rank's file system calls.
    /// Nothing but the node's user can remove it, and the rank never does.
    /// </summary>
    private void EnsureSessionsRoot()
    {
        if (Volatile.Read(ref _sessionsRootMade))
        {
            return;
        }

        Directory.CreateDirectory(SessionsRoot);
        File.SetUnixFileMode(SessionsRoot, Private);
        Volatile.Write(ref _sessionsRootMade, true);
    }

    /// <summary>
    /// Notes the task's process group, its leader's start time, when it started and whether it runs as its user, so a
    /// later rank can adopt it (or end what a dead launch left).
    /// </summary>
    public void RecordSession(long jobId, int index, int processGroup, ulong? startTicks, DateTimeOffset started, bool switchedUser)
    {
        SpoolFile.Write(SessionOf(jobId, index),
            string.Create(CultureInfo.InvariantCulture, $"{processGroup} {startTicks ?? 0} {started.ToUnixTimeMilliseconds()} {(switchedUser ? 1 : 0)}"));
    }

    /// <summary>Keeps the task's start order among the recorded sessions, for the rank that adopts it after this one.</summary>
    public void RecordOrder(long jobId, int index, WorldOrder order)
    {
        var path = SessionOf(jobId, index) + OrderSuffix;
        SpoolFile.Write(path + ".tmp", JsonSerializer.Serialize(order, OmbJsonContext.Default.WorldOrder));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Every task directory left in the spool, with what its rank and shepherd recorded of it.</summary>
    public IEnumerable<SpoolLeftover> Leftovers()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var session = Path.Combine(SessionsRoot, Path.GetFileName(dir));
            var parts = File.Exists(session) ? File.ReadAllText(session).Split(' ') : [];
            var leftover = new SpoolLeftover(dir, session);
            if (parts.Length is 2 or 4
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var group)
                && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            {
                leftover = leftover with { ProcessGroup = group, StartTicks = start };
                if (parts.Length == 4
                    && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var started)
                    && parts[3] is "0" or "1")
                {
                    leftover = leftover with { Started = DateTimeOffset.FromUnixTimeMilliseconds(started), SwitchedUser = parts[3] == "1" };
                }
            }

            yield return leftover with
            {
                Order = ReadOrder(session + OrderSuffix),
                Shepherd = ReadText(session + Core.Execution.ShepherdRecord.StartSuffix) is { } text ? Core.Execution.ShepherdRecord.ParseStart(text) : null,
            };
        }
    }

    /// <summary>Removes a task directory the reaper found, with its session record.</summary>
    public void RemoveLeftover(string directory)
    {
        ForgetSession(directory);
        DirectoryTree.Delete(directory);
    }

    private void ForgetSession(string directory)
    {
        var session = Path.Combine(SessionsRoot, Path.GetFileName(directory));
        try
        {
            foreach (var suffix in SessionSuffixes)
            {
                // No existence check first: File.Delete of a missing file does nothing, and the check was a stat per file.
                File.Delete(session + suffix);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // No recorded sessions at all (a spool an older rank left): nothing to forget.
        }
    }

    /// <summary>
    /// Removes a finished task's files (the checkpoint store on the server keeps what must survive), through
    /// <see cref="DirectoryTree.Delete"/>: a process of the user may still be swapping links in there.
    /// </summary>
    public void Remove(long jobId, int index)
    {
        var dir = DirectoryOf(jobId, index);
        ForgetSession(dir);
        DirectoryTree.Delete(dir);
    }

    private static WorldOrder? ReadOrder(string path)
    {
        try
        {
            return ReadText(path) is { } text ? JsonSerializer.Deserialize(text, OmbJsonContext.Default.WorldOrder) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
