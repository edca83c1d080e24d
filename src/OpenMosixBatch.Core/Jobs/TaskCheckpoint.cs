namespace OpenMosixBatch.Core.Jobs;

/// <summary>One committed checkpoint of a task, as the server stored it (DESIGN §5).</summary>
/// <param name="Generation">1, 2, … per task, in commit order.</param>
/// <param name="Time">When the server committed it.</param>
/// <param name="Bytes">Size of the packed checkpoint.</param>
/// <param name="Sha256">SHA-256 of the packed bytes, lower-case hex: a restore whose bytes do not match is refused.</param>
public sealed record TaskCheckpoint(int Generation, DateTimeOffset Time, long Bytes, string Sha256);
