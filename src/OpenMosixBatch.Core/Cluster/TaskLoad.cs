namespace OpenMosixBatch.Core.Cluster;

/// <summary>One running task as its node measured it: what the migration planner and qstat need.</summary>
public sealed record TaskLoad(
    long JobId,
    int TaskIndex,
    TimeSpan CpuTime,
    long RssBytes,
    long PeakRssBytes,
    double ReadKbPerSecond,
    double WriteKbPerSecond,
    double SyscallsPerSecond);
