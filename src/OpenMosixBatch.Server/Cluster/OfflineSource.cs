namespace OpenMosixBatch.Server.Cluster;

/// <summary>Who took a node offline, which decides who may bring it back.</summary>
public enum OfflineSource
{
    /// <summary>pbsnodes -o: only pbsnodes -c clears it.</summary>
    Administrator,

    /// <summary>The node's health check failed: cleared when it passes again (or by pbsnodes -c).</summary>
    HealthCheck,

    /// <summary>Drained as a black hole: only pbsnodes -c clears it.</summary>
    BlackHole,

    /// <summary>
    /// Its rank fell silent (a cut link, a dead host): shown down, left out of the worlds the server launches until
    /// pbsnodes -c clears it, and back in the next world launched after that.
    /// </summary>
    Unreachable,

    /// <summary>
    /// omb node remove: no new work, its migratable tasks move away, the rest finish; cleared when it has left (or is
    /// added again).
    /// </summary>
    Leaving,
}
