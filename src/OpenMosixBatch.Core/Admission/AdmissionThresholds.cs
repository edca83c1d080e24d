namespace OpenMosixBatch.Core.Admission;

/// <summary>Cluster utilisation ceilings, as fractions 0..1, that admission must respect after placing a job.</summary>
public sealed record AdmissionThresholds(double Cpu = AdmissionThresholds.DefaultCpu, double Memory = AdmissionThresholds.DefaultMemory)
{
    public const double DefaultCpu = 0.90;
    public const double DefaultMemory = 0.85;

    public static AdmissionThresholds Default { get; } = new();
}
