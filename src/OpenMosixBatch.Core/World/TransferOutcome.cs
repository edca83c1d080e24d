namespace OpenMosixBatch.Core.World;

/// <summary>How a checkpoint move or a restore on a node ended: done, or dropped for a reason.</summary>
/// <param name="Done">It reached its end (the checkpoint left and was delivered; the task was launched from its copy).</param>
/// <param name="Reason">Why it was dropped; null when done.</param>
public sealed record TransferOutcome(bool Done, string? Reason)
{
    /// <summary>It reached its end.</summary>
    public static TransferOutcome Completed { get; } = new(true, null);

    /// <summary>It was dropped for <paramref name="reason"/>.</summary>
    public static TransferOutcome Dropped(string reason) => new(false, reason);
}
