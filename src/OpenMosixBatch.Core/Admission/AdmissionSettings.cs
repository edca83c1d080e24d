using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Admission;

/// <summary>Admission thresholds: a default, per-queue overrides, how utilisation is measured, the queue order and backfill.</summary>
public sealed record AdmissionSettings(
    AdmissionThresholds Default,
    IReadOnlyDictionary<string, AdmissionThresholds> Queues,
    UtilizationMode Mode = UtilizationMode.Max)
{
    public static AdmissionSettings Defaults { get; } = new(AdmissionThresholds.Default, new Dictionary<string, AdmissionThresholds>());

    /// <summary>The order of waiting jobs of equal priority; a pass needs a <see cref="QueueIndex"/> kept in this order.</summary>
    public QueueOrder Order { get; init; } = QueueOrder.Fcfs;

    public BackfillMode Backfill { get; init; } = BackfillMode.Easy;

    public AdmissionThresholds For(string queue) => Queues.TryGetValue(queue, out var t) ? t : Default;
}
