namespace OpenMosixBatch.Core.Accounting;

/// <summary>
/// How a report's period splits for the daily rollups: the whole UTC days inside it, read from the rollups, and the
/// parts before and after them, read from the jobs' records.
/// </summary>
public static class UsageDays
{
    /// <summary>The UTC day that holds <paramref name="instant"/>, as its start.</summary>
    public static DateTimeOffset DayOf(DateTimeOffset instant) => new(instant.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>
    /// The whole days [First, End) inside [<paramref name="from"/>, <paramref name="to"/>), or null when it holds none;
    /// the period's records before First and from End on are the caller's to read one by one.
    /// </summary>
    public static (DateTimeOffset First, DateTimeOffset End)? WholeDays(DateTimeOffset from, DateTimeOffset to)
    {
        var first = DayOf(from) == from ? from.ToUniversalTime() : DayOf(from).AddDays(1);
        var end = DayOf(to);
        return first < end ? (first, end) : null;
    }
}
