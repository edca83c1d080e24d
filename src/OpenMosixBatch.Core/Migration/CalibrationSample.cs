namespace OpenMosixBatch.Core.Migration;

/// <summary>One measured move of a calibration task: the size of the checkpoint that carried it and what it cost.</summary>
/// <param name="CheckpointBytes">Bytes of the packed checkpoint (what <c>qstat -f</c> shows with <c>last_migration</c>).</param>
/// <param name="Cost">Ordered until started on the target, as the server recorded it.</param>
public readonly record struct CalibrationSample(long CheckpointBytes, TimeSpan Cost);
