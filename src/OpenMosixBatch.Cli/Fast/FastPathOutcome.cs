namespace OpenMosixBatch.Cli.Fast;

/// <summary>What the small image did: finished with an exit code, or left the command to the full CLI.</summary>
/// <param name="ExitCode">The exit code when the command was done here; null when the full CLI must run it.</param>
/// <param name="ReplayStdin">Standard input as it was read here, for the full CLI to read again; null when it was not read.</param>
public readonly record struct FastPathOutcome(int? ExitCode, byte[]? ReplayStdin)
{
    public static FastPathOutcome Done(int exitCode) => new(exitCode, null);

    public static FastPathOutcome ToFullCli(byte[]? replayStdin = null) => new(null, replayStdin);
}
