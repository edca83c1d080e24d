namespace OpenMosixBatch.Server.Options;

/// <summary>Admission thresholds in percent, per queue overrides, and the utilisation mode.</summary>
public sealed class AdmissionOptions
{
    public const double DefaultCpuThreshold = 90;
    public const double DefaultMemoryThreshold = 85;
    public const string DefaultUtilization = "max";

    public double CpuThreshold { get; set; } = DefaultCpuThreshold;

    public double MemoryThreshold { get; set; } = DefaultMemoryThreshold;

    /// <summary>allocated, measured or max (DESIGN §7).</summary>
    public string Utilization { get; set; } = DefaultUtilization;

    /// <summary>Known queues; a queue without its own thresholds uses the defaults above.</summary>
    public Dictionary<string, QueueOptions> Queues { get; set; } = new(StringComparer.Ordinal);
}
