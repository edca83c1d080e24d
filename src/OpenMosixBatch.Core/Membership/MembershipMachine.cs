namespace OpenMosixBatch.Core.Membership;

/// <summary>
/// A node's membership as a pure state machine (decide, then act): its state and one event in, its next state and
/// the server's actions out. Joining runs the node's health check first (the openMosix advice: test a machine before
/// it joins, as Slurm's HealthCheckProgram and PBS's node_check_script do); leaving drains it and relaunches the
/// world without it once no task is left there.
/// </summary>
/// <remarks>
/// The world's membership is fixed at launch (MPICH here cannot accept a rank into a running world), so every change
/// that adds or takes away a rank is a <see cref="MembershipAction.Relaunch"/>; running tasks outlive their ranks.
/// Decisions read only typed kinds: a failed check's message is carried for pbsnodes, never compared.
/// </remarks>
public static class MembershipMachine
{
    private const MembershipAction Join = MembershipAction.Store | MembershipAction.RunHealthCheck;

    /// <param name="current">The node's membership, or null when it is not in the cluster.</param>
    /// <param name="e">What happened.</param>
    /// <param name="onlyMember">True when the node is the only one the worlds are launched on.</param>
    public static MembershipStep Decide(MemberState? current, MembershipEvent e, bool onlyMember = false) => current?.Phase switch
    {
        null => e.Kind switch
        {
            MembershipEventKind.AddRequested => new(new MemberState(MembershipPhase.Joining), Join),
            MembershipEventKind.RemoveRequested or MembershipEventKind.ClearRequested => MembershipStep.Refuse(current, MembershipRefusal.UnknownNode),
            _ => MembershipStep.Stay(current),
        },
        MembershipPhase.Joining => e.Kind switch
        {
            MembershipEventKind.AddRequested => MembershipStep.Refuse(current, MembershipRefusal.AlreadyMember),
            MembershipEventKind.HealthPassed => new(new MemberState(MembershipPhase.Member), MembershipAction.Store | MembershipAction.Relaunch),
            MembershipEventKind.HealthFailed => new(new MemberState(MembershipPhase.Refused, Detail: e.Detail), MembershipAction.Store),
            MembershipEventKind.RemoveRequested => new(null, MembershipAction.Store),

            // No world has it yet: the world it joins is launched with the new capacity.
            MembershipEventKind.CapacityChanged => new(current, MembershipAction.Store),

            // A server that stopped while the check ran runs it again.
            MembershipEventKind.ProbeDue => new(current, MembershipAction.RunHealthCheck),
            _ => MembershipStep.Stay(current),
        },
        MembershipPhase.Member => e.Kind switch
        {
            MembershipEventKind.AddRequested => MembershipStep.Refuse(current, MembershipRefusal.AlreadyMember),
            MembershipEventKind.RemoveRequested when onlyMember => MembershipStep.Refuse(current, MembershipRefusal.LastMember),
            MembershipEventKind.RemoveRequested => new(new MemberState(MembershipPhase.Leaving, e.Now),
                MembershipAction.Store | MembershipAction.StopPlacing | (e.Now ? MembershipAction.RequeueTasks : MembershipAction.None)),

            MembershipEventKind.CapacityChanged => new(current, MembershipAction.Store | MembershipAction.Relaunch),

            // The watchdog has marked it down and relaunches without it; nothing more to do until it is back.
            MembershipEventKind.Unreachable => new(new MemberState(MembershipPhase.Cut), MembershipAction.None),
            _ => MembershipStep.Stay(current),
        },
        MembershipPhase.Leaving => e.Kind switch
        {
            // Added again before it left: the leave is cancelled and it takes work again.
            MembershipEventKind.AddRequested => new(new MemberState(MembershipPhase.Member), MembershipAction.Store | MembershipAction.ClearOffline),
            MembershipEventKind.RemoveRequested when e.Now && !current.Now => new(current with { Now = true }, MembershipAction.Store | MembershipAction.RequeueTasks),
            // It leaves the world only when the queue holds nothing there and its rank has said it runs nothing either: a
            // task requeued or failed by --now may still have processes there until its kill lands, and a world without
            // the node would leave them running beside their rerun.
            MembershipEventKind.TasksCounted when e is { TasksLeft: 0, ProcessesLeft: 0 }
                => new(null, MembershipAction.Store | MembershipAction.ClearOffline | MembershipAction.Relaunch),

            MembershipEventKind.CapacityChanged => new(current, MembershipAction.Store | MembershipAction.Relaunch),

            // Cut off while leaving: its tasks are recovered as any cut-off node's; it has left.
            MembershipEventKind.Unreachable => new(null, MembershipAction.Store),
            _ => MembershipStep.Stay(current),
        },
        MembershipPhase.Refused => e.Kind switch
        {
            MembershipEventKind.AddRequested or MembershipEventKind.ClearRequested => new(new MemberState(MembershipPhase.Joining), Join),
            MembershipEventKind.RemoveRequested => new(null, MembershipAction.Store),
            MembershipEventKind.CapacityChanged => new(current, MembershipAction.Store),
            _ => MembershipStep.Stay(current),
        },
        MembershipPhase.Cut => e.Kind switch
        {
            MembershipEventKind.AddRequested => MembershipStep.Refuse(current, MembershipRefusal.AlreadyMember),
            // Back without an operator once its check passes there, unless an administrator took it offline: then only
            // pbsnodes -c (a ClearRequested, which lifts the hold) brings it back.
            MembershipEventKind.ProbeDue when e.Held => MembershipStep.Stay(current),
            MembershipEventKind.ProbeDue or MembershipEventKind.ClearRequested => new(current, MembershipAction.RunHealthCheck),
            MembershipEventKind.HealthPassed when e.Held => MembershipStep.Stay(current),
            MembershipEventKind.HealthPassed => new(new MemberState(MembershipPhase.Member), MembershipAction.ClearOffline | MembershipAction.Relaunch),
            MembershipEventKind.HealthFailed => new(current with { Detail = e.Detail }, MembershipAction.None),
            MembershipEventKind.RemoveRequested when onlyMember => MembershipStep.Refuse(current, MembershipRefusal.LastMember),
            MembershipEventKind.RemoveRequested => new(null, MembershipAction.Store | MembershipAction.ClearOffline),
            MembershipEventKind.CapacityChanged => new(current, MembershipAction.Store),
            _ => MembershipStep.Stay(current),
        },
        _ => MembershipStep.Stay(current),
    };
}
