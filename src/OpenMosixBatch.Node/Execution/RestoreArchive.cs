namespace OpenMosixBatch.Node.Execution;

/// <summary>A packed checkpoint this node holds, to unpack into the task's checkpoint directory before it starts.</summary>
/// <param name="Path">The packed file.</param>
/// <param name="Sha256">The hash it was committed with; a file that does not match is never unpacked.</param>
/// <param name="Generation">Its generation, for the reason of a refusal.</param>
public sealed record RestoreArchive(string Path, string Sha256, int Generation);
