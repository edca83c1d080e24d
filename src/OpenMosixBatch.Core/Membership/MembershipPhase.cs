namespace OpenMosixBatch.Core.Membership;

/// <summary>Where a node stands in the cluster's membership (<c>omb node add/remove</c>, a cut link, a health check).</summary>
public enum MembershipPhase
{
    /// <summary>Asked to join: its health check runs on it before any world includes it.</summary>
    Joining,

    /// <summary>In the cluster: every world the server launches has a rank on it.</summary>
    Member,

    /// <summary>Being removed: no new work goes there, its migratable tasks move away, the rest finish.</summary>
    Leaving,

    /// <summary>Its health check failed when it asked to join: kept out of the worlds, shown down with the reason.</summary>
    Refused,

    /// <summary>A member whose host was cut off: left out of the worlds until its check passes there again.</summary>
    Cut,
}
