namespace OpenMosixBatch.Core.Membership;

/// <summary>What the server does after a membership decision, in this order.</summary>
[Flags]
public enum MembershipAction
{
    None = 0,

    /// <summary>Write the membership down (OMB_HOME/members.json) before anything else acts on it.</summary>
    Store = 1,

    /// <summary>Run the health check on the node (through the world's launcher, so it also tests the host is reachable).</summary>
    RunHealthCheck = 2,

    /// <summary>Take the node offline for new work: admission skips it and the planner moves its migratable tasks away.</summary>
    StopPlacing = 4,

    /// <summary>Requeue the node's tasks now (fail those that are not rerunnable).</summary>
    RequeueTasks = 8,

    /// <summary>Clear the node's offline state (the leave's, or the cut-off mark).</summary>
    ClearOffline = 16,

    /// <summary>Launch the next world with the new membership; running tasks are adopted by its ranks.</summary>
    Relaunch = 32,
}
