namespace OpenMosixBatch.Core.Jobs;

/// <summary>How a task's process ended, as its node measured it.</summary>
/// <param name="ExitStatus">Exit code, or 128 + signal number when a signal ended it.</param>
/// <param name="EndTime">When the process ended.</param>
/// <param name="CpuTime">CPU time of its whole process group.</param>
/// <param name="PeakRssBytes">Largest resident memory of its process group.</param>
/// <param name="KillReason">Why the node ended it (walltime, memory, deletion, could not start), or null when it ended by itself.</param>
public sealed record TaskOutcome(int ExitStatus, DateTimeOffset EndTime, TimeSpan CpuTime, long PeakRssBytes, string? KillReason);
