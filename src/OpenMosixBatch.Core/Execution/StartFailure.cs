using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// What a task's launch printed before the task's own files were open, made into the reason a start failed: its last
/// line, as one short printable line.
/// </summary>
/// <remarks>
/// The text is the user's to choose (a directory or file name, a loader trace from the job's LD_DEBUG that runs to
/// megabytes, escape sequences, forged log lines), and the reason is stored, shown by qstat and may be logged: so no
/// line break, no control character, and a bound. The error is the last line: a loader trace, if any, comes before it.
/// </remarks>
public static class StartFailure
{
    /// <summary>Long enough for "sh: 1: cd: can't cd to" and a path that says which.</summary>
    public const int MaxLength = 200;

    /// <summary>The last non-blank line of <paramref name="launchOutput"/>, quoted; null when there is none (a good start).</summary>
    public static string? Reason(string launchOutput)
    {
        ArgumentNullException.ThrowIfNull(launchOutput);
        var line = launchOutput.Split('\n').LastOrDefault(l => !string.IsNullOrWhiteSpace(l));
        return line is null ? null : InputText.Quote(line.Trim(), MaxLength);
    }
}
