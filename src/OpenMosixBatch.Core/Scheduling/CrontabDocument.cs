namespace OpenMosixBatch.Core.Scheduling;

/// <summary>A parsed crontab-style file: its schedule lines in file order, and one error per bad line.</summary>
public sealed record CrontabDocument(IReadOnlyList<CrontabEntry> Entries, IReadOnlyList<CrontabError> Errors)
{
    public bool Ok => Errors.Count == 0;
}
