namespace OpenMosixBatch.Server.Options;

/// <summary>One queue's threshold overrides, in percent; null means the cluster default.</summary>
public sealed class QueueOptions
{
    public double? CpuThreshold { get; set; }

    public double? MemoryThreshold { get; set; }
}
