using System.Runtime.InteropServices;

namespace OpenMosixBatch.Server.World;

/// <summary>Signals for the world's mpiexec by PID (Process.Kill only sends SIGKILL, which a launcher cannot pass on).</summary>
internal static partial class ProcessSignals
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => pid > 1 && Kill(pid, SigTerm) == 0;

    /// <summary>SIGKILL, the last resort; also for a world adopted from an earlier server, which is not a child.</summary>
    public static bool KillNow(int pid) => pid > 1 && Kill(pid, SigKill) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
