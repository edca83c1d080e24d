namespace OpenMosixBatch.Core.Scheduling;

/// <summary>What is wrong with one line of a crontab-style file.</summary>
public sealed record CrontabError(int LineNumber, string Message)
{
    /// <summary>The line users see: <c>line 7: …</c>.</summary>
    public override string ToString() => $"line {LineNumber}: {Message}";
}
