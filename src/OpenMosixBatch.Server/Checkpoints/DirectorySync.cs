using System.Runtime.InteropServices;

namespace OpenMosixBatch.Server.Checkpoints;

/// <summary>
/// fsync(2) of a directory, so that a rename inside it survives a crash: .NET cannot open a directory as a file, so
/// this goes to libc directly.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux
    private const int CloseOnExec = 0x80000; // O_CLOEXEC: a child started meanwhile must not inherit it

    /// <summary>Flushes <paramref name="path"/>'s entries to disk; throws <see cref="IOException"/> when it cannot.</summary>
    public static void Flush(string path)
    {
        var fd = Open(path, ReadOnly | Directory | CloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {path} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"cannot sync directory {path} (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
