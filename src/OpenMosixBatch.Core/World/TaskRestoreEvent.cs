namespace OpenMosixBatch.Core.World;

/// <summary>What can happen to a start from a checkpoint on a node; each kind is a nested record.</summary>
public abstract record TaskRestoreEvent
{
    private TaskRestoreEvent()
    {
    }

    /// <summary>A start order restores the task here from <paramref name="Point"/>; <paramref name="LocalCopy"/> when this node holds that copy.</summary>
    public sealed record Ordered(RestorePoint Point, bool LocalCopy) : TaskRestoreEvent;

    /// <summary>A start order without a checkpoint came for the task.</summary>
    public sealed record PlainStartOrdered : TaskRestoreEvent;

    /// <summary>The task runner reported the task started, ended or lost: the restore is in its hands.</summary>
    public sealed record Reported : TaskRestoreEvent;

    /// <summary>The task runner refused the copy it was given (a wrong hash, a bad archive), for <paramref name="Reason"/>.</summary>
    public sealed record Refused(string Reason) : TaskRestoreEvent;

    /// <summary>The server's copy with hash <paramref name="Sha256"/> is in this node's store.</summary>
    public sealed record CopyArrived(string Sha256) : TaskRestoreEvent;

    /// <summary>The server's copy did not arrive whole from rank 0, for <paramref name="Reason"/>.</summary>
    public sealed record CopyNotReceived(string Reason) : TaskRestoreEvent;

    /// <summary>Rank 0 could not fetch the server's copy, for <paramref name="Reason"/>.</summary>
    public sealed record FetchFailed(string Reason) : TaskRestoreEvent;

    /// <summary>The server deleted the task or restarts it elsewhere (a Kill order for this node).</summary>
    public sealed record Deleted : TaskRestoreEvent;
}
