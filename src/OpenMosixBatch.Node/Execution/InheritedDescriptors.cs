using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// Keeps the rank's own file descriptors out of its tasks. The rank holds, without close-on-exec, what mpiexec
/// handed it (its stdout and stderr pipes, the PMI socket) and MPICH's sockets to the other ranks; a task that
/// inherits them keeps them open after its rank dies, and mpiexec does not see the rank end (so the world is not
/// relaunched) until the task ends too.
/// </summary>
internal static partial class InheritedDescriptors
{
    private const int GetFlags = 1;
    private const int SetFlags = 2;
    private const int CloseOnExec = 1;

    /// <summary>Marks every open descriptor above stderr close-on-exec; called just before a task is started.</summary>
    public static void CloseOnExecAll()
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.GetFileSystemEntries("/proc/self/fd");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) && fd > 2)
            {
                var flags = Fcntl(fd, GetFlags, 0);
                if (flags >= 0 && (flags & CloseOnExec) == 0)
                {
                    // A descriptor closed since the listing fails with EBADF: nothing to do.
                    _ = Fcntl(fd, SetFlags, flags | CloseOnExec);
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
