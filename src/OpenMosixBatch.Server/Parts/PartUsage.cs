namespace OpenMosixBatch.Server.Parts;

/// <summary>What a task's ended parts on one node used: CPU time summed, the largest peak memory, how many parts.</summary>
public readonly record struct PartUsage(TimeSpan CpuTime, long PeakRssBytes, int Parts)
{
    public PartUsage Add(TimeSpan cpu, long peakRss) => new(CpuTime + cpu, Math.Max(PeakRssBytes, peakRss), Parts + 1);
}
