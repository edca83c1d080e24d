namespace OpenMosixBatch.Core.Admission;

/// <summary>The names of <see cref="QueueOrder"/> and <see cref="BackfillMode"/> in conf/omb.json and on omb's command line.</summary>
public static class AdmissionNames
{
    public const string Fcfs = "fcfs";
    public const string Sjf = "sjf";
    public const string Easy = "easy";
    public const string None = "none";

    public static QueueOrder? ParseOrder(string? name) => name switch
    {
        Fcfs => QueueOrder.Fcfs,
        Sjf => QueueOrder.Sjf,
        _ => null,
    };

    public static BackfillMode? ParseBackfill(string? name) => name switch
    {
        Easy => BackfillMode.Easy,
        None => BackfillMode.None,
        _ => null,
    };
}
