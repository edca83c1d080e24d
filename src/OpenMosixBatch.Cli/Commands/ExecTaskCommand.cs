using System.Runtime.InteropServices;
using System.Text;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb exec-task -- PROGRAM ARGS…</c> (hidden, run by the node): reads the task's environment from stdin (an
/// <see cref="EnvironmentBlock"/>) and execs PROGRAM with exactly that environment.
/// </summary>
/// <remarks>
/// It replaces <c>env -i NAME=VALUE…</c> in the node's launch chain, which put a job's environment in argv, readable
/// by every user in /proc/PID/cmdline. The node runs it after the identity switch, so it already runs as the task's
/// user: nothing of the job's environment ever reaches a root process's environment (LD_PRELOAD would load the user's
/// code as root), and the block is data that no shell reads. The task keeps stdin at the block's end, as it had an
/// empty stdin before.
/// </remarks>
public static unsafe partial class ExecTaskCommand
{
    public const string Verb = "exec-task";

    /// <summary>What the task's launcher exits with when it cannot exec the task (the shell's "cannot execute").</summary>
    public const int CannotExec = 127;

    private const int SignalMask = 2;
    private const int SignalCount = 64;
    private const int SignalSetBytes = 128;

    // struct sigaction of glibc on 64-bit Linux: handler, 128-byte mask, flags, restorer; read with room to spare.
    private const int SignalActionBytes = 256;
    private const nint DefaultHandler = 0;
    private const nint IgnoreHandler = 1;

    /// <summary>True when omb was invoked as <c>omb exec-task …</c> (not under a PBS name, where it is a script's name).</summary>
    public static bool Applies(string? invokedPath, IReadOnlyList<string> args) =>
        ArgvDispatch.InvokedVerb(invokedPath) is null && args is [Verb, ..];

    /// <summary>Execs the task; returns only when it could not (usage 2, else 127), after one line on <paramref name="error"/>.</summary>
    public static int Run(IReadOnlyList<string> args, Stream input, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not [Verb, "--", _, ..])
        {
            error.WriteLine("omb exec-task: usage: omb exec-task -- PROGRAM [ARGS...], with the environment on stdin (NAME=VALUE, each ended by NUL); it is run by the node, not by hand");
            return ExitCodes.BadUsage;
        }

        var block = new MemoryStream();
        input.CopyTo(block);
        var environment = EnvironmentBlock.Decode(block.GetBuffer().AsSpan(0, (int)block.Length));
        var program = args[2];
        var argv = new nint[args.Count - 1];
        var envp = new nint[environment.Count + 1];
        for (var i = 2; i < args.Count; i++)
        {
            argv[i - 2] = CString(Encoding.UTF8.GetBytes(args[i]));
        }

        for (var i = 0; i < environment.Count; i++)
        {
            envp[i] = CString(environment[i]);
        }

        ResetSignals();
        fixed (nint* a = argv, e = envp)
        {
            _ = Execve(program, a, e);
        }

        // Only a failed execve returns; nothing here is freed since the process ends now.
        error.WriteLine($"omb exec-task: cannot run {program}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return CannotExec;
    }

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

    [LibraryImport("libc", EntryPoint = "sigprocmask")]
    private static partial int SetSignalMask(int how, byte* set, byte* old);

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static partial int QuerySignal(int signal, byte* action, byte* old);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignal(int signal, nint handler);
}
