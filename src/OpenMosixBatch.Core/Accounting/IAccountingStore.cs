namespace OpenMosixBatch.Core.Accounting;

/// <summary>
/// The kept accounting records. A store writes a job's record in the same transaction as the job's end (so a finished
/// job always has one); this port reads and prunes them.
/// </summary>
public interface IAccountingStore
{
    /// <summary>The records of jobs that ended in [<paramref name="from"/>, <paramref name="to"/>), of user <paramref name="uid"/> only when given.</summary>
    IReadOnlyList<AccountingRecord> EndedBetween(DateTimeOffset from, DateTimeOffset to, uint? uid);

    /// <summary>
    /// The usage of the jobs that ended in [<paramref name="from"/>, <paramref name="to"/>), of user <paramref name="uid"/> only
    /// when given, per user, group and queue (a cell may come more than once: a store may sum it per day).
    /// </summary>
    IReadOnlyList<UsageCell> UsageBetween(DateTimeOffset from, DateTimeOffset to, uint? uid);

    /// <summary>Deletes at most <paramref name="max"/> rollups of days wholly before <paramref name="before"/> (none in a store that keeps none); returns how many.</summary>
    int PruneUsageBefore(DateTimeOffset before, int max);

    /// <summary>Deletes at most <paramref name="max"/> records of jobs that ended before <paramref name="before"/>; returns how many it deleted.</summary>
    int PruneEndedBefore(DateTimeOffset before, int max);
}
