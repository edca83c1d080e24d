using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// Fires the cron schedules. The store (LiteDB) is the one record of the schedules; this service keeps them in memory
/// with their Quartz cron expressions and gives each active one a trigger in an in-memory Quartz scheduler
/// (<see cref="QuartzCronTimer"/>), rebuilt from the store at every start and updated by add, rm, pause and resume.
/// When a trigger fires, <see cref="CronWakeUpRules"/> decides from the stored next fire time (on time, late after
/// downtime, or stale), the overlap policy is applied against the previous run, and the job is submitted through the
/// queue as the owner.
/// </summary>
/// <remarks>
/// Quartz keeps time; it decides nothing. Its triggers carry no durable state (the store does), its misfire handling
/// only makes a late trigger wake the service once, and the schedule's own misfire policy (<see cref="MisfireRules"/>)
/// decides. At start, before any trigger is armed, the fire times missed while the server was down are handled by the
/// same rules, so the catch-up does not depend on when Quartz's first acquisition happens to run.
/// </remarks>
public sealed partial class CronScheduleService : BackgroundService
{
    /// <summary>How late a fire may be and still count as on time (also Quartz's misfire threshold here).</summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IScheduleStore _store;
    private readonly ScheduledSubmitter _submitter;
    private readonly JobQueue _queue;
    private readonly TimeProvider _time;
    private readonly ICronTimer _timer;
    private readonly ILogger<CronScheduleService> _logger;
    private ImmutableSortedDictionary<ScheduleKey, LiveSchedule> _schedules;

    public CronScheduleService(IScheduleStore store, ScheduledSubmitter submitter, JobQueue queue, TimeProvider time, ILoggerFactory loggerFactory)
        : this(store, submitter, queue, time, new QuartzCronTimer(time, loggerFactory), loggerFactory.CreateLogger<CronScheduleService>())
    {
    }

    internal CronScheduleService(IScheduleStore store, ScheduledSubmitter submitter, JobQueue queue, TimeProvider time, ICronTimer timer, ILogger<CronScheduleService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _submitter = submitter;
        _queue = queue;
        _time = time;
        _timer = timer;
        _logger = logger;
        _schedules = ImmutableSortedDictionary.CreateRange(ScheduleKey.Order, store.Load().Select(s => KeyValuePair.Create(ScheduleKey.Of(s), LiveSchedule.From(s))));
    }

    /// <summary>Every schedule, by name then owner (a snapshot; never waits).</summary>
    public IReadOnlyList<LiveSchedule> Schedules => [.. Volatile.Read(ref _schedules).Values];

    /// <summary>Completes once the start-up work (catch-up, <c>@reboot</c> fires, triggers armed) is done.</summary>
    public Task Started => _started.Task;

    public LiveSchedule? Find(ScheduleKey key) => Volatile.Read(ref _schedules).GetValueOrDefault(key);

    /// <summary>When the timer's trigger of <paramref name="key"/> fires next (null: none armed); what Quartz holds, for tests and diagnosis.</summary>
    internal Task<DateTimeOffset?> TriggerFireTimeAsync(ScheduleKey key, CancellationToken ct) => _timer.NextFireTimeAsync(key, ct);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await _timer.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        base.Dispose();
        _timer.Dispose();
        _gate.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartUpAsync(stoppingToken).ConfigureAwait(false);
            _started.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _started.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
    }

    /// <summary>The timer's callback: one schedule's trigger fired for <paramref name="scheduledFireTime"/>.</summary>
    internal async Task OnTriggerAsync(ScheduleKey key, DateTimeOffset scheduledFireTime)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // Quartz may fire a few milliseconds before the instant it was set for; the fire is for that instant.
            var now = _time.GetUtcNow();
            await WakeAsync(key, now > scheduledFireTime ? now : scheduledFireTime).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Handles one schedule's wake-up at <paramref name="now"/>; the caller holds the gate.</summary>
    private async Task WakeAsync(ScheduleKey key, DateTimeOffset now)
    {
        if (Find(key) is not { Cron: { } cron } live)
        {
            return;
        }

        var name = live.Shown;
        var wakeUp = CronWakeUpRules.Decide(live.Schedule, cron, now, MisfireThreshold);
        try
        {
            if (wakeUp.MisfireReason is { } reason)
            {
                LogMisfire(name, reason);
            }

            var updated = wakeUp.Action switch
            {
                CronWakeUpAction.Fire => (await FireAsync(live.Schedule, wakeUp.FireTime!.Value).ConfigureAwait(false)).Schedule,
                CronWakeUpAction.SkipMissed => live.Schedule with { LastFireTime = wakeUp.FireTime, LastSkipReason = wakeUp.MisfireReason },
                _ => live.Schedule,
            };
            if (wakeUp.Action != CronWakeUpAction.Nothing || updated.NextFireTime != wakeUp.NextFireTime)
            {
                Save(updated with { NextFireTime = wakeUp.NextFireTime });
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            LogFireFailed(e, name);
            Save(live.Schedule with { NextFireTime = cron.NextFireTime(now) });
        }
    }

    /// <summary>
    /// Rebuilds the timer from the store: fire times missed while the server was down are handled first (misfire
    /// policy), <c>@reboot</c> schedules fire, and every active schedule gets a trigger from its stored next fire time.
    /// </summary>
    private async Task StartUpAsync(CancellationToken ct)
    {
        await _timer.StartAsync(OnTriggerAsync, ct).ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            foreach (var live in Volatile.Read(ref _schedules).Values.Where(l => !l.Schedule.Paused))
            {
                if (live.Cron is not { } cron)
                {
                    LogUnusable(live.Shown, live.Problem ?? "");
                }
                else if (cron.AtStartup)
                {
                    var (fired, _) = await FireAsync(live.Schedule, now).ConfigureAwait(false);
                    Save(fired with { NextFireTime = null });
                }
                else if (live.Schedule.NextFireTime is null)
                {
                    Save(live.Schedule with { NextFireTime = cron.NextFireTime(now) });
                }
                else
                {
                    await WakeAsync(live.Key, now).ConfigureAwait(false);
                }
            }

            foreach (var live in Volatile.Read(ref _schedules).Values)
            {
                await ArmAsync(live, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives an active schedule its trigger at its stored next fire time, or removes the trigger of one that has none.</summary>
    private async Task ArmAsync(LiveSchedule live, CancellationToken ct)
    {
        if (live.Schedule is { Paused: false, NextFireTime: { } next } && live.Cron is { AtStartup: false } cron)
        {
            await _timer.ArmAsync(live.Key, cron, next, ct).ConfigureAwait(false);
        }
        else
        {
            await _timer.DisarmAsync(live.Key, ct).ConfigureAwait(false);
        }
    }

    /// <summary>One fire: the overlap policy against the previous run, then a submission as the owner, or a recorded skip.</summary>
    private async Task<(Schedule Schedule, ScheduleRunResponse Result)> FireAsync(Schedule schedule, DateTimeOffset fireTime)
    {
        PreviousRun? previous = schedule.LastJobId is { } id && _queue.Find(id) is { } job ? new PreviousRun(id, job.State) : null;
        var decision = OverlapRules.Decide(schedule.Overlap, previous);
        if (!decision.Submits)
        {
            LogSkipped(LiveSchedule.Show(schedule), decision.Reason ?? "");
            return (schedule with { LastFireTime = fireTime, LastSkipReason = decision.Reason }, new ScheduleRunResponse(schedule.Name, null, null, decision.Reason));
        }

        try
        {
            var submitted = await _submitter.SubmitAsync(decision.Apply(schedule.Job), schedule.Owner, schedule.Name, fireTime).ConfigureAwait(false);
            LogFired(LiveSchedule.Show(schedule), fireTime, submitted.DisplayId, schedule.Owner.UserName);
            return (schedule with { LastFireTime = fireTime, LastJobId = submitted.Id, LastSkipReason = null },
                new ScheduleRunResponse(schedule.Name, submitted.Id, submitted.DisplayId, null));
        }
        catch (QueueRefusalException e)
        {
            var reason = $"submission refused: {e.Message}";
            LogSkipped(LiveSchedule.Show(schedule), reason);
            return (schedule with { LastFireTime = fireTime, LastSkipReason = reason }, new ScheduleRunResponse(schedule.Name, null, null, reason));
        }
    }

    /// <summary>After a fire: memory first, so a failing disk cannot make the loop fire the same time again; then the store.</summary>
    private void Save(Schedule schedule)
    {
        Publish(schedule);
        try
        {
            _store.Put([schedule]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStoreFailed(e, LiveSchedule.Show(schedule));
        }
    }

    private void Publish(Schedule schedule)
    {
        var current = Volatile.Read(ref _schedules);
        var key = ScheduleKey.Of(schedule);
        var live = current.TryGetValue(key, out var old) && old.Schedule.Expression == schedule.Expression && old.Schedule.TimeZoneId == schedule.TimeZoneId
            ? old with { Schedule = schedule }
            : LiveSchedule.From(schedule);
        Volatile.Write(ref _schedules, current.SetItem(key, live));
    }
}
