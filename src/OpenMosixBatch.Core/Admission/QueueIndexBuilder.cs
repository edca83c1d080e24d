using System.Collections.Immutable;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>The index of one commit in the making: each changed job replaces what the index knew of it.</summary>
public sealed class QueueIndexBuilder
{
    private readonly ImmutableSortedSet<PendingKey>.Builder _pending;
    private readonly ImmutableSortedSet<long>.Builder _active;
    private readonly QueueOrder _order;

    internal QueueIndexBuilder(ImmutableSortedSet<PendingKey>.Builder pending, ImmutableSortedSet<long>.Builder active, QueueOrder order)
    {
        _pending = pending;
        _active = active;
        _order = order;
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
        }
    }

    public QueueIndex ToIndex() => new(_pending.ToImmutable(), _active.ToImmutable(), _order);
}
