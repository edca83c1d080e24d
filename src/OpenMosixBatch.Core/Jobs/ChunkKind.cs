namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// One more kind of chunk in a request of several shapes (PBS Pro <c>select=1:ncpus=4:mem=8gb+2:ncpus=1:mem=1gb</c>,
/// Torque <c>nodes=1:ppn=4+2:ppn=1</c>): <see cref="Count"/> chunks of this shape. The request's own per-chunk fields
/// are its first kind; see <see cref="ResourceRequest.MoreChunks"/>.
/// </summary>
/// <param name="Count">How many chunks of this kind, at least 1.</param>
/// <param name="Cpus">CPUs per chunk.</param>
/// <param name="MemoryBytes">Memory per chunk in bytes; 0 means the queue default.</param>
public sealed record ChunkKind(int Count, int Cpus, long MemoryBytes)
{
    /// <summary>GPUs per chunk.</summary>
    public int Gpus { get; init; }

    /// <summary>MPI ranks per chunk (<c>mpiprocs</c>), or null for one per CPU.</summary>
    public int? MpiProcs { get; init; }

    /// <summary>Threads per rank (<c>ompthreads</c>), or null.</summary>
    public int? OmpThreads { get; init; }

    /// <summary>Node properties each chunk's node must have.</summary>
    public IReadOnlyList<string> Properties { get; init => field = value ?? []; } = [];

    /// <summary>Node properties no chunk's node may have.</summary>
    public IReadOnlyList<string> ExcludedProperties { get; init => field = value ?? []; } = [];

    /// <summary>The node every chunk of this kind must go to (<c>host=</c>, a Torque host name), or null.</summary>
    public string? Host { get; init; }

    /// <summary>The kind a uniform request describes: its per-chunk fields, with its host when all its chunks name one.</summary>
    public static ChunkKind Of(ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ChunkKind(request.Chunks, request.CpusPerChunk, request.MemoryBytesPerChunk)
        {
            Gpus = request.GpusPerChunk,
            MpiProcs = request.MpiProcsPerChunk,
            OmpThreads = request.OmpThreadsPerChunk,
            Properties = request.Properties,
            ExcludedProperties = request.ExcludedProperties,
            Host = request.Hosts.Count > 0 ? request.Hosts[0] : null,
        };
    }

    /// <summary>Equal when every member is, the property lists compared entry by entry.</summary>
    public bool Equals(ChunkKind? other) =>
        other is not null && Count == other.Count && Cpus == other.Cpus && MemoryBytes == other.MemoryBytes && Gpus == other.Gpus
        && MpiProcs == other.MpiProcs && OmpThreads == other.OmpThreads && Host == other.Host
        && Properties.SequenceEqual(other.Properties) && ExcludedProperties.SequenceEqual(other.ExcludedProperties);

    public override int GetHashCode() => HashCode.Combine(Count, Cpus, MemoryBytes, Gpus, MpiProcs, OmpThreads, Host, Properties.Count);
}
