using System.Runtime.InteropServices;

namespace OpenMosixBatch.Server.World;

/// <summary>SIGTERM for a process the server started (Process.Kill only sends SIGKILL, which a launcher cannot pass on).</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => pid > 1 && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
