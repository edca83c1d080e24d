namespace OpenMosixBatch.Core.World;

/// <summary>The committed checkpoint a start order restores from: its generation and the SHA-256 of its bytes.</summary>
/// <param name="Generation">The checkpoint's generation.</param>
/// <param name="Sha256">The hash its bytes must have (checked before they are unpacked).</param>
public readonly record struct RestorePoint(int Generation, string Sha256);
