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
    private Reported _silences = new([], attachedAt);

    public string Id { get; } = id;

    public DateTimeOffset AttachedAt { get; } = attachedAt;

    /// <summary>Orders for the stream; completed when the session ends so the stream closes.</summary>
    public Channel<WorldOrder> Orders { get; } = Channel.CreateUnbounded<WorldOrder>(new UnboundedChannelOptions { SingleReader = true });

    public IReadOnlyDictionary<string, NodeLoad> Loads => Volatile.Read(ref _loads);

    public DateTimeOffset LastHeard => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

    /// <summary>The ranks rank 0 last said it had not heard from, with their silence grown by the time since it said so.</summary>
    public IReadOnlyList<RankSilence> Silences(DateTimeOffset now)
    {
        var (silences, at) = Volatile.Read(ref _silences);
        var since = now - at;
        return [.. silences.Select(s => s with { Silence = s.Silence + since })];
    }

    public void Heard(DateTimeOffset now, IReadOnlyList<NodeLoad>? loads, IReadOnlyList<RankSilence>? silences = null)
    {
        if (silences is not null)
        {
            Volatile.Write(ref _silences, new Reported(silences, now));
        }

        Interlocked.Exchange(ref _lastHeardTicks, now.UtcTicks);
        if (loads is { Count: > 0 })
        {
            Volatile.Write(ref _loads, loads.ToImmutableDictionary(n => n.Node, StringComparer.Ordinal));
        }
    }

    private sealed record Reported(IReadOnlyList<RankSilence> Silences, DateTimeOffset At);
}
