using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Admission;

/// <summary>Admission thresholds: a default, per-queue overrides, and how utilisation is measured.</summary>
public sealed record AdmissionSettings(
    AdmissionThresholds Default,
    IReadOnlyDictionary<string, AdmissionThresholds> Queues,
    UtilizationMode Mode = UtilizationMode.Max)
{
    public static AdmissionSettings Defaults { get; } = new(AdmissionThresholds.Default, new Dictionary<string, AdmissionThresholds>());

    public AdmissionThresholds For(string queue) => Queues.TryGetValue(queue, out var t) ? t : Default;
}
