using static OpenMosixBatch.Core.World.TaskRestoreAction;

namespace OpenMosixBatch.Core.World;

/// <summary>
/// A start from a checkpoint on its node, per task, as a pure decision: a state and an event in, the new state, the
/// actions and how the restore ended out. The node agent is the adapter: it feeds the start orders, the task runner's
/// reports and the copies' arrivals, and carries out what it returns.
/// </summary>
/// <remarks>
/// <para>A start order launches the task from this node's copy when it holds the one named (FromLocalCopy), else asks
/// rank 0 for the server's (Fetching), and launches from that when it arrives (FromServerCopy). The runner checks the
/// bytes against the order's SHA-256 before it unpacks: a local copy it refuses was never checked against the server's
/// (a move's copy comes straight from the source rank), so the server's copy is fetched instead; only a server copy that
/// is refused, or does not arrive whole, is reported with its generation, which the server marks bad.</para>
/// <para>A deletion leaves a tombstone (Deleted): a copy of the task still in flight from another rank is dropped when
/// it lands, until a start order for the task comes here again.</para>
/// <para>Every start order's restore ends exactly once, with <see cref="TaskRestoreDecision.Ended"/> set on the
/// decision that ends it; an event that does not apply in the current phase changes nothing.</para>
/// </remarks>
public static class TaskRestoreMachine
{
    /// <summary>Why a restore ends when a newer start order for the task replaces it.</summary>
    public const string ReplacedReason = "a newer start order replaced it";

    /// <summary>Why a restore ends when its task is deleted.</summary>
    public const string DeletedReason = "the task was deleted";

    /// <summary>Applies <paramref name="e"/> to <paramref name="state"/>.</summary>
    public static TaskRestoreDecision Apply(TaskRestoreState state, TaskRestoreEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            TaskRestoreEvent.Ordered o => Ordered(state, o),
            TaskRestoreEvent.PlainStartOrdered when state.Phase == TaskRestorePhase.Deleted => new(TaskRestoreState.Idle, []),
            TaskRestoreEvent.Reported when state.Phase is TaskRestorePhase.FromLocalCopy or TaskRestorePhase.FromServerCopy =>
                new(TaskRestoreState.Idle, [], TransferOutcome.Completed),
            TaskRestoreEvent.Refused r => Refused(state, r.Reason),
            TaskRestoreEvent.CopyArrived c when state is { Phase: TaskRestorePhase.Fetching, Point: { } point } && point.Sha256 == c.Sha256 =>
                new(state with { Phase = TaskRestorePhase.FromServerCopy }, [new LaunchFetched()]),
            TaskRestoreEvent.CopyNotReceived n when state.Phase == TaskRestorePhase.Fetching => Lost(n.Reason, withCheckpoint: true),
            TaskRestoreEvent.FetchFailed f when state.Phase == TaskRestorePhase.Fetching => Lost(f.Reason, withCheckpoint: false),
            TaskRestoreEvent.Deleted => new(new(TaskRestorePhase.Deleted), [], state.Active ? TransferOutcome.Dropped(DeletedReason) : null),
            _ => new(state, []),
        };
    }

    private static TaskRestoreDecision Ordered(TaskRestoreState state, TaskRestoreEvent.Ordered o)
    {
        var replaced = state.Active ? TransferOutcome.Dropped(ReplacedReason) : null;
        return o.LocalCopy
            ? new(new(TaskRestorePhase.FromLocalCopy, o.Point), [new LaunchLocal()], replaced)
            : new(new(TaskRestorePhase.Fetching, o.Point), [new Fetch(null)], replaced);
    }

    private static TaskRestoreDecision Refused(TaskRestoreState state, string reason) => state.Phase switch
    {
        TaskRestorePhase.FromLocalCopy => new(state with { Phase = TaskRestorePhase.Fetching }, [new Fetch(reason)]),
        TaskRestorePhase.FromServerCopy or TaskRestorePhase.Fetching => Lost(reason, withCheckpoint: true),

        // No restore of it here: the runner's refusal is reported as it is.
        _ => new(state, [new ReportLost(reason, WithCheckpoint: false)]),
    };

    private static TaskRestoreDecision Lost(string reason, bool withCheckpoint) =>
        new(TaskRestoreState.Idle, [new ReportLost(reason, withCheckpoint)], TransferOutcome.Dropped(reason));
}
