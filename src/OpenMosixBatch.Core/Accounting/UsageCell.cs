namespace OpenMosixBatch.Core.Accounting;

/// <summary>The usage of one user's jobs in one group and one queue: what <c>omb report</c> sums into its lines.</summary>
public sealed record UsageCell(uint Uid, string User, uint Gid, string Queue, UsageTally Tally)
{
    /// <summary>The cells of <paramref name="records"/>, one per user, group and queue among them.</summary>
    public static List<UsageCell> Of(IEnumerable<AccountingRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var cells = new Dictionary<(uint, string, uint, string), UsageCell>();
        foreach (var r in records)
        {
            if (!cells.TryGetValue((r.Uid, r.User, r.Gid, r.Queue), out var cell))
            {
                cell = new UsageCell(r.Uid, r.User, r.Gid, r.Queue, new UsageTally());
                cells.Add((r.Uid, r.User, r.Gid, r.Queue), cell);
            }

            cell.Tally.Add(r);
        }

        return [.. cells.Values];
    }
}
