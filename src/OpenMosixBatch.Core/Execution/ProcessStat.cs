namespace OpenMosixBatch.Core.Execution;

/// <summary>The fields of one /proc/PID/stat that the product reads (field numbers as in proc(5)).</summary>
/// <param name="State">Field 3: R, S, D, Z (zombie), X (dead), …</param>
/// <param name="ParentPid">Field 4.</param>
/// <param name="ProcessGroup">Field 5.</param>
/// <param name="CpuTicks">Fields 14 + 15, utime + stime, in clock ticks.</param>
/// <param name="StartTicks">Field 22: when the process started, in clock ticks after boot (tells a reused PID apart).</param>
public readonly record struct ProcessStat(char State, int ParentPid, int ProcessGroup, ulong CpuTicks, ulong StartTicks)
{
    /// <summary>The process still runs: it is neither a zombie waiting to be reaped nor dead.</summary>
    public bool IsLive => State is not ('Z' or 'X');
}
