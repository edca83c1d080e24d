using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Server.Options;

/// <summary>Turns validated options (percent) into Core's admission settings (fractions).</summary>
public static class AdmissionSettingsFactory
{
    public static AdmissionSettings Create(AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new AdmissionThresholds(options.CpuThreshold / 100, options.MemoryThreshold / 100);
        var queues = options.Queues.ToDictionary(
            q => q.Key,
            q => new AdmissionThresholds((q.Value.CpuThreshold ?? options.CpuThreshold) / 100, (q.Value.MemoryThreshold ?? options.MemoryThreshold) / 100),
            StringComparer.Ordinal);
        var mode = options.Utilization switch
        {
            "allocated" => UtilizationMode.Allocated,
            "measured" => UtilizationMode.Measured,
            _ => UtilizationMode.Max,
        };
        return new AdmissionSettings(defaults, queues, mode)
        {
            Order = AdmissionNames.ParseOrder(options.Order) ?? QueueOrder.Fcfs,
            Backfill = AdmissionNames.ParseBackfill(options.Backfill) ?? BackfillMode.Easy,
        };
    }

    /// <summary>Every queue users may submit to: the configured ones and the default queue.</summary>
    public static IReadOnlyList<string> KnownQueues(AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. options.Queues.Keys.Append(OmbServerOptions.DefaultQueue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
