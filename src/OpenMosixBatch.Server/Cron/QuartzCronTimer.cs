using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Scheduling;
using Quartz;

namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// The cron timer on Quartz.NET: one in-memory (RAM job store) scheduler inside the server, with one job and one cron
/// trigger per active schedule, keyed by the schedule's owner (the group) and name, so two owners' schedules of one name never collide. LiteDB stays the durable record; this scheduler holds
/// no state that is not rebuilt from it at start (<see cref="CronScheduleService"/>).
/// </summary>
/// <remarks>
/// <para>Clock: Quartz 4 reads time from a <see cref="TimeProvider"/> of its own (its 3.x static <c>SystemTime</c> is
/// gone); the scheduler is given the server's provider (<c>UseTimeProvider</c>), so Quartz's fire times and the service's
/// "now" are read from one clock.</para>
/// <para>Next fire times: the trigger is built from the schedule's own <see cref="CronExpression"/> (crontab converted,
/// <c>H</c> resolved) in the schedule's zone and starts at the stored next fire time, so Quartz and the store name the
/// same instants, across daylight-saving changes too.</para>
/// <para>Misfires: Quartz's threshold is <see cref="CronScheduleService.MisfireThreshold"/> and its instruction "fire once
/// now": a late trigger only wakes the service once. Quartz never decides what a late fire means; the service does, from
/// the stored next fire time (<see cref="CronWakeUpRules"/>), so the schedule's misfire policy applies whatever Quartz saw.</para>
/// </remarks>
internal sealed class QuartzCronTimer(TimeProvider time, ILoggerFactory loggerFactory) : ICronTimer
{
    private const string Group = "omb-cron";
    private static int s_instances;

    private StandaloneSchedulerFactory? _factory;
    private IScheduler? _scheduler;

    public async Task StartAsync(Func<ScheduleKey, DateTimeOffset, Task> onFire, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(onFire);
        var instance = Interlocked.Increment(ref s_instances);
        _factory = QuartzSchedulerBuilder.Create(q =>
        {
            q.Services.AddSingleton(loggerFactory);
            q.ConfigureScheduler(o => o.InstanceName = $"omb-cron-{Environment.ProcessId}-{instance}");
            q.UseTimeProvider(time);
            q.UseInMemoryStore(o => o.MisfireThreshold = CronScheduleService.MisfireThreshold);

            // Two: a fire that waits for the queue's commit does not hold up another schedule's.
            q.UseDefaultThreadPool(2);
            q.UseJobFactory(new CronFireJobFactory(onFire));
        }).Build();
        _scheduler = await _factory.GetScheduler(ct).ConfigureAwait(false);
        await _scheduler.Start(ct).ConfigureAwait(false);
    }

    public async Task ArmAsync(ScheduleKey key, CronSchedule schedule, DateTimeOffset firstFireTime, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var cron = schedule.Cron ?? throw new ArgumentException($"schedule '{key}' fires at server start and has no trigger", nameof(schedule));
        var job = JobBuilder.Create<CronFireJob>().WithIdentity(JobKeyOf(key)).Build();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(key.Name, job.Key.Group)
            .ForJob(job.Key)
            .WithSchedule(CronScheduleBuilder.Create(cron)
                .InTimeZone(schedule.TimeZone)
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .StartAt(firstFireTime)
            .Build();
        await Scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, ct).ConfigureAwait(false);
    }

    public async Task DisarmAsync(ScheduleKey key, CancellationToken ct) =>
        await Scheduler.DeleteJob(JobKeyOf(key), ct).ConfigureAwait(false);

    public async Task<DateTimeOffset?> NextFireTimeAsync(ScheduleKey key, CancellationToken ct) =>
        (await Scheduler.GetTrigger(new TriggerKey(key.Name, JobKeyOf(key).Group), ct).ConfigureAwait(false))?.NextFireTimeUtc;

    /// <summary>The schedule a fired job stands for (the inverse of <see cref="JobKeyOf"/>).</summary>
    public static ScheduleKey KeyOf(JobKey job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new ScheduleKey(uint.Parse(job.Group.AsSpan(Group.Length + 1), System.Globalization.CultureInfo.InvariantCulture), job.Name);
    }

    /// <summary>One Quartz group per owner (<c>omb-cron/UID</c>), the schedule's name within it.</summary>
    private static JobKey JobKeyOf(ScheduleKey key) =>
        new(key.Name, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Group}/{key.OwnerUid}"));

    public async Task StopAsync(CancellationToken ct)
    {
        if (_scheduler is { } scheduler)
        {
            await scheduler.Shutdown(true, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the scheduler's own container (after <see cref="StopAsync"/> has shut the scheduler down).</summary>
    public void Dispose() => _factory?.Dispose();

    private IScheduler Scheduler => _scheduler ?? throw new InvalidOperationException("the cron timer has not been started");
}
