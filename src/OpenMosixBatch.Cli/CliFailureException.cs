namespace OpenMosixBatch.Cli;

/// <summary>A failure the CLI detected itself, already phrased as "problem: fix", with the exit code it deserves.</summary>
public sealed class CliFailureException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliFailureException Usage(string message) => new(ExitCodes.BadUsage, message);

    public static CliFailureException Refused(string message) => new(ExitCodes.Refused, message);
}
