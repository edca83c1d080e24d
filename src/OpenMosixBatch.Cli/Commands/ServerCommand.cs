using System.Runtime.InteropServices;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// omb server / up / node [args]: replaces this process with omb-server or omb-node (execv), so that signals and the
/// exit code are the program's own.
/// </summary>
public static class ServerCommand
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
        var errno = ProcessImage.Exec(server, server, args);

        // Exec returns only when it failed.
        throw CliFailureException.Usage($"cannot start {server} ({Marshal.GetPInvokeErrorMessage(errno)}): check that it is executable (chmod +x)");
    }
}
