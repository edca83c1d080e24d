namespace OpenMosixBatch.Core.Membership;

/// <summary>One event of a node's membership, fed to <see cref="MembershipMachine.Decide"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Now">For a removal: requeue (or fail) its tasks at once instead of letting them finish.</param>
/// <param name="TasksLeft">For <see cref="MembershipEventKind.TasksCounted"/>: the tasks still active on the node.</param>
/// <param name="Detail">For a failed check: its message, shown by pbsnodes (never compared).</param>
public readonly record struct MembershipEvent(MembershipEventKind Kind, bool Now = false, int TasksLeft = 0, string? Detail = null)
{
    public static MembershipEvent Of(MembershipEventKind kind) => new(kind);
}
