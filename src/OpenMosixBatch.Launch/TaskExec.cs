using System.Runtime.InteropServices;
using System.Text;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Launch;

/// <summary>
/// <c>omb-launch [--as UID:GID:USER] -- PROGRAM ARGS…</c> (run by the node): reads the task's environment from stdin
/// (an <see cref="EnvironmentBlock"/>), makes a new session, switches to the task's user and groups, and execs PROGRAM
/// with exactly that environment.
/// </summary>
/// <remarks>
/// It replaces <c>setsid setpriv env -i NAME=VALUE…</c> in the node's launch chain: env put a job's environment in
/// argv, readable by every user in /proc/PID/cmdline, and each exec costs milliseconds here. It starts as the rank's
/// user (root) with no job environment, and the block is only data until execve, which runs after the switch: nothing
/// of the job's environment ever reaches a root process's environment (LD_PRELOAD would load the user's code as root),
/// and no shell reads it. The switch is checked before the exec, so a failed one never runs the task as root. The
/// task keeps stdin at the block's end, as it had an empty stdin before. A program of its own, not a verb of the omb
/// CLI: a small NativeAOT binary starts in a few milliseconds, the whole CLI in over twenty on this kind of machine.
/// </remarks>
public static unsafe partial class TaskExec
{
    /// <summary>Bad usage, as the CLI's exit code 2.</summary>
    public const int BadUsage = 2;

    /// <summary>What the task's launcher exits with when it cannot exec the task (the shell's "cannot execute").</summary>
    public const int CannotExec = 127;

    private const int SignalMask = 2;
    private const int SignalCount = 64;
    private const int SignalSetBytes = 128;

    // struct sigaction of glibc on 64-bit Linux: handler, 128-byte mask, flags, restorer; read with room to spare.
    private const int SignalActionBytes = 256;
    private const nint DefaultHandler = 0;
    private const nint IgnoreHandler = 1;

    /// <summary>Execs the task; returns only when it could not (usage 2, else 127), after one line on <paramref name="error"/>.</summary>
    public static int Run(IReadOnlyList<string> args, Stream input, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(error);
        TaskIdentity? identity = null;
        var first = 0;
        if (args is [TaskIdentity.Option, var who, "--", _, ..])
        {
            identity = TaskIdentity.Parse(who);
            first = 2;
        }

        if (args.Count <= first + 1 || args[first] != "--" || (first == 2 && identity is null))
        {
            error.WriteLine("omb-launch: usage: omb-launch [--as UID:GID:USER] -- PROGRAM [ARGS...], with the environment on stdin (NAME=VALUE, each ended by NUL); it is run by the node, not by hand");
            return BadUsage;
        }

        var block = new MemoryStream();
        input.CopyTo(block);
        var environment = EnvironmentBlock.Decode(block.GetBuffer().AsSpan(0, (int)block.Length));
        var program = args[first + 1];
        var argv = new nint[args.Count - first];
        var envp = new nint[environment.Count + 1];
        for (var i = first + 1; i < args.Count; i++)
        {
            argv[i - first - 1] = CString(Encoding.UTF8.GetBytes(args[i]));
        }

        for (var i = 0; i < environment.Count; i++)
        {
            envp[i] = CString(environment[i]);
        }

        // A session and process group of its own, so the node's signals to the group reach all the task starts.
        if (NewSession() < 0)
        {
            error.WriteLine($"omb-launch: cannot start a session: {LastError()}");
            return CannotExec;
        }

        if (identity is { } id && SwitchTo(id) is { } failed)
        {
            error.WriteLine($"omb-launch: cannot switch to {id.UserName} (uid {id.Uid}, gid {id.Gid}): {failed}");
            return CannotExec;
        }

        ResetSignals();
        fixed (nint* a = argv, e = envp)
        {
            _ = Execve(program, a, e);
        }

        // Only a failed execve returns; nothing here is freed since the process ends now.
        error.WriteLine($"omb-launch: cannot run {program}: {LastError()}");
        return CannotExec;
    }

    /// <summary>
    /// Groups first (only root may set them), then the gid, then the uid, each real, effective and saved, as setpriv
    /// --reuid --regid --init-groups does; null when every step held, else why not.
    /// </summary>
    private static string? SwitchTo(TaskIdentity id)
    {
        if (InitGroups(id.UserName, id.Gid) < 0 || SetResGid(id.Gid, id.Gid, id.Gid) < 0 || SetResUid(id.Uid, id.Uid, id.Uid) < 0)
        {
            return LastError();
        }

        // glibc applies setresuid to every thread of this process; check the one that will exec before trusting it.
        return GetUid() == id.Uid && GetEffectiveUid() == id.Uid && GetGid() == id.Gid ? null : "the identity did not change";
    }

    private static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());

    /// <summary>
    /// The task starts with no signal blocked or ignored, as from a login: an ignored signal stays ignored through
    /// execve, and this process's runtime ignores SIGPIPE, which would turn <c>yes | head</c> into write errors. The
    /// signals the runtime handles need nothing (execve resets them), and are left alone: it still needs them until then.
    /// </summary>
    private static void ResetSignals()
    {
        var empty = stackalloc byte[SignalSetBytes];
        new Span<byte>(empty, SignalSetBytes).Clear();
        _ = SetSignalMask(SignalMask, empty, null);
        var action = stackalloc byte[SignalActionBytes];
        for (var signal = 1; signal <= SignalCount; signal++)
        {
            // The handler is the first field of struct sigaction. SIGKILL, SIGSTOP and the C library's own signals
            // refuse the query or the change: nothing to reset there.
            if (QuerySignal(signal, null, action) == 0 && *(nint*)action == IgnoreHandler)
            {
                _ = SetSignal(signal, DefaultHandler);
            }
        }
    }

    /// <summary>A NUL-terminated copy in unmanaged memory, which execve reads.</summary>
    private static nint CString(byte[] bytes)
    {
        var p = Marshal.AllocHGlobal(bytes.Length + 1);
        Marshal.Copy(bytes, 0, p, bytes.Length);
        ((byte*)p)[bytes.Length] = 0;
        return p;
    }

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execve(string path, nint* argv, nint* envp);

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static partial int NewSession();

    [LibraryImport("libc", EntryPoint = "initgroups", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InitGroups(string user, uint gid);

    [LibraryImport("libc", EntryPoint = "setresgid", SetLastError = true)]
    private static partial int SetResGid(uint real, uint effective, uint saved);

    [LibraryImport("libc", EntryPoint = "setresuid", SetLastError = true)]
    private static partial int SetResUid(uint real, uint effective, uint saved);

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "getgid")]
    private static partial uint GetGid();

    [LibraryImport("libc", EntryPoint = "sigprocmask")]
    private static partial int SetSignalMask(int how, byte* set, byte* old);

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static partial int QuerySignal(int signal, byte* action, byte* old);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignal(int signal, nint handler);
}
