using System.Collections.Immutable;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Queue;

/// <summary>An immutable snapshot of the queue: readers take it without waiting for the writer.</summary>
/// <param name="Jobs">Every job not finished, by id (a finished job lives in the store only: <see cref="JobQueue.Find"/>).</param>
/// <param name="NextJobId">The next id the writer will hand out.</param>
/// <param name="Version">Incremented by every committed change, so the admission loop knows when to look again.</param>
/// <param name="Index">The waiting jobs in admission order and the running ones, kept with <paramref name="Jobs"/>.</param>
public sealed record QueueState(ImmutableSortedDictionary<long, Job> Jobs, long NextJobId, long Version, QueueIndex Index)
{
    /// <summary>How many of the jobs that finished last the snapshot keeps (<see cref="RecentlyFinished"/>).</summary>
    public const int RecentCount = 1000;

    /// <summary>
    /// The <see cref="RecentCount"/> jobs that finished last, the last first: what the dashboard lists beside the live
    /// queue, at a bounded cost in memory however long the history is.
    /// </summary>
    public ImmutableList<Job> RecentlyFinished { get; init; } = [];

    /// <summary>The jobs not finished, then the ones that finished last: what views of recent activity (ends, moves) read.</summary>
    public IEnumerable<Job> LiveAndRecent => Jobs.Values.Concat(RecentlyFinished);

    public static QueueState Empty { get; } = new(ImmutableSortedDictionary<long, Job>.Empty, 1, 0, QueueIndex.Empty);

    /// <summary>The state of a queue loaded whole (from the store at start-up or after a failed commit), indexed in <paramref name="order"/>.</summary>
    public static QueueState Of(IReadOnlyList<Job> jobs, long nextJobId, long version, QueueOrder order = QueueOrder.Fcfs)
    {
        var live = jobs.Where(j => !j.State.IsFinished()).ToList();
        return new(ImmutableSortedDictionary.CreateRange(live.Select(j => KeyValuePair.Create(j.Id, j))), nextJobId, version, QueueIndex.Of(live, order));
    }
}
