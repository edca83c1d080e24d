using System.Globalization;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.World;

/// <summary>
/// The key of a checkpoint blob sent between ranks (<see cref="Transport.Mpi.Blobs.BlobTransfer"/>): what it is for, whose it
/// is, its hash and generation, why it was taken, the migration target and the node that made it. Written as
/// <c>|</c>-separated fields (node names never contain one).
/// </summary>
public sealed record CheckpointShipment(ShipmentPurpose Purpose, long JobId, int TaskIndex, string Sha256, int Generation, CheckpointCause Cause, string? Target, string Node)
{
    public string Format() => string.Join('|',
        Purpose.ToString(), JobId.ToString(CultureInfo.InvariantCulture), TaskIndex.ToString(CultureInfo.InvariantCulture), Sha256,
        Generation.ToString(CultureInfo.InvariantCulture), Cause.ToString(), Target ?? string.Empty, Node);

    /// <summary>The shipment a key describes, or null for a key this build does not write.</summary>
    public static CheckpointShipment? Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var f = key.Split('|');
        return f.Length == 8
            && Enum.TryParse<ShipmentPurpose>(f[0], out var purpose) && Enum.IsDefined(purpose)
            && long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var job)
            && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && f[3].Length == 64 && f[3].All(char.IsAsciiHexDigitLower)
            && int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            && Enum.TryParse<CheckpointCause>(f[5], out var cause) && Enum.IsDefined(cause)
            && f[7].Length > 0
            ? new CheckpointShipment(purpose, job, index, f[3], generation, cause, f[6].Length == 0 ? null : f[6], f[7])
            : null;
    }
}
