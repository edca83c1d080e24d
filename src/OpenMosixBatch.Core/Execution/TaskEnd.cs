namespace OpenMosixBatch.Core.Execution;

/// <summary>How a task ended, as its shepherd recorded it.</summary>
/// <param name="ExitStatus">The exit code, or 128 + the signal number when a signal ended it (as a shell reports it).</param>
/// <param name="CpuTime">User and system time of every process of the task that the shepherd reaped.</param>
/// <param name="PeakRssBytes">The largest resident set any one of those processes reached.</param>
public sealed record TaskEnd(int ExitStatus, TimeSpan CpuTime, long PeakRssBytes);
