using System.Runtime.InteropServices;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>execv(2): replaces this process with another program, so that its PID, signals and exit code are the program's own.</summary>
public static partial class ProcessImage
{
    /// <summary>Runs <paramref name="path"/> in this process with <paramref name="argv0"/> and <paramref name="args"/> as its argv.</summary>
    /// <returns>Only when execv failed: its errno.</returns>
    public static int Exec(string path, string argv0, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var argv = new nint[args.Count + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(argv0);
            for (var i = 0; i < args.Count; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            }

            _ = Execv(path, argv);
            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            foreach (var p in argv)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execv(string path, nint[] argv);
}
