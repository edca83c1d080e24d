using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Cron;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>Turns schedules into the rows and records <c>omb cron list</c> and <c>show</c> print; pure.</summary>
public static class ScheduleViews
{
    public const int UpcomingCount = 5;

    /// <param name="find">A job by id, finished ones included (<see cref="JobQueue.Find"/>): the last run's state.</param>
    public static ScheduleSummary Summary(Schedule schedule, Func<long, Job?> find)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(find);
        char? lastState = schedule.LastJobId is { } id && find(id) is { } job ? job.State.Letter() : null;
        return new ScheduleSummary(
            schedule.Name,
            schedule.Owner.UserName,
            schedule.Expression,
            schedule.TimeZoneId,
            schedule.Overlap,
            schedule.Misfire,
            schedule.Paused,
            schedule.NextFireTime,
            schedule.LastFireTime,
            schedule.LastJobId,
            lastState,
            schedule.LastSkipReason,
            schedule.SubmitArguments);
    }

    public static ScheduleDetailResponse Detail(LiveSchedule live, Func<long, Job?> find, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(live);
        var s = live.Schedule;
        var upcoming = s.Paused || live.Cron is null ? [] : live.Cron.NextFireTimes(now, UpcomingCount);
        return new ScheduleDetailResponse(Summary(s, find), live.Cron?.QuartzExpression, upcoming, s.CreatedAt, s.Job.Queue, s.Job.Name);
    }
}
