namespace OpenMosixBatch.Core.Membership;

/// <summary>A node's membership: its phase, and what the phase needs to remember.</summary>
/// <param name="Phase">Where it stands.</param>
/// <param name="Now">Leaving with <c>--now</c>: its tasks were requeued rather than left to finish.</param>
/// <param name="Detail">The last failed health check's message (pbsnodes shows it), or null.</param>
public sealed record MemberState(MembershipPhase Phase, bool Now = false, string? Detail = null)
{
    /// <summary>True when the worlds the server launches have a rank on the node.</summary>
    public bool InWorld => Phase is MembershipPhase.Member or MembershipPhase.Leaving;
}
