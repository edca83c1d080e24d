using System.Runtime.InteropServices;

namespace OpenMosixBatch.Cli.Remote;

/// <summary>
/// The user's terminal for <c>qsub -I</c>: raw while the job's terminal is relayed (every key, Ctrl-C among them, goes to
/// the job; nothing is echoed here), and given back exactly as it was. termios through libc: .NET's Console would keep a
/// line editor of its own between the keys and the job.
/// </summary>
public sealed partial class TerminalMode : IDisposable
{
    private const int StandardInput = 0;
    private const int StandardOutput = 1;
    private const int SetNow = 0;
    private const ulong GetWindowSize = 0x5413;

    // struct termios is 60 bytes on Linux; room to spare.
    private readonly byte[] _saved = new byte[256];
    private int _raw;

    /// <summary>Whether stdin is a terminal at all (a pipe is relayed as it is).</summary>
    public static bool IsTerminal => IsATerminal(StandardInput) == 1;

    /// <summary>Puts the terminal in raw mode, keeping its settings; false when stdin is not a terminal.</summary>
    public bool EnterRaw()
    {
        if (IsATerminal(StandardInput) != 1 || GetAttributes(StandardInput, ref _saved[0]) != 0)
        {
            return false;
        }

        var raw = (byte[])_saved.Clone();
        MakeRaw(ref raw[0]);
        if (SetAttributes(StandardInput, SetNow, ref raw[0]) != 0)
        {
            return false;
        }

        Volatile.Write(ref _raw, 1);
        return true;
    }

    /// <summary>Gives the terminal back as it was (once; a no-op when it never was raw).</summary>
    public void Restore()
    {
        if (Interlocked.Exchange(ref _raw, 0) == 1)
        {
            _ = SetAttributes(StandardInput, SetNow, ref _saved[0]);
        }
    }

    /// <summary>The terminal's size (rows, columns), or null when stdout is no terminal.</summary>
    public static (int Rows, int Columns)? Size()
    {
        var size = new ushort[4];
        return GetSize(StandardOutput, GetWindowSize, ref size[0]) == 0 && size[0] > 0 ? (size[0], size[1]) : null;
    }

    public void Dispose() => Restore();

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATerminal(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int GetAttributes(int fd, ref byte termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int SetAttributes(int fd, int when, ref byte termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void MakeRaw(ref byte termios);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int GetSize(int fd, ulong request, ref ushort size);
}
