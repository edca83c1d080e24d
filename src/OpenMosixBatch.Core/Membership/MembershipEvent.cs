namespace OpenMosixBatch.Core.Membership;

/// <summary>One event of a node's membership, fed to <see cref="MembershipMachine.Decide"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Now">For a removal: requeue (or fail) its tasks at once instead of letting them finish.</param>
/// <param name="TasksLeft">For <see cref="MembershipEventKind.TasksCounted"/>: the tasks still active on the node.</param>
/// <param name="Detail">For a failed check: its message, shown by pbsnodes (never compared).</param>
/// <param name="ProcessesLeft">
/// For <see cref="MembershipEventKind.TasksCounted"/>: the tasks the node's rank reported running on its latest tick
/// since the count began (their shepherds still hold processes there), or null while no such report has come.
/// </param>
/// <param name="Held">
/// For a cut-off node's <see cref="MembershipEventKind.ProbeDue"/> and <see cref="MembershipEventKind.HealthPassed"/>: an
/// administrator has it offline (pbsnodes -o), so it does not rejoin by itself.
/// </param>
public readonly record struct MembershipEvent(MembershipEventKind Kind, bool Now = false, int TasksLeft = 0, string? Detail = null, int? ProcessesLeft = null,
    bool Held = false)
{
    public static MembershipEvent Of(MembershipEventKind kind) => new(kind);
}
