namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// Why the planner leaves a task where it is, as a value decisions can compare (the reason text of a
/// <see cref="TaskStay"/> is for people and carries figures that change on every tick).
/// </summary>
public enum StayCause
{
    /// <summary>Its node is not in the tick's load table: nothing is decided for it.</summary>
    NodeNotInLoads,

    /// <summary>Not migratable (run home): it never moves once started.</summary>
    NotMigratable,

    /// <summary>It moved recently and waits out its cool-down.</summary>
    CoolDown,

    /// <summary>No other node accepts migrations.</summary>
    NoOtherNodeAccepts,

    /// <summary>No node that accepts migrations has room for its memory above its low-water mark.</summary>
    NoRoomElsewhere,

    /// <summary>The plan reached its move limit for this tick.</summary>
    MoveLimit,

    /// <summary>No node would finish it sooner.</summary>
    NoFasterNode,

    /// <summary>The best move gains less than it costs (with hysteresis).</summary>
    GainBelowCost,

    /// <summary>The best target already takes as many tasks this tick as it may before its new load is measured.</summary>
    TargetSettling,
}
