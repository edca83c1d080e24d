using System.Runtime.InteropServices;
using OpenMosixBatch.Cli.Commands;

namespace OpenMosixBatch.Cli.Fast;

/// <summary>
/// The full CLI, omb-cli beside omb: the small image hands it every command it does not run itself, by execv with the
/// same argv (argv[0] included, so a qsub or qstat link keeps its name), and standard input replayed when it was read.
/// </summary>
public static partial class FullCli
{
    /// <summary>The full CLI's file name, beside omb in artifacts/omb.</summary>
    public const string ExecutableName = "omb-cli";

    /// <summary>Replaces this process with omb-cli; returns only when that failed, with the exit code after one error line.</summary>
    /// <param name="replayStdin">Standard input as the small image read it, given to omb-cli as its standard input; null to leave fd 0 as it is.</param>
    public static int Exec(string? invokedPath, IReadOnlyList<string> args, byte[]? replayStdin, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var path = Path.Combine(AppContext.BaseDirectory, ExecutableName);
        if (!File.Exists(path))
        {
            console.Error.WriteLine($"omb: {path} not found: build it with './omb' from the repository root (it publishes {ExecutableName} beside omb)");
            return ExitCodes.BadUsage;
        }

        if (replayStdin is not null && ReplaceStdin(replayStdin) is { } problem)
        {
            console.Error.WriteLine($"omb: cannot hand standard input on to {path} ({problem}): save the script in a file and submit that");
            return ExitCodes.BadUsage;
        }

        console.Out.Flush();
        var errno = ProcessImage.Exec(path, invokedPath ?? path, args);
        console.Error.WriteLine($"omb: cannot start {path} ({Marshal.GetPInvokeErrorMessage(errno)}): check that it is executable (chmod +x), or rebuild with './omb'");
        return ExitCodes.BadUsage;
    }

    /// <summary>Makes fd 0 an in-memory file holding <paramref name="bytes"/>, read from its start; returns the failure, or null.</summary>
    private static unsafe string? ReplaceStdin(byte[] bytes)
    {
        var fd = MemfdCreate("qsub-stdin", 0);
        if (fd < 0)
        {
            return Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        }

        try
        {
            fixed (byte* p = bytes)
            {
                var written = 0;
                while (written < bytes.Length)
                {
                    var n = WriteFd(fd, p + written, bytes.Length - written);
                    if (n < 0)
                    {
                        return Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
                    }

                    written += (int)n;
                }
            }

            if (Lseek(fd, 0, 0) < 0 || Dup2(fd, 0) < 0)
            {
                return Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
            }

            return null;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteFd(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long Lseek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
