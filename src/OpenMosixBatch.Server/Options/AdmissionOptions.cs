namespace OpenMosixBatch.Server.Options;

/// <summary>Admission thresholds in percent, per queue overrides, and the utilisation mode.</summary>
public sealed class AdmissionOptions
{
    public const double DefaultCpuThreshold = 90;
    public const double DefaultMemoryThreshold = 85;
    public const string DefaultUtilization = "max";
    public const string DefaultOrder = "fcfs";
    public const string DefaultBackfill = "easy";

    public double CpuThreshold { get; set; } = DefaultCpuThreshold;

    public double MemoryThreshold { get; set; } = DefaultMemoryThreshold;

    /// <summary>allocated, measured or max (DESIGN §7).</summary>
    public string Utilization { get; set; } = DefaultUtilization;

    /// <summary>fcfs (priority, then submission) or sjf (priority, then the shorter walltime, then submission).</summary>
    public string Order { get; set; } = DefaultOrder;

    /// <summary>easy (a job that ends before the blocked job's reservation may start) or none (strict order).</summary>
    public string Backfill { get; set; } = DefaultBackfill;

    /// <summary>Known queues; a queue without its own thresholds uses the defaults above.</summary>
    public Dictionary<string, QueueOptions> Queues { get; set; } = new(StringComparer.Ordinal);
}
