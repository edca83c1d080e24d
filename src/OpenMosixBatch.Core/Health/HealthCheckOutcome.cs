using System.Globalization;

namespace OpenMosixBatch.Core.Health;

/// <summary>Turns one run of a node's health check program into the failure message the server shows, or null when it passed.</summary>
public static class HealthCheckOutcome
{
    /// <summary>Longest message kept: a pbsnodes comment, not a log.</summary>
    public const int MaxMessageLength = 200;

    /// <param name="exitStatus">The program's exit status, or null when it timed out.</param>
    /// <param name="timeout">The timeout it ran under.</param>
    /// <param name="stdout">What it wrote to standard output.</param>
    /// <param name="stderr">What it wrote to standard error.</param>
    /// <returns>
    /// Null for exit 0 within the timeout. Otherwise the first non-blank line of stdout, else of stderr, else the exit
    /// status or the timeout, as in Slurm's HealthCheckProgram, whose failing scripts say why on their first line.
    /// </returns>
    public static string? Failure(int? exitStatus, TimeSpan timeout, string stdout, string stderr)
    {
        if (exitStatus == 0)
        {
            return null;
        }

        var line = FirstLine(stdout) ?? FirstLine(stderr);
        var status = exitStatus is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"exited with status {s}")
            : string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.###} s");
        return exitStatus is null ? (line is null ? status : $"{line} ({status})") : line ?? status;
    }

    private static string? FirstLine(string text)
    {
        var line = (text ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return line is null ? null : line.Length > MaxMessageLength ? line[..MaxMessageLength] : line;
    }
}
