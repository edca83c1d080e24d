namespace OpenMosixBatch.Core.Scheduling;

/// <summary>
/// The durable record of the cron schedules. The server keeps the live schedules in memory and writes every change
/// through this port, each call in one transaction: a change counts as made only once the call returned.
/// Schedules are identified by <see cref="ScheduleKey"/> (owner and name): names are per owner.
/// </summary>
public interface IScheduleStore
{
    /// <summary>Every stored schedule, ordered by <see cref="ScheduleKey.Order"/> (name, then owner).</summary>
    IReadOnlyList<Schedule> Load();

    /// <summary>Inserts or replaces (by <see cref="ScheduleKey"/>) all of <paramref name="schedules"/> atomically: all are stored, or none.</summary>
    void Put(IReadOnlyList<Schedule> schedules);

    /// <summary>Removes the schedule <paramref name="key"/> names; false when there was none.</summary>
    bool Delete(ScheduleKey key);
}
