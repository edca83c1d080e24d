using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Tunables;

/// <summary>
/// Sends the world a Tune order (the tunables in force and the offline nodes, whose migratable tasks rank 0's planner
/// expels): on attach, and after every change of either.
/// </summary>
public sealed class TuneBroadcaster(TunablesState tunables, NodeTable nodes, WorldGateway gateway)
{
    public WorldOrder Order() =>
        new(WorldOrderKind.Tune, Tunables: tunables.View(), OfflineNodes: [.. nodes.Admin.Offline.Keys.Order(StringComparer.Ordinal)]);

    /// <summary>Queues the order for the attached world; false when none is attached (the next attach gets it).</summary>
    public bool Send() => gateway.Send(Order());
}
