using System.Collections.Immutable;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>The index of one commit in the making: each changed job replaces what the index knew of it.</summary>
public sealed class QueueIndexBuilder
{
    private readonly ImmutableSortedSet<PendingKey>.Builder _pending;
    private readonly ImmutableSortedSet<long>.Builder _active;
    private readonly QueueOrder _order;
    private readonly ImmutableSortedSet<RunningEnd>.Builder _ends;
    private readonly ImmutableSortedSet<long>.Builder _dependent;
    private int _unpredictable;

    internal QueueIndexBuilder(ImmutableSortedSet<PendingKey>.Builder pending, ImmutableSortedSet<long>.Builder active, QueueOrder order,
        ImmutableSortedSet<RunningEnd>.Builder ends, int unpredictable, ImmutableSortedSet<long>.Builder dependent)
    {
        _dependent = dependent;
        _pending = pending;
        _active = active;
        _order = order;
        _ends = ends;
        _unpredictable = unpredictable;
    }

    /// <summary>Records that <paramref name="before"/> (null for a new job) became <paramref name="after"/> (null when removed).</summary>
    public void Replace(Job? before, Job? after)
    {
        if (before is not null && after is not null && before.Id != after.Id)
        {
            throw new ArgumentException($"job {after.Id} cannot replace job {before.Id}", nameof(after));
        }

        if (before is not null)
        {
            _pending.Remove(PendingKey.Of(before, _order));
            _active.Remove(before.Id);
            _dependent.Remove(before.Id);
            CountEnds(before, -1);
        }

        if (after is not null)
        {
            if (QueueIndex.IsPending(after))
            {
                _pending.Add(PendingKey.Of(after, _order));
            }

            if (QueueIndex.IsActive(after))
            {
                _active.Add(after.Id);
            }

            if (QueueIndex.IsDependent(after))
            {
                _dependent.Add(after.Id);
            }

            CountEnds(after, +1);
        }
    }

    /// <summary>The ids of the jobs waiting for their dependencies as this builder has them now (<see cref="QueueIndex.Dependent"/>).</summary>
    public IReadOnlyCollection<long> Dependent => _dependent;

    public QueueIndex ToIndex() => new(_pending.ToImmutable(), _active.ToImmutable(), _order, _ends.ToImmutable(), _unpredictable, _dependent.ToImmutable());

    /// <summary>Adds (+1) or takes away (−1) the predicted ends of <paramref name="job"/>'s active tasks.</summary>
    private void CountEnds(Job job, int sign)
    {
        for (var i = 0; i < job.Tasks.Count; i++)
        {
            var t = job.Tasks[i];
            if (!t.State.IsActive())
            {
                continue;
            }

            if (job.Spec.Resources.Walltime is not { } w || t.StartTime is not { } s || t.Node is null)
            {
                _unpredictable += sign;
            }
            else if (sign > 0)
            {
                _ends.Add(new RunningEnd(s + w, job.Id, i));
            }
            else
            {
                _ends.Remove(new RunningEnd(s + w, job.Id, i));
            }
        }
    }
}
