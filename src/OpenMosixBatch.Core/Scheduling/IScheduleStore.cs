namespace OpenMosixBatch.Core.Scheduling;

/// <summary>
/// The durable record of the cron schedules. The server keeps the live schedules in memory and writes every change
/// through this port, each call in one transaction: a change counts as made only once the call returned.
/// </summary>
public interface IScheduleStore
{
    /// <summary>Every stored schedule, ordered by name.</summary>
    IReadOnlyList<Schedule> Load();

    /// <summary>Inserts or replaces (by name) all of <paramref name="schedules"/> atomically: all are stored, or none.</summary>
    void Put(IReadOnlyList<Schedule> schedules);

    /// <summary>Removes the schedule named <paramref name="name"/>; false when there was none.</summary>
    bool Delete(string name);
}
