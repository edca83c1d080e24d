namespace OpenMosixBatch.Node.World;

/// <summary>What a packed checkpoint sent between ranks is for: uploading through rank 0, a migration's target copy, or a restore fetched by rank 0.</summary>
public enum ShipmentPurpose
{
    Upload,
    Migrate,
    Restore,
}
