namespace OpenMosixBatch.Core.Accounting;

/// <summary>
/// <c>omb report</c>'s figures (as Slurm's <c>sreport cluster UserUtilizationByAccount</c> and <c>sacct</c> give them): per
/// user, per group and per queue, and in total, over the records of a period.
/// </summary>
public static class UsageReport
{
    /// <param name="records">The records of the period (those the caller may see).</param>
    /// <param name="groupName">The name of a gid (the edge resolves it; the gid itself when it has none).</param>
    public static List<UsageRow> Build(IReadOnlyList<AccountingRecord> records, Func<uint, string> groupName)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(groupName);
        var rows = new List<UsageRow>();
        rows.AddRange(records.GroupBy(r => r.User, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Row("user", g.Key, [.. g])));
        rows.AddRange(records.GroupBy(r => r.Gid).Select(g => (Name: groupName(g.Key), Records: g.ToList()))
            .OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => Row("group", g.Name, g.Records)));
        rows.AddRange(records.GroupBy(r => r.Queue, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Row("queue", g.Key, [.. g])));
        rows.Add(Row("total", "total", records));
        return rows;
    }

    private static UsageRow Row(string by, string key, IReadOnlyList<AccountingRecord> records)
    {
        var allocated = records.Sum(r => r.CpuSecondsAllocated);
        var used = records.Sum(r => r.CpuSecondsUsed);
        var waits = records.Select(r => r.Wait.TotalSeconds).Order().ToArray();
        return new UsageRow(by, key, records.Count, allocated / 3600, used / 3600, waits.Length == 0 ? 0 : waits.Average(),
            Percentile(waits, 0.95), allocated > 0 ? used / allocated : 0);
    }

    /// <summary>Nearest rank: the smallest value at or above the share <paramref name="p"/> of the sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
