using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// When a queue changed only where the last admission pass never looked, that pass's plan is still the one a new pass
/// would make: the dispatcher keeps it instead of walking the queue again. A stream of submissions behind a full
/// cluster (or behind a run of held jobs) then costs a pass only this check, however long the queue.
/// </summary>
/// <remarks>
/// The last pass stopped early at <see cref="DeferredReasons.From"/>: it walked every waiting job before it, and the
/// jobs from there on get their reasons on demand from its final state. The plan holds for the new queue when
/// <list type="bullet">
/// <item>it started nothing (a start changes the allocations, and its dispatch the queue);</item>
/// <item>it made no backfill reservation (a reservation's reasons depend on the time of the pass);</item>
/// <item>the nodes and the running tasks (their set, predicted ends and unpredictable ones) are as they were;</item>
/// <item>every job that changed waits, or waited, at <see cref="DeferredReasons.From"/> or after it, where the walk
/// stopped before looking (its stop depends on the allocations alone, not on which job is there), and no job the pass
/// gave a dependency reason names it (that reason quotes the other job's state).</item>
/// </list>
/// Any other change, or a change the caller could not account for, means a full pass.
/// </remarks>
public static class AdmissionReuse
{
    /// <summary>True when <paramref name="plan"/>, made on the queue <paramref name="before"/> and nodes <paramref name="nodesBefore"/>, is the plan of <paramref name="after"/>.</summary>
    /// <param name="changed">The ids of every job written between the two queues (new, changed, finished or removed).</param>
    public static bool Holds(AdmissionPlan plan, QueueIndex before, Func<long, Job?> findBefore, IReadOnlyList<NodeSnapshot> nodesBefore,
        QueueIndex after, Func<long, Job?> findAfter, IReadOnlyList<NodeSnapshot> nodesAfter, IReadOnlyCollection<long> changed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(findBefore);
        ArgumentNullException.ThrowIfNull(nodesBefore);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(findAfter);
        ArgumentNullException.ThrowIfNull(nodesAfter);
        ArgumentNullException.ThrowIfNull(changed);
        if (plan.Starts.Count > 0 || plan.Deferred is not { Reserved: false } deferred || before.Order != after.Order)
        {
            return false;
        }

        if (before.Unpredictable != after.Unpredictable || !before.Active.SetEquals(after.Active) || !before.Ends.SetEquals(after.Ends)
            || !nodesBefore.SequenceEqual(nodesAfter))
        {
            return false;
        }

        foreach (var id in changed)
        {
            if (!PastTheStop(findBefore(id), deferred.From, before.Order) || !PastTheStop(findAfter(id), deferred.From, after.Order))
            {
                return false;
            }
        }

        return !NamedByADependencyReason(plan, findBefore, changed);
    }

    /// <summary>True when the job is absent, or waits at or after <paramref name="from"/> and has no process.</summary>
    private static bool PastTheStop(Job? job, PendingKey from, QueueOrder order) =>
        job is null || job.State.IsFinished() || (QueueIndex.IsPending(job) && !QueueIndex.IsActive(job) && PendingKey.Of(job, order) >= from);

    private static bool NamedByADependencyReason(AdmissionPlan plan, Func<long, Job?> find, IReadOnlyCollection<long> changed)
    {
        if (plan.Kinds is not { } kinds)
        {
            return false;
        }

        var ids = changed as IReadOnlySet<long> ?? changed.ToHashSet();
        foreach (var (id, kind) in kinds)
        {
            if (kind == WaitKind.Dependency && find(id) is { } job && job.Spec.Dependencies.Any(d => ids.Contains(d.JobId)))
            {
                return true;
            }
        }

        return false;
    }
}
