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
                if (Find(new ScheduleKey(owner.Uid, candidate.Name)) is not null || !names.Add(candidate.Name))
                {
                    throw QueueRefusalException.BadInput(
                        $"{which}schedule name '{candidate.Name}' is already used: choose another name, or remove the old one first with 'omb cron rm {candidate.Name}'");
                }

                var checkedSchedule = ScheduleChecks.Check(candidate with { Owner = owner.AsOwner }, spec => _submitter.Check(spec, owner.AsOwner));
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
                LogAdded(LiveSchedule.Show(schedule), schedule.Owner.UserName, schedule.Expression);
                await ArmAsync(Find(ScheduleKey.Of(schedule))!, ct).ConfigureAwait(false);
            }

            return accepted;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<Schedule> DeleteAsync(string name, uint? ownerUid, Caller caller, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var live = RequireVisible(name, ownerUid, caller);
            try
            {
                _store.Delete(live.Key);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Unavailable(e);
            }

            Volatile.Write(ref _schedules, Volatile.Read(ref _schedules).Remove(live.Key));
            LogRemoved(live.Shown, caller.UserName);
            await _timer.DisarmAsync(live.Key, ct).ConfigureAwait(false);
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
    public async Task<Schedule> SetPausedAsync(string name, uint? ownerUid, bool paused, Caller caller, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var live = RequireVisible(name, ownerUid, caller);
            if (!paused && live.Cron is null)
            {
                throw QueueRefusalException.Refused($"schedule '{InputText.Quote(name)}' cannot run on this server: {live.Problem}");
            }

            var next = paused || live.Cron!.AtStartup ? null : live.Cron.NextFireTime(_time.GetUtcNow());
            var updated = live.Schedule with { Paused = paused, NextFireTime = next };
            Persist([updated]);
            Publish(updated);
            LogPaused(live.Shown, paused ? "paused" : "resumed", caller.UserName);
            await ArmAsync(Find(live.Key)!, ct).ConfigureAwait(false);
            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Fires now, outside the schedule (also when paused); the overlap policy applies as at any fire.</summary>
    public async Task<ScheduleRunResponse> RunNowAsync(string name, uint? ownerUid, Caller caller, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var live = RequireVisible(name, ownerUid, caller);
            var (updated, result) = await FireAsync(live.Schedule, _time.GetUtcNow()).ConfigureAwait(false);
            Save(updated);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The schedule <paramref name="caller"/> means by <paramref name="name"/> (of <paramref name="ownerUid"/>, when the
    /// owner is named: <c>omb cron rm NAME -u USER</c>), or null when they may not see it: another user's schedule is as
    /// unknown as a missing one (<see cref="ScheduleAccess.Sees"/>). Without an owner it is the caller's own; an
    /// administrator without one of that name gets the one schedule of that name, and is asked to name the owner
    /// when several users have one.
    /// </summary>
    public LiveSchedule? FindVisible(string name, uint? ownerUid, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Sees(Find(new ScheduleKey(ownerUid ?? caller.Uid, name))) is { } live)
        {
            return live;
        }

        if (ownerUid is not null || !caller.IsAdministrator)
        {
            return null;
        }

        var named = Schedules.Where(l => l.Name == name).ToList();
        return named.Count <= 1 ? named.FirstOrDefault()
            : throw QueueRefusalException.Refused(
                $"{named.Count} users have a schedule '{InputText.Quote(name)}' ({string.Join(", ", named.Select(l => l.Schedule.Owner.UserName))}): name the owner, e.g. omb cron show {name} -u {named[0].Schedule.Owner.UserName}");
    }

    /// <summary>The one refusal for a schedule the caller cannot see, whether it is missing or another user's.</summary>
    public static ApiError UnknownSchedule(string name) =>
        new(ApiErrorKind.Refused, $"unknown schedule '{InputText.Quote(name)}': see the names with 'omb cron list'");

    private LiveSchedule RequireVisible(string name, uint? ownerUid, Caller caller) =>
        FindVisible(name, ownerUid, caller) ?? throw new QueueRefusalException(UnknownSchedule(name));

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
