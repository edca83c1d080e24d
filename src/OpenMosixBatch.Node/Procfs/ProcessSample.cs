namespace OpenMosixBatch.Node.Procfs;

/// <summary>One process as /proc shows it: CPU time, memory, I/O counters (what the migration cost model needs).</summary>
/// <param name="CpuTicks">utime + stime, in clock ticks.</param>
/// <param name="ProcessGroup">The process group id (tasks run in their own group).</param>
/// <param name="RssBytes">Resident set size now.</param>
/// <param name="PeakRssBytes">High-water mark of the resident set (VmHWM).</param>
/// <param name="ReadBytes">rchar: bytes read through system calls.</param>
/// <param name="WrittenBytes">wchar: bytes written through system calls.</param>
/// <param name="ReadCalls">syscr: read system calls.</param>
/// <param name="WriteCalls">syscw: write system calls.</param>
/// <param name="RunQueueWaitNanoseconds">Time spent runnable but waiting for a CPU (/proc/PID/schedstat), 0 where the kernel keeps none.</param>
public readonly record struct ProcessSample(
    ulong CpuTicks,
    int ProcessGroup,
    long RssBytes,
    long PeakRssBytes,
    long ReadBytes,
    long WrittenBytes,
    long ReadCalls,
    long WriteCalls,
    ulong RunQueueWaitNanoseconds = 0);
