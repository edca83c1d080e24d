using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Cron;

/// <summary>The changes users ask for (add, import, remove, pause, resume, run now); each refusal is a <see cref="QueueRefusalException"/>.</summary>
public sealed partial class CronScheduleService
{
    /// <summary>
    /// Checks and stores all of <paramref name="candidates"/> (owned by <paramref name="owner"/>) in one transaction,
    /// or refuses with the first problem and stores nothing.
    /// </summary>
    public async Task<IReadOnlyList<Schedule>> AddAsync(IReadOnlyList<Schedule> candidates, Caller owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(owner);
        if (candidates.Count == 0)
        {
            throw QueueRefusalException.BadInput("no schedules given: write at least one line NAME SCHEDULE -- script");
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var accepted = new List<Schedule>(candidates.Count);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in candidates)
            {
                var which = candidates.Count > 1 ? $"schedule '{InputText.Quote(candidate.Name)}': " : "";
                if (Find(candidate.Name) is not null || !names.Add(candidate.Name))
                {
                    throw QueueRefusalException.BadInput(
                        $"{which}schedule name '{candidate.Name}' is already used: choose another name, or remove the old one first with 'omb cron rm {candidate.Name}'");
                }

                var checkedSchedule = ScheduleChecks.Check(candidate with { Owner = owner.AsOwner }, _submitter.Check);
                if (!checkedSchedule.Ok)
                {
                    throw QueueRefusalException.BadInput(which + checkedSchedule.Error);
                }

                var (schedule, cron, _) = checkedSchedule.Value!;
                accepted.Add(schedule with
                {
                    CreatedAt = now,
                    LastFireTime = null,
                    LastJobId = null,
                    LastSkipReason = null,
                    NextFireTime = schedule.Paused || cron!.AtStartup ? null : cron.NextFireTime(now),
                });
            }

            Persist(accepted);
            foreach (var schedule in accepted)
            {
                Publish(schedule);
                LogAdded(schedule.Name, schedule.Owner.UserName, schedule.Expression);
                await ArmAsync(Find(schedule.Name)!, ct).ConfigureAwait(false);
            }

            return accepted;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<Schedule> DeleteAsync(string name, Caller caller, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var live = RequireChangeable(name, caller);
            try
            {
                _store.Delete(name);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Unavailable(e);
            }

            Volatile.Write(ref _schedules, Volatile.Read(ref _schedules).Remove(name));
            LogRemoved(name, caller.UserName);
            await _timer.DisarmAsync(name, ct).ConfigureAwait(false);
            return live.Schedule;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Pause clears the next fire time and removes the trigger; resume computes the next fire time from now and arms a
    /// new trigger there, so the times passed while paused never fire (Quartz's own resume would apply its misfire handling to them).
    /// </summary>
    public async Task<Schedule> SetPausedAsync(string name, bool paused, Caller caller, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var live = RequireChangeable(name, caller);
            if (!paused && live.Cron is null)
            {
                throw QueueRefusalException.Refused($"schedule '{InputText.Quote(name)}' cannot run on this server: {live.Problem}");
            }

            var next = paused || live.Cron!.AtStartup ? null : live.Cron.NextFireTime(_time.GetUtcNow());
            var updated = live.Schedule with { Paused = paused, NextFireTime = next };
            Persist([updated]);
            Publish(updated);
            LogPaused(name, paused ? "paused" : "resumed", caller.UserName);
            await ArmAsync(Find(name)!, ct).ConfigureAwait(false);
            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Fires now, outside the schedule (also when paused); the overlap policy applies as at any fire.</summary>
    public async Task<ScheduleRunResponse> RunNowAsync(string name, Caller caller, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var live = RequireChangeable(name, caller);
            var (updated, result) = await FireAsync(live.Schedule, _time.GetUtcNow()).ConfigureAwait(false);
            Save(updated);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The schedule when <paramref name="caller"/> may see it; another user's is as unknown as a missing one.</summary>
    public LiveSchedule? FindVisible(string name, Caller caller) =>
        Find(name) is { } live && caller.MayAccess(live.Schedule) ? live : null;

    private LiveSchedule RequireChangeable(string name, Caller caller)
    {
        var live = Find(name) ?? throw QueueRefusalException.Refused($"unknown schedule '{InputText.Quote(name)}': see the names with 'omb cron list'");
        return caller.MayAccess(live.Schedule)
            ? live
            : throw QueueRefusalException.Refused($"schedule '{InputText.Quote(name)}' belongs to {live.Schedule.Owner.UserName}: you can only change your own schedules");
    }

    private void Persist(IReadOnlyList<Schedule> schedules)
    {
        try
        {
            _store.Put(schedules);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Unavailable(e);
        }
    }

    private static QueueRefusalException Unavailable(Exception e) => new(StoreFailure.Describe(e, "the schedule change"));
}
