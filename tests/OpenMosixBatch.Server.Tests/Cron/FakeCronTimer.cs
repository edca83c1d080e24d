using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Cron;

namespace OpenMosixBatch.Server.Tests.Cron;

/// <summary>
/// The cron timer on a <see cref="FakeTimeProvider"/>: fires every fire time of an armed schedule as the test moves the
/// clock past it, all of them when the clock jumps over several (as Quartz does within its misfire threshold), so the
/// service's own rules must make the extra wake-ups harmless.
/// </summary>
internal sealed class FakeCronTimer(FakeTimeProvider time) : ICronTimer
{
    private readonly ConcurrentDictionary<ScheduleKey, (ITimer Timer, DateTimeOffset At)> _armed = new();
    private Func<ScheduleKey, DateTimeOffset, Task>? _onFire;

    /// <summary>The armed schedules and the fire time each waits for.</summary>
    public IReadOnlyDictionary<ScheduleKey, DateTimeOffset> Armed => _armed.ToDictionary(p => p.Key, p => p.Value.At);

    public Task StartAsync(Func<ScheduleKey, DateTimeOffset, Task> onFire, CancellationToken ct)
    {
        _onFire = onFire;
        return Task.CompletedTask;
    }

    public Task ArmAsync(ScheduleKey name, CronSchedule schedule, DateTimeOffset firstFireTime, CancellationToken ct)
    {
        Set(name, schedule, firstFireTime);
        return Task.CompletedTask;
    }

    public Task DisarmAsync(ScheduleKey name, CancellationToken ct)
    {
        Disarm(name);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> NextFireTimeAsync(ScheduleKey name, CancellationToken ct) =>
        Task.FromResult(_armed.TryGetValue(name, out var armed) ? armed.At : (DateTimeOffset?)null);

    public Task StopAsync(CancellationToken ct)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var name in _armed.Keys)
        {
            Disarm(name);
        }
    }

    private void Disarm(ScheduleKey name)
    {
        if (_armed.TryRemove(name, out var old))
        {
            old.Timer.Dispose();
        }
    }

    private void Set(ScheduleKey name, CronSchedule schedule, DateTimeOffset at)
    {
        var due = at - time.GetUtcNow();
        var timer = time.CreateTimer(_ => Fire(name, schedule, at), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        if (_armed.TryGetValue(name, out var old))
        {
            old.Timer.Dispose();
        }

        _armed[name] = (timer, at);
    }

    private void Fire(ScheduleKey name, CronSchedule schedule, DateTimeOffset at)
    {
        if (!_armed.TryGetValue(name, out var armed) || armed.At != at)
        {
            return;
        }

        if (schedule.NextFireTime(at) is { } next)
        {
            Set(name, schedule, next);
        }
        else
        {
            _armed.TryRemove(name, out _);
        }

        _ = _onFire!(name, at);
    }
}
