using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>A move in flight (state M): ordered at <paramref name="Since"/>, not yet started on <paramref name="To"/>.</summary>
/// <param name="From">The source node.</param>
/// <param name="To">The target node.</param>
/// <param name="Since">When rank 0 ordered it: the start of the measured cost.</param>
/// <param name="Reason">Why the planner (or <c>omb migrate</c>) moves it.</param>
/// <param name="Bytes">Size of the checkpoint once it was committed; 0 before.</param>
/// <param name="Cause">The typed cause rank 0 sent with the move (null when none came, as from an older rank): what metrics count by.</param>
public sealed record PendingMigration(string From, string To, DateTimeOffset Since, string? Reason, long Bytes = 0, MigrationReason? Cause = null);
