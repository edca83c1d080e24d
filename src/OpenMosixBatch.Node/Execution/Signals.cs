using System.Runtime.InteropServices;

namespace OpenMosixBatch.Node.Execution;

/// <summary>kill(2) for whole process groups, which System.Diagnostics.Process cannot address.</summary>
internal static partial class Signals
{
    public const int SigKill = 9;
    public const int SigUsr1 = 10;
    public const int SigTerm = 15;
    public const int SigCont = 18;

    /// <summary>Sends <paramref name="signal"/> to every process of the group; false when the group is gone.</summary>
    public static bool SendToGroup(int processGroup, int signal)
    {
        if (processGroup <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(processGroup), "refusing to signal process group " + processGroup);
        }

        return Kill(-processGroup, signal) == 0;
    }

    /// <summary>Sends <paramref name="signal"/> to one process (a task's session leader); false when it is gone.</summary>
    public static bool SendToProcess(int pid, int signal)
    {
        if (pid <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pid), "refusing to signal process " + pid);
        }

        return Kill(pid, signal) == 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
