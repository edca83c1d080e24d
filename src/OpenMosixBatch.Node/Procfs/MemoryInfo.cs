namespace OpenMosixBatch.Node.Procfs;

/// <summary>MemTotal and MemAvailable of /proc/meminfo, in bytes.</summary>
public readonly record struct MemoryInfo(long TotalBytes, long AvailableBytes)
{
    public double UsedFraction => TotalBytes <= 0 ? 0 : Math.Clamp(1 - ((double)AvailableBytes / TotalBytes), 0, 1);
}
