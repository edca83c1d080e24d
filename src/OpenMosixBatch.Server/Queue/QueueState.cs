using System.Collections.Immutable;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Queue;

/// <summary>An immutable snapshot of the queue: readers take it without waiting for the writer.</summary>
/// <param name="Jobs">Every job by id.</param>
/// <param name="NextJobId">The next id the writer will hand out.</param>
/// <param name="Version">Incremented by every committed change, so the admission loop knows when to look again.</param>
public sealed record QueueState(ImmutableSortedDictionary<long, Job> Jobs, long NextJobId, long Version)
{
    public static QueueState Empty { get; } = new(ImmutableSortedDictionary<long, Job>.Empty, 1, 0);
}
