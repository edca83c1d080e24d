namespace OpenMosixBatch.Core.World;

/// <summary>What the node does after a decision of <see cref="TaskRestoreMachine"/>; each kind is a nested record.</summary>
public abstract record TaskRestoreAction
{
    private TaskRestoreAction()
    {
    }

    /// <summary>Launch the task from the copy this node holds.</summary>
    public sealed record LaunchLocal : TaskRestoreAction;

    /// <summary>Ask rank 0 for the server's copy (after this node's copy was refused for <paramref name="AfterRefusal"/>, if set).</summary>
    public sealed record Fetch(string? AfterRefusal) : TaskRestoreAction;

    /// <summary>Launch the task from the server's copy, now in this node's store.</summary>
    public sealed record LaunchFetched : TaskRestoreAction;

    /// <summary>
    /// Tell the server the task is lost for <paramref name="Reason"/>; <paramref name="WithCheckpoint"/> names the
    /// generation, which the server then marks bad and falls back from.
    /// </summary>
    public sealed record ReportLost(string Reason, bool WithCheckpoint) : TaskRestoreAction;
}
