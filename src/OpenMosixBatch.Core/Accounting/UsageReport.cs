namespace OpenMosixBatch.Core.Accounting;

/// <summary>
/// <c>omb report</c>'s figures (as Slurm's <c>sreport cluster UserUtilizationByAccount</c> and <c>sacct</c> give them): per
/// user, per group and per queue, and in total, over the usage of a period.
/// </summary>
/// <remarks>
/// Jobs, CPU-hours, efficiency and mean wait are exact; the p95 wait comes from <see cref="WaitHistogram"/>, within
/// <see cref="WaitHistogram.RelativeError"/> of the exact nearest-rank value (or <see cref="WaitHistogram.FloorSeconds"/>
/// below it), so that a month is summed from daily rollups without reading every job.
/// </remarks>
public static class UsageReport
{
    /// <param name="records">The records of the period (those the caller may see).</param>
    /// <param name="groupName">The name of a gid (the edge resolves it; the gid itself when it has none).</param>
    public static List<UsageRow> Build(IReadOnlyList<AccountingRecord> records, Func<uint, string> groupName) =>
        Build(UsageCell.Of(records), groupName);

    /// <param name="cells">The usage of the period per user, group and queue (a cell may come more than once, e.g. one per day).</param>
    /// <param name="groupName">The name of a gid (the edge resolves it; the gid itself when it has none).</param>
    public static List<UsageRow> Build(IReadOnlyList<UsageCell> cells, Func<uint, string> groupName)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(groupName);
        var rows = new List<UsageRow>();
        rows.AddRange(Rows("user", cells.GroupBy(c => c.User, StringComparer.Ordinal).Select(g => (g.Key, g.AsEnumerable()))));
        rows.AddRange(Rows("group", cells.GroupBy(c => c.Gid).Select(g => (groupName(g.Key), g.AsEnumerable()))));
        rows.AddRange(Rows("queue", cells.GroupBy(c => c.Queue, StringComparer.Ordinal).Select(g => (g.Key, g.AsEnumerable()))));
        rows.Add(Row("total", "total", cells));
        return rows;
    }

    private static IEnumerable<UsageRow> Rows(string by, IEnumerable<(string Key, IEnumerable<UsageCell> Cells)> groups) =>
        groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Row(by, g.Key, g.Cells));

    private static UsageRow Row(string by, string key, IEnumerable<UsageCell> cells)
    {
        var sum = new UsageTally();
        foreach (var cell in cells)
        {
            sum.Merge(cell.Tally);
        }

        var allocated = sum.CpuSecondsAllocated;
        var used = sum.CpuSecondsUsed;
        var meanWait = sum.Jobs == 0 ? 0 : TimeSpan.FromTicks(sum.WaitTicks).TotalSeconds / sum.Jobs;
        return new UsageRow(by, key, sum.Jobs, allocated / 3600, used / 3600, meanWait, sum.Waits.Percentile(0.95), allocated > 0 ? used / allocated : 0);
    }
}
