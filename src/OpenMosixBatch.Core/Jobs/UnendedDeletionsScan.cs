namespace OpenMosixBatch.Core.Jobs;

/// <summary>The result of <see cref="UnendedDeletions.Scan"/>.</summary>
/// <param name="AbsentSince">Every task being deleted that its world does not run, with when it was first seen so: the next scan's input.</param>
/// <param name="Overdue">Those absent for the whole grace: to be ended X.</param>
public sealed record UnendedDeletionsScan(
    IReadOnlyDictionary<TaskKey, DateTimeOffset> AbsentSince,
    IReadOnlyList<TaskKey> Overdue);
