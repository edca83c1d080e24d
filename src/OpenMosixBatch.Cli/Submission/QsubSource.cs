namespace OpenMosixBatch.Cli.Submission;

/// <summary>What the job runs: a script (read from a file or stdin) with its arguments, or a command.</summary>
/// <param name="ScriptPath">The script's path as typed, or null for stdin or a command.</param>
/// <param name="ScriptBytes">The script's raw bytes, or null for a command.</param>
/// <param name="Arguments">The script's arguments, or the command line (program first).</param>
/// <param name="IsCommand">True for 'qsub -- command args'.</param>
public sealed record QsubSource(string? ScriptPath, byte[]? ScriptBytes, IReadOnlyList<string> Arguments, bool IsCommand)
{
    /// <summary>The job's name when no -N gives one; null for the script's or the program's file name.</summary>
    public string? DefaultName { get; init; }

    public static QsubSource ScriptFile(string path, byte[] bytes, IReadOnlyList<string> arguments) => new(path, bytes, arguments, false);

    public static QsubSource Stdin(byte[] bytes) => new(null, bytes, [], false);

    public static QsubSource CommandLine(IReadOnlyList<string> command) => new(null, null, command, true);
}
