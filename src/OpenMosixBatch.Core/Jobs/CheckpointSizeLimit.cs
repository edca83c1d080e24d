namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// The largest checkpoint one task may make (<c>Omb:Limits:MaxCheckpointSize</c>), counted as the packed archive, in
/// which every file takes its apparent size: a sparse file costs the user no blocks in the checkpoint directory but
/// its full length in the node's store, the server's generations and the transfers, all written as the node's user,
/// outside the user's quota. The node refuses a checkpoint over it while packing, before its store holds it.
/// </summary>
/// <remarks>
/// The default leaves room for what the jobs in jobs/ and the benchmarks checkpoint (up to a few hundred MiB) and for
/// a real application's state, while bounding what one task can put on the server's disk (<see
/// cref="CheckpointRules.KeptGenerations"/> generations of it); the floor keeps a configuration from refusing every
/// checkpoint, the ceiling is far beyond any disk the server keeps checkpoints on.
/// </remarks>
public static class CheckpointSizeLimit
{
    public const string Key = "Omb:Limits:MaxCheckpointSize";
    public const string DefaultText = "16gb";
    public const long DefaultBytes = 16L << 30;
    public const long FloorBytes = 1L << 20;
    public const long CeilingBytes = 1L << 44;
}
