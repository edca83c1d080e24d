using System.Collections.Immutable;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Queue;

/// <summary>An immutable snapshot of the queue: readers take it without waiting for the writer.</summary>
/// <param name="Jobs">Every job by id.</param>
/// <param name="NextJobId">The next id the writer will hand out.</param>
/// <param name="Version">Incremented by every committed change, so the admission loop knows when to look again.</param>
/// <param name="Index">The waiting jobs in admission order and the running ones, kept with <paramref name="Jobs"/>.</param>
public sealed record QueueState(ImmutableSortedDictionary<long, Job> Jobs, long NextJobId, long Version, QueueIndex Index)
{
    public static QueueState Empty { get; } = new(ImmutableSortedDictionary<long, Job>.Empty, 1, 0, QueueIndex.Empty);

    /// <summary>The state of a queue loaded whole (from the store at start-up or after a failed commit), indexed in <paramref name="order"/>.</summary>
    public static QueueState Of(IReadOnlyList<Job> jobs, long nextJobId, long version, QueueOrder order = QueueOrder.Fcfs) =>
        new(ImmutableSortedDictionary.CreateRange(jobs.Select(j => KeyValuePair.Create(j.Id, j))), nextJobId, version, QueueIndex.Of(jobs, order));
}
