namespace OpenMosixBatch.Core.Scheduling;

/// <summary>A schedule store in memory, for tests; same contract as the durable store.</summary>
public sealed class InMemoryScheduleStore : IScheduleStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<ScheduleKey, Schedule> _schedules = new(ScheduleKey.Order);

    public IReadOnlyList<Schedule> Load()
    {
        lock (_gate)
        {
            return [.. _schedules.Values];
        }
    }

    public void Put(IReadOnlyList<Schedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);

        // Materialise and check first, so a bad list changes nothing (same as a rolled-back transaction).
        var list = schedules.ToList();
        if (list.Any(s => s is null))
        {
            throw new ArgumentException("a schedule in the list is null: nothing was stored", nameof(schedules));
        }

        lock (_gate)
        {
            foreach (var schedule in list)
            {
                _schedules[ScheduleKey.Of(schedule)] = schedule;
            }
        }
    }

    public bool Delete(ScheduleKey key)
    {
        ArgumentNullException.ThrowIfNull(key.Name);
        lock (_gate)
        {
            return _schedules.Remove(key);
        }
    }
}
