namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// The 6 oMFS costs, in microseconds, in the order of <c>conf/mfscosts</c>: connect cost of server and client, per KB
/// read in by server and client, per KB written out by server and client. The planner prices a checkpoint transfer
/// with them (the source serves the checkpoint out, the target reads it in).
/// </summary>
public sealed record MfsCosts(
    long ConnectServer,
    long ConnectClient,
    long PerKbInServer,
    long PerKbInClient,
    long PerKbOutServer,
    long PerKbOutClient)
{
    /// <summary>How many values the file holds.</summary>
    public const int Count = 6;

    /// <summary>The openMosix FAQ defaults: 36 40 14 19 88 56.</summary>
    public static MfsCosts Defaults { get; } = new(36, 40, 14, 19, 88, 56);

    /// <summary>What each value means, in file order (value 1 first).</summary>
    public static IReadOnlyList<string> Meanings { get; } =
    [
        "oMFS connect cost on the server",
        "oMFS connect cost on the client",
        "oMFS server overhead per 1 KB in",
        "oMFS client overhead per 1 KB in",
        "oMFS server overhead per 1 KB out",
        "oMFS client overhead per 1 KB out",
    ];

    /// <summary>The values in file order.</summary>
    public long[] ToValues() => [ConnectServer, ConnectClient, PerKbInServer, PerKbInClient, PerKbOutServer, PerKbOutClient];

    /// <summary>Builds the record from exactly <see cref="Count"/> values in file order.</summary>
    /// <exception cref="ArgumentException">When the count is not <see cref="Count"/>.</exception>
    public static MfsCosts FromValues(IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Count)
        {
            throw new ArgumentException($"expected {Count} oMFS cost values, got {values.Count}", nameof(values));
        }

        return new(values[0], values[1], values[2], values[3], values[4], values[5]);
    }
}
