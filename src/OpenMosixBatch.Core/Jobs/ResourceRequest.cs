namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// What one task of a job needs. A task is made of <see cref="Chunks"/> chunks (PBS <c>nodes=N</c> or
/// <c>select=N</c>); each chunk must fit whole on one node, because memory is never pooled across nodes.
/// </summary>
/// <param name="Chunks">Number of chunks (nodes) per task, at least 1.</param>
/// <param name="CpusPerChunk">CPUs per chunk (<c>ppn</c> / <c>ncpus</c>), at least 1.</param>
/// <param name="MemoryBytesPerChunk">Memory per chunk in bytes; 0 means the queue default.</param>
/// <param name="Walltime">Walltime limit, or null when none was asked for.</param>
/// <param name="Migratable">False for tasks that must run on their first node (like <c>mosrun -h</c>).</param>
public sealed record ResourceRequest(
    int Chunks = 1,
    int CpusPerChunk = 1,
    long MemoryBytesPerChunk = 0,
    TimeSpan? Walltime = null,
    bool Migratable = true)
{
    public static ResourceRequest Default { get; } = new();

    /// <summary>In long: 2^30 chunks of 2 CPUs overflow an int (a job stored before submission refused such requests).</summary>
    public long TotalCpus => (long)Chunks * CpusPerChunk;

    /// <summary>Saturates at <see cref="long.MaxValue"/> rather than wrap, for a job stored before submission refused such requests.</summary>
    public long TotalMemoryBytes => Chunks > 0 && MemoryBytesPerChunk > long.MaxValue / Chunks ? long.MaxValue : Chunks * MemoryBytesPerChunk;
}
