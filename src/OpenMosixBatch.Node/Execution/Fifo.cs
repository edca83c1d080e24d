using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenMosixBatch.Node.Execution;

/// <summary>The FIFOs between a node and a part or terminal it starts (<see cref="PartStdin"/>, <see cref="PartOutputPipe"/>): made, opened, read, written and closed through libc.</summary>
internal static partial class Fifo
{
    public const int ReadOnly = 0;
    public const int ReadWrite = 2;
    public const int NonBlocking = 0x800;
    public const int CloseOnExec = 0x80000;

    /// <summary>errno EINTR: the call was interrupted and is tried again.</summary>
    public const int Interrupted = 4;

    /// <summary>
    /// Makes the FIFO at <paramref name="path"/> (mode 0600; given to <paramref name="owner"/> when set), replacing what
    /// was there, and opens it with <paramref name="flags"/>; returns the descriptor.
    /// </summary>
    public static int MakeAndOpen(string path, (uint Uid, uint Gid)? owner, int flags)
    {
        File.Delete(path);
        if (MakeFifo(path, 0x180) != 0)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"could not make {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}"));
        }

        if (owner is { } o)
        {
            FileOwnership.Change(path, o.Uid, o.Gid);
        }

        var fd = Open(path, flags);
        return fd < 0
            ? throw new IOException(string.Create(CultureInfo.InvariantCulture, $"could not open {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}"))
            : fd;
    }

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, ref byte bytes, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, ref byte bytes, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
