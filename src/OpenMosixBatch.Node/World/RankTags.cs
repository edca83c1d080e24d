namespace OpenMosixBatch.Node.World;

/// <summary>MPI tags of the messages ranks exchange through the pump (loads ride on the pump's own ticks).</summary>
public static class RankTags
{
    /// <summary>Rank 0 → node rank: the <c>WorldOrder</c>s (an array, in the server's order) to start or kill tasks that came together.</summary>
    public const int Order = 1;

    /// <summary>Node rank → rank 0: the <c>TaskEvent</c>s for the server (an array, in their order) the rank had queued together.</summary>
    public const int Event = 2;

    /// <summary>Rank 0 (the planner) → source rank: a <c>MigrationRequest</c> to checkpoint a task and send it to a target rank.</summary>
    public const int Migrate = 3;

    /// <summary>Any rank → any rank: frames of a checkpoint blob transfer (raw bytes; the key is a <c>CheckpointShipment</c>).</summary>
    public const int Blob = 4;

    /// <summary>Node rank → rank 0: a Start <c>WorldOrder</c> whose checkpoint the node lacks; rank 0 fetches it from the server and ships it.</summary>
    public const int Fetch = 5;

    /// <summary>
    /// Rank 0 → a migration's target rank, with the <c>MigrationRequest</c> sent to the source: a copy and a restart
    /// order are coming, so its pump polls hot until they are through.
    /// </summary>
    public const int MoveExpected = 6;
}
