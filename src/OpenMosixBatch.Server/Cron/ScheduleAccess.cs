using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Cron;

/// <summary>Schedules follow the jobs' rule: users see and change their own, administrators all.</summary>
public static class ScheduleAccess
{
    public static bool MayAccess(this Caller caller, Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(schedule);
        return caller.IsAdministrator || schedule.Owner.Uid == caller.Uid;
    }

    /// <summary>As <see cref="Caller.Sees(Core.Jobs.Job?)"/>: another user's schedule is as unknown as a missing one.</summary>
    public static LiveSchedule? Sees(this Caller caller, LiveSchedule? live) =>
        live is not null && caller.MayAccess(live.Schedule) ? live : null;
}
