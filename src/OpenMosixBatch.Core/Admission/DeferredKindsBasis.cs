using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// What a full comparison of the deferred reasons' kinds with the recorded ones (tracejob's, see
/// <see cref="WaitReasonChanges"/>) was made on. While a later plan defers on the same terms, a waiting job that did not
/// change since keeps the kind it was compared with, so the next comparison need look only at the jobs that changed:
/// with 100,000 jobs waiting and nothing changing, a sweep then costs nothing instead of a walk of the whole queue.
/// </summary>
/// <remarks>
/// A deferred reason's kind follows from the job itself (hold, dependencies, array limit, request) and from the state
/// the pass stopped in: where it stopped, the nodes with what it started on them, the reservation and whether backfill
/// held everything behind a blocked job. The terms are the same when all of those are. A job's own change is in the
/// queue's change log; a job the pass started that changed would change the nodes' allocations, so it breaks the basis.
/// Measured utilisation counts only where some accepting node has a CPU free (a chunk asks at least one CPU; with none
/// free every deferred start is refused for room whatever the load), or not at all in the allocated mode. The one input
/// that moves by itself is time, under a reservation: a job whose walltime ends it before the reservation is tried on
/// the nodes, and once that is no longer so it waits for backfill; <see cref="Until"/> is the first such moment.
/// </remarks>
/// <param name="Plan">The plan whose deferred reasons were compared.</param>
/// <param name="Nodes">The nodes that plan was made on.</param>
/// <param name="Until">The last moment the compared kinds hold by time (<see cref="DateTimeOffset.MaxValue"/>: always).</param>
public sealed record DeferredKindsBasis(AdmissionPlan Plan, IReadOnlyList<NodeSnapshot> Nodes, DateTimeOffset Until)
{
    /// <summary>
    /// The basis of a full comparison of <paramref name="plan"/>'s deferred reasons, made at <paramref name="now"/> over
    /// the waiting jobs <paramref name="pending"/> (in the pass's order); null when the plan deferred nothing.
    /// </summary>
    public static DeferredKindsBasis? Of(AdmissionPlan plan, IReadOnlyList<NodeSnapshot> nodes, IEnumerable<PendingKey> pending, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(pending);
        if (plan.Deferred is not { } deferred)
        {
            return null;
        }

        var until = DateTimeOffset.MaxValue;
        if (deferred.Reservation is { } reserved)
        {
            // A job ends before the reservation while now + walltime <= reserved: its kind may change at reserved - walltime.
            foreach (var key in pending.SkipWhile(k => k < deferred.From))
            {
                if (key.Walltime is { } w && now + w <= reserved && reserved - w < until)
                {
                    until = reserved - w;
                }
            }
        }

        return new DeferredKindsBasis(plan, nodes, until);
    }

    /// <summary>
    /// True when every waiting job not in <paramref name="changed"/> has, in <paramref name="plan"/> (made at
    /// <paramref name="now"/> on <paramref name="nodes"/>), the deferred reason kind it had in <see cref="Plan"/>.
    /// </summary>
    /// <param name="changed">The ids of every job written since the basis's comparison.</param>
    public bool Holds(AdmissionPlan plan, IReadOnlyList<NodeSnapshot> nodes, DateTimeOffset now, IReadOnlyCollection<long> changed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(changed);
        if (plan.Deferred is not { } deferred || Plan.Deferred is not { } before || now > Until)
        {
            return false;
        }

        if (deferred.From != before.From || deferred.Reservation != before.Reservation || deferred.BlockedByHead != before.BlockedByHead
            || !Equals(deferred.Settings, before.Settings) || !SameStarts(plan.Starts, Plan.Starts))
        {
            return false;
        }

        var measuredCounts = deferred.Settings.Mode != UtilizationMode.Allocated && (HasFreeCpu(nodes) || HasFreeCpu(Nodes));
        if (nodes.Count != Nodes.Count || Enumerable.Range(0, nodes.Count).Any(i => !SameNode(Nodes[i], nodes[i], measuredCounts)))
        {
            return false;
        }

        return plan.Starts.Count == 0 || !plan.Starts.Any(s => changed.Contains(s.JobId));
    }

    private static bool SameStarts(IReadOnlyList<TaskPlacement> a, IReadOnlyList<TaskPlacement> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.JobId == p.Second.JobId && p.First.TaskIndex == p.Second.TaskIndex
            && p.First.Nodes.SequenceEqual(p.Second.Nodes));

    private static bool HasFreeCpu(IReadOnlyList<NodeSnapshot> nodes) => nodes.Any(n => n.AcceptsWork && n.FreeCpus > 0);

    private static bool SameNode(NodeSnapshot a, NodeSnapshot b, bool measuredCounts) =>
        a.Properties.SequenceEqual(b.Properties) && Comparable(a, measuredCounts) == Comparable(b, measuredCounts);

    private static NodeSnapshot Comparable(NodeSnapshot node, bool measuredCounts) => measuredCounts
        ? node with { Properties = [] }
        : node with { MeasuredCpuUtilization = null, MeasuredMemoryUtilization = null, Properties = [] };
}
