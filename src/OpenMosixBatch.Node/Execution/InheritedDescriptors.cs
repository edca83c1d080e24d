using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// Keeps the rank's own file descriptors out of its tasks. The rank holds, without close-on-exec, what mpiexec
/// handed it (its stdout and stderr pipes, the PMI socket) and MPICH's sockets to the other ranks; a task that
/// inherits them keeps them open after its rank dies, and mpiexec does not see the rank end (so the world is not
/// relaunched) until the task ends too.
/// </summary>
/// <remarks>
/// One <c>close_range(3, ~0, CLOSE_RANGE_CLOEXEC)</c> (Linux 5.11, glibc 2.34) marks them all. Listing /proc/self/fd
/// and asking each descriptor its flags, as a kernel without it still needs, took a fifth of a rank's CPU in a run
/// of trivial jobs: every task start walked the rank's hundred-odd descriptors.
/// </remarks>
internal static partial class InheritedDescriptors
{
    private const int GetFlags = 1;
    private const int SetFlags = 2;
    private const int CloseOnExec = 1;
    private const uint CloseRangeCloseOnExec = 1u << 2;
    private const int FirstAfterStandardStreams = 3;

    // Cleared once the kernel or the C library has said it has no close_range: every later start lists /proc.
    private static volatile bool s_closeRangeWorks = true;

    /// <summary>Marks every open descriptor above stderr close-on-exec; called just before a task is started.</summary>
    public static void CloseOnExecAll()
    {
        if (s_closeRangeWorks)
        {
            try
            {
                if (CloseRange(FirstAfterStandardStreams, uint.MaxValue, CloseRangeCloseOnExec) == 0)
                {
                    return;
                }
            }
            catch (EntryPointNotFoundException)
            {
                // A C library older than 2.34.
            }

            s_closeRangeWorks = false;
        }

        CloseOnExecListed();
    }

    /// <summary>The fallback: every descriptor /proc/self/fd lists, one by one.</summary>
    internal static void CloseOnExecListed()
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

    [LibraryImport("libc", EntryPoint = "close_range", SetLastError = true)]
    private static partial int CloseRange(uint first, uint last, uint flags);
}
