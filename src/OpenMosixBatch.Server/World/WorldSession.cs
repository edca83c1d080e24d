using System.Collections.Immutable;
using System.Threading.Channels;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Server.World;

/// <summary>The attached world: its id, the orders waiting for its stream, and the loads its ranks last reported.</summary>
public sealed class WorldSession(string id, IReadOnlyList<NodeLoad> nodes, DateTimeOffset attachedAt)
{
    private ImmutableDictionary<string, NodeLoad> _loads = nodes.ToImmutableDictionary(n => n.Node, StringComparer.Ordinal);
    private long _lastHeardTicks = attachedAt.UtcTicks;

    public string Id { get; } = id;

    public DateTimeOffset AttachedAt { get; } = attachedAt;

    /// <summary>Orders for the stream; completed when the session ends so the stream closes.</summary>
    public Channel<WorldOrder> Orders { get; } = Channel.CreateUnbounded<WorldOrder>(new UnboundedChannelOptions { SingleReader = true });

    public IReadOnlyDictionary<string, NodeLoad> Loads => Volatile.Read(ref _loads);

    public DateTimeOffset LastHeard => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

    public void Heard(DateTimeOffset now, IReadOnlyList<NodeLoad>? loads)
    {
        Interlocked.Exchange(ref _lastHeardTicks, now.UtcTicks);
        if (loads is { Count: > 0 })
        {
            Volatile.Write(ref _loads, loads.ToImmutableDictionary(n => n.Node, StringComparer.Ordinal));
        }
    }
}
