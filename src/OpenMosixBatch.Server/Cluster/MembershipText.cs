using OpenMosixBatch.Core.Membership;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>What the membership commands print and pbsnodes shows: text made from typed decisions, never read back.</summary>
public static class MembershipText
{
    public const string LeavingComment = "leaving: omb node remove; its migratable tasks move away, the others finish";

    /// <summary>One line for a request's outcome, e.g. "node4: joining: its health check runs there first".</summary>
    public static string Change(string node, MembershipStep step, MembershipEventKind request)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Refused)
        {
            return $"{node}: " + Refusal(node, step.Refusal);
        }

        return (request, step.Next?.Phase) switch
        {
            (MembershipEventKind.CapacityChanged, { } phase) => phase is MembershipPhase.Member or MembershipPhase.Leaving
                ? $"{node}: new capacity: the world is relaunched with it (running tasks stay)"
                : $"{node}: new capacity: the world it joins has it",
            (_, MembershipPhase.Joining) => $"{node}: joining: its health check runs there first, then the world is relaunched with it (pbsnodes -a shows it)",
            (MembershipEventKind.AddRequested, MembershipPhase.Member) => $"{node}: stays: its removal is cancelled",
            (_, MembershipPhase.Leaving) when step.Next!.Now => $"{node}: leaving now: its tasks are killed there and requeued (or fail when not rerunnable), then the world is relaunched without it once its rank runs none",
            (_, MembershipPhase.Leaving) => $"{node}: leaving: no new work goes there, its migratable tasks move away and the others finish, then the world is relaunched without it",
            (_, MembershipPhase.Cut) => $"{node}: its health check runs there again; it rejoins when it passes",
            (_, null) => $"{node}: removed",
            _ => $"{node}: {step.Next!.Phase.ToString().ToLowerInvariant()}",
        };
    }

    /// <summary>The refusal line (after "omb node add: "), naming the fix.</summary>
    public static string Refusal(string node, MembershipRefusal refusal) => refusal switch
    {
        MembershipRefusal.AlreadyMember => $"node {node} is already in the cluster: see pbsnodes -a (omb node remove {node} takes it out)",
        MembershipRefusal.UnknownNode => $"node {node} is not in the cluster: see pbsnodes -a (omb node add {node} brings it in)",
        MembershipRefusal.LastMember => $"node {node} is the only node the world runs on: add another first (omb node add NAME)",
        _ => $"node {node}: refused",
    };

    /// <summary>What pbsnodes says of a node that is in the cluster but has no rank in the world, or null.</summary>
    public static string? Comment(MemberState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Phase switch
        {
            MembershipPhase.Joining => "joining: its health check runs",
            MembershipPhase.Refused => "not added: health check: " + state.Detail,
            MembershipPhase.Cut when state.Detail is { } d => "cut off; its health check there fails: " + d,
            _ => null,
        };
    }
}
