namespace OpenMosixBatch.Core.Membership;

/// <summary>What happened to a node's membership.</summary>
public enum MembershipEventKind
{
    /// <summary><c>omb node add</c>, a node new in conf/cluster.json at <c>omb node reload</c>.</summary>
    AddRequested,

    /// <summary><c>omb node remove</c> (with <see cref="MembershipEvent.Now"/> for <c>--now</c>), or gone from conf/cluster.json at reload.</summary>
    RemoveRequested,

    /// <summary><c>pbsnodes -c</c> of a node that is down (cut off or refused).</summary>
    ClearRequested,

    /// <summary>The health check passed on the node (it also proves the node's host reachable).</summary>
    HealthPassed,

    /// <summary>The health check failed on the node, or its host could not be reached to run it.</summary>
    HealthFailed,

    /// <summary>The node's rank fell silent: its host is cut off and the world relaunches without it.</summary>
    Unreachable,

    /// <summary>Time to look again whether a cut-off node is back (every rejoin interval).</summary>
    ProbeDue,

    /// <summary>
    /// How many tasks the queue still holds on the node (<see cref="MembershipEvent.TasksLeft"/>) and how many its rank
    /// still runs (<see cref="MembershipEvent.ProcessesLeft"/>).
    /// </summary>
    TasksCounted,

    /// <summary>
    /// <c>omb node reload</c> found the node's capacity (CPUs, memory, speed, CPU set, host, GPUs or properties) changed
    /// in conf/cluster.json. Its rank reads its capacity at launch, so a node in the world needs the next world.
    /// </summary>
    CapacityChanged,
}
