namespace OpenMosixBatch.Server.Checkpoints;

/// <summary>The outcome of storing one upload: its size and hash, or why nothing was stored.</summary>
public sealed record CheckpointWrite(long Bytes, string Sha256, string? Refusal)
{
    public bool Ok => Refusal is null;
}
