using System.Runtime.InteropServices;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// omb server / up / node [args]: replaces this process with omb-server or omb-node (execv), so that signals and the
/// exit code are the program's own.
/// </summary>
public static partial class ServerCommand
{
    public const string ServerExecutableName = "omb-server";
    public const string NodeExecutableName = "omb-node";

    public static int Run(IReadOnlyList<string> args, string directory, CliConsole console, string executable = ServerExecutableName)
    {
        var server = Path.Combine(directory, executable);
        if (!File.Exists(server))
        {
            throw CliFailureException.Usage($"{server} not found: build it with './omb' from the repository root, or publish src/OpenMosixBatch.{(executable == NodeExecutableName ? "Node" : "Server")} next to omb");
        }

        console.Out.Flush();
        console.Error.Flush();
        var argv = new nint[args.Count + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(server);
            for (var i = 0; i < args.Count; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            }

            _ = Execv(server, argv);

            // execv returns only when it failed.
            var errno = Marshal.GetLastPInvokeError();
            throw CliFailureException.Usage($"cannot start {server} ({Marshal.GetPInvokeErrorMessage(errno)}): check that it is executable (chmod +x)");
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
