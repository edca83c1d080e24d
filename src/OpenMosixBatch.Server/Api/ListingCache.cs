using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// The last qstat listing's serialized body, reused while the queue is the same snapshot and the same caller asks the
/// same question: a listing of 100,000 jobs costs the server far more to build and serialize than to send, and a
/// queue that long is mostly watched, not changed.
/// </summary>
/// <remarks>Keyed by the snapshot itself (snapshots are immutable and every commit makes a new one), so it never serves a stale listing.</remarks>
public sealed class ListingCache
{
    private Entry? _last;

    /// <summary>The body for <paramref name="key"/> over <paramref name="state"/>: the cached one, or <paramref name="build"/>'s, kept for next time.</summary>
    public ReadOnlyMemory<byte> Get(QueueState state, ListingKey key, Func<ReadOnlyMemory<byte>> build)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(build);
        if (Volatile.Read(ref _last) is { } last && ReferenceEquals(last.State, state) && last.Key == key)
        {
            return last.Body;
        }

        var body = build();
        Volatile.Write(ref _last, new Entry(state, key, body));
        return body;
    }

    private sealed record Entry(QueueState State, ListingKey Key, ReadOnlyMemory<byte> Body);
}
