namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// What the parts of a task that <c>omb rsh</c> started on one node used (an MPI job's ranks, <c>omb dsh</c>'s commands):
/// their CPU time and their peak memory, each summed over the parts, and how many parts ended there.
/// </summary>
public sealed record TaskNodeUsage(string Node, TimeSpan CpuTime, long PeakRssBytes, int Parts);
