using System.Globalization;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Queue;

/// <summary>The writer after a failed commit: a group split around one job too large to store, or a reload from the store.</summary>
public sealed partial class JobQueue
{
    /// <summary>
    /// Contains a commit refused for one job too large to store (the store refuses it before writing anything, so
    /// the group may be tried again): a group is committed again one request at a time, so that the others are not
    /// refused with it, and a request alone that met a stored job too large to write again ends that job first (it
    /// could never change otherwise). Any other failure refuses the whole group, as before: the store may hold part
    /// of it, and deciding it again could queue a job twice.
    /// </summary>
    private void CommitFailed(List<QueueCommand> decided, Exception e, bool mayEndOversized)
    {
        var tooLarge = e as JobTooLargeToStoreException;
        if (tooLarge is null)
        {
            // The store may hold more than the published state (a transaction confirmed in the log before a later
            // step of the commit failed).
            _reloadFromStore = true;
        }
        else if (decided.Count > 1)
        {
            LogGroupSplit(e, decided.Count);
            foreach (var c in decided)
            {
                RunGroup([c], mayEndOversized);
            }

            return;
        }

        if (tooLarge is not null && mayEndOversized && State.Jobs.TryGetValue(tooLarge.JobId, out var stored) && TryEndOversized(stored, tooLarge))
        {
            RunGroup(decided, mayEndOversized: false);
            return;
        }

        LogCommitFailed(e, decided.Count);
        var failure = new QueueRefusalException(tooLarge is null ? StoreFailure.Describe(e, "the change")
            : !State.Jobs.ContainsKey(tooLarge.JobId) ? new ApiError(ApiErrorKind.BadInput, string.Create(CultureInfo.InvariantCulture,
                $"the job would take {tooLarge.Bytes} bytes in the queue's store, more than its largest record ({tooLarge.MaxBytes} bytes): nothing was queued; keep data in files and pass their names (see {SubmissionLimits.JobKey})"))
            : new ApiError(ApiErrorKind.Unavailable, string.Create(CultureInfo.InvariantCulture,
                $"job {tooLarge.JobId} is too large to store ({tooLarge.Bytes} bytes) and could not be ended: nothing was changed; report it with the server log")));
        foreach (var c in decided)
        {
            c.Complete(failure);
        }
    }

    /// <summary>Ends a stored job the store can no longer write, trimmed so that it fits; false when even that fails.</summary>
    private bool TryEndOversized(Job job, JobTooLargeToStoreException tooLarge)
    {
        var ended = OversizedJob.End(job, tooLarge.Bytes, tooLarge.MaxBytes, _time.GetUtcNow());
        var working = new WorkingSet(State, _pool, _store.Find, _unsaved.EventsOf);
        working.Put(ended.Job!, ended.Event);
        try
        {
            _store.Commit(working.ToBatch());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogEndOversizedFailed(e, job.Id);
            return false;
        }

        var before = State;
        Publish(working.ToState(), working.Upserts);
        RaiseCommitted(before, working.Upserts);
        LogEndedOversized(job.Id, tooLarge.Bytes, tooLarge.MaxBytes);
        return true;
    }

    /// <summary>
    /// Replaces the published state with the store's after a failed commit; false (and the group refused, nothing
    /// decided) while the store still cannot be read.
    /// </summary>
    private bool TryReload(List<QueueCommand> group)
    {
        JobStoreSnapshot snapshot;
        try
        {
            snapshot = _store.Load();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReloadFailed(e, group.Count);
            var failure = new QueueRefusalException(StoreFailure.Describe(e, "the change"));
            foreach (var c in group)
            {
                c.Complete(failure);
            }

            return false;
        }

        _reloadFromStore = false;
        _unsaved.Clear();
        var before = State;
        var state = QueueState.Of(Shared(snapshot.Jobs), snapshot.NextJobId, before.Version + 1, _order) with { RecentlyFinished = before.RecentlyFinished };
        LogReloaded(state.Jobs.Count, before.Jobs.Count, state.NextJobId);
        Publish(state, null);
        return true;
    }
}
