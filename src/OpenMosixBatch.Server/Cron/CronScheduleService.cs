using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// Fires the cron schedules. The store (LiteDB) is the one record of the schedules; this service keeps them in memory
/// with their Quartz cron expressions, sleeps on the <see cref="TimeProvider"/> until the earliest next fire time,
/// and at each fire applies the overlap policy against the previous run and submits through the queue as the owner.
/// </summary>
/// <remarks>
/// Fire times come from Quartz's <c>CronExpression</c> (<see cref="CronSchedule"/>); the waiting is this service's own
/// timer rather than a Quartz scheduler with a RAM job store. A second in-memory copy of every trigger would have to
/// be kept in step with the store on every add, pause and restart, and its misfire handling would replace the
/// schedule's own policy (<see cref="MisfireRules"/>); with one timer over the stored next fire times, a restart
/// needs no rebuild beyond reading the store, and tests drive the whole service on a fake clock.
/// A fire is late by more than <see cref="MisfireThreshold"/> only when the server was down (or stopped for that
/// long), and only then does the misfire policy decide; a slightly late wake-up just fires, once.
/// </remarks>
public sealed partial class CronScheduleService : BackgroundService
{
    /// <summary>How late a fire may be and still count as on time (Quartz's default misfire threshold).</summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromMinutes(1);

    private const int MissedListLimit = 16;

    /// <summary>The longest single wait, so that a changed system clock is noticed within the hour.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IScheduleStore _store;
    private readonly ScheduledSubmitter _submitter;
    private readonly JobQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<CronScheduleService> _logger;
    private ImmutableSortedDictionary<string, LiveSchedule> _schedules;
    private CancellationTokenSource? _wake;

    public CronScheduleService(IScheduleStore store, ScheduledSubmitter submitter, JobQueue queue, TimeProvider time, ILogger<CronScheduleService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _submitter = submitter;
        _queue = queue;
        _time = time;
        _logger = logger;
        _schedules = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, store.Load().Select(s => KeyValuePair.Create(s.Name, LiveSchedule.From(s))));
    }

    /// <summary>Every schedule, by name (a snapshot; never waits).</summary>
    public IReadOnlyList<LiveSchedule> Schedules => [.. Volatile.Read(ref _schedules).Values];

    /// <summary>Completes once the start-up work (<c>@reboot</c> fires, missing next fire times) is done.</summary>
    public Task Started => _started.Task;

    public LiveSchedule? Find(string name) => Volatile.Read(ref _schedules).GetValueOrDefault(name);

    public override void Dispose()
    {
        base.Dispose();
        _gate.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartUpAsync(stoppingToken).ConfigureAwait(false);
            _started.TrySetResult();
            while (!stoppingToken.IsCancellationRequested)
            {
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                Volatile.Write(ref _wake, wake);
                try
                {
                    await RunDueAsync(stoppingToken).ConfigureAwait(false);
                    await Task.Delay(DelayUntilNext(), _time, wake.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Woken by a change: look at the schedules again.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _started.TrySetCanceled(stoppingToken);
        }
    }

    /// <summary>Fires every schedule whose next fire time has come; the loop calls it, tests may too.</summary>
    internal async Task RunDueAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            foreach (var live in Volatile.Read(ref _schedules).Values)
            {
                if (live.Schedule is { Paused: false, NextFireTime: { } next } && next <= now && live.Cron is { AtStartup: false } cron)
                {
                    try
                    {
                        await HandleDueAsync(live.Schedule, cron, next, now).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                    {
                        LogFireFailed(e, live.Name);
                        Save(live.Schedule with { NextFireTime = cron.NextFireTime(now) });
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartUpAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            foreach (var live in Volatile.Read(ref _schedules).Values.Where(l => !l.Schedule.Paused))
            {
                if (live.Cron is not { } cron)
                {
                    LogUnusable(live.Name, live.Problem ?? "");
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
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task HandleDueAsync(Schedule schedule, CronSchedule cron, DateTimeOffset next, DateTimeOffset now)
    {
        var missed = cron.FireTimesBetween(next.AddTicks(-1), now, MissedListLimit);
        var updated = schedule;
        if (missed.Times.Count > 0 && now - missed.Times[0] <= MisfireThreshold)
        {
            // On time, or a little late: fire once for the latest time even if the wake-up spanned two of them.
            (updated, _) = await FireAsync(schedule, missed.Times[^1]).ConfigureAwait(false);
        }
        else if (missed.Times.Count > 0)
        {
            var decision = MisfireRules.Decide(schedule.Misfire, missed.Times, now, missed.Truncated);
            LogMisfire(schedule.Name, decision.Reason ?? "");
            updated = decision.FireNow
                ? (await FireAsync(schedule, decision.FireTime!.Value).ConfigureAwait(false)).Schedule
                : schedule with { LastFireTime = missed.Times[^1], LastSkipReason = decision.Reason };
        }

        Save(updated with { NextFireTime = cron.NextFireTime(now) });
    }

    /// <summary>One fire: the overlap policy against the previous run, then a submission as the owner, or a recorded skip.</summary>
    private async Task<(Schedule Schedule, ScheduleRunResponse Result)> FireAsync(Schedule schedule, DateTimeOffset fireTime)
    {
        PreviousRun? previous = schedule.LastJobId is { } id && _queue.State.Jobs.TryGetValue(id, out var job) ? new PreviousRun(id, job.State) : null;
        var decision = OverlapRules.Decide(schedule.Overlap, previous);
        if (!decision.Submits)
        {
            LogSkipped(schedule.Name, decision.Reason ?? "");
            return (schedule with { LastFireTime = fireTime, LastSkipReason = decision.Reason }, new ScheduleRunResponse(schedule.Name, null, null, decision.Reason));
        }

        try
        {
            var submitted = await _submitter.SubmitAsync(decision.Apply(schedule.Job), schedule.Owner, schedule.Name, fireTime).ConfigureAwait(false);
            LogFired(schedule.Name, fireTime, submitted.DisplayId, schedule.Owner.UserName);
            return (schedule with { LastFireTime = fireTime, LastJobId = submitted.Id, LastSkipReason = null },
                new ScheduleRunResponse(schedule.Name, submitted.Id, submitted.DisplayId, null));
        }
        catch (QueueRefusalException e)
        {
            var reason = $"submission refused: {e.Message}";
            LogSkipped(schedule.Name, reason);
            return (schedule with { LastFireTime = fireTime, LastSkipReason = reason }, new ScheduleRunResponse(schedule.Name, null, null, reason));
        }
    }

    private TimeSpan DelayUntilNext()
    {
        var now = _time.GetUtcNow();
        var next = Volatile.Read(ref _schedules).Values
            .Where(l => l.Schedule is { Paused: false, NextFireTime: not null } && l.Cron is { AtStartup: false })
            .Select(l => l.Schedule.NextFireTime!.Value)
            .DefaultIfEmpty(now + MaxWait)
            .Min();
        var delay = next - now;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxWait ? MaxWait : delay;
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
            LogStoreFailed(e, schedule.Name);
        }
    }

    private void Publish(Schedule schedule)
    {
        var current = Volatile.Read(ref _schedules);
        var live = current.TryGetValue(schedule.Name, out var old) && old.Schedule.Expression == schedule.Expression && old.Schedule.TimeZoneId == schedule.TimeZoneId
            ? old with { Schedule = schedule }
            : LiveSchedule.From(schedule);
        Volatile.Write(ref _schedules, current.SetItem(schedule.Name, live));
    }

    private void Wake()
    {
        try
        {
            Volatile.Read(ref _wake)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The loop is between two waits; it reads the schedules again before the next one anyway.
        }
    }
}
