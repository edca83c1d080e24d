namespace OpenMosixBatch.Core.Membership;

/// <summary>A membership decision: the node's next state (null: not in the cluster), what to do, or why nothing changes.</summary>
public sealed record MembershipStep(MemberState? Next, MembershipAction Actions, MembershipRefusal Refusal = MembershipRefusal.None)
{
    public bool Refused => Refusal != MembershipRefusal.None;

    public static MembershipStep Stay(MemberState? current) => new(current, MembershipAction.None);

    public static MembershipStep Refuse(MemberState? current, MembershipRefusal why) => new(current, MembershipAction.None, why);
}
