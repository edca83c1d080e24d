namespace OpenMosixBatch.Core.Jobs;

/// <summary>What <c>omb node remove --now</c> does to one task (<see cref="NodeRemovalRules.Decide"/>).</summary>
public enum NodeRemovalOutcome
{
    /// <summary>Not on the node, not active, or already being ended (qdel, qrerun): left as it is.</summary>
    Untouched,

    /// <summary>Killed, and requeued by its end (or by the loss of its node).</summary>
    EndThenRequeue,

    /// <summary>Settled now as a task whose node was lost (failed when not rerunnable; a move in flight requeued), and killed.</summary>
    LoseNow,
}
