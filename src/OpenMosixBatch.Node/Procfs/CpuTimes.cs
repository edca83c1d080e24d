namespace OpenMosixBatch.Node.Procfs;

/// <summary>The aggregate "cpu" line of /proc/stat, in clock ticks.</summary>
public readonly record struct CpuTimes(ulong Busy, ulong Idle)
{
    public ulong Total => Busy + Idle;

    /// <summary>Busy fraction 0..1 between two samples; 0 when no time passed.</summary>
    public static double Utilization(CpuTimes earlier, CpuTimes later)
    {
        var total = later.Total - earlier.Total;
        return total == 0 || later.Total < earlier.Total ? 0 : Math.Clamp((double)(later.Busy - earlier.Busy) / total, 0, 1);
    }
}
