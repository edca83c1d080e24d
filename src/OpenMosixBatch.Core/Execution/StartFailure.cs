using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// What a task's launch printed before the task's own files were open, made into the reason a start failed: its last
/// line, as one short printable line.
/// </summary>
/// <remarks>
/// The text is the user's to choose (a directory or file name, a loader trace from the job's LD_DEBUG that runs to
/// megabytes, escape sequences, forged log lines), and the reason is stored, shown by qstat and may be logged: so no
/// line break, no control character, and a bound. The error is the last line. The loader's trace (each line starts with
/// its PID and a colon) is not an error: a job with LD_DEBUG set traces the wrapper's shell before its files are open,
/// and that task started well.
/// </remarks>
public static class StartFailure
{
    /// <summary>Long enough for "sh: 1: cd: can't cd to" and a path that says which.</summary>
    public const int MaxLength = 200;

    /// <summary>The last non-blank line of <paramref name="launchOutput"/>, quoted; null when there is none (a good start).</summary>
    public static string? Reason(string launchOutput)
    {
        ArgumentNullException.ThrowIfNull(launchOutput);
        var line = launchOutput.Split('\n').LastOrDefault(l => !string.IsNullOrWhiteSpace(l) && !IsLoaderTrace(l));
        return line is null ? null : InputText.Quote(line.Trim(), MaxLength);
    }

    /// <summary>A line of ld.so's LD_DEBUG output: spaces, the PID, a colon.</summary>
    private static bool IsLoaderTrace(string line)
    {
        var text = line.AsSpan().TrimStart(' ');
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < text.Length && text[digits] == ':';
    }
}
