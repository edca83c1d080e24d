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

    /// <summary>MPI ranks per chunk (PBS Pro <c>mpiprocs</c>): how often PBS_NODEFILE lists the chunk's host; null lists it once per CPU, as Torque does.</summary>
    public int? MpiProcsPerChunk { get; init; }

    /// <summary>Threads per rank (PBS Pro <c>ompthreads</c>), set as OMP_NUM_THREADS; null means the chunk's CPUs over its ranks.</summary>
    public int? OmpThreadsPerChunk { get; init; }

    /// <summary>CPU-time limit of a task, all its processes together (<c>cput</c>); enforced like the walltime.</summary>
    public TimeSpan? CpuTime { get; init; }

    /// <summary>Memory per process (Torque <c>pmem</c>), as asked; the chunk's memory is this times its CPUs.</summary>
    public long ProcessMemoryBytes { get; init; }

    /// <summary>Virtual memory of the whole job (<c>vmem</c>), recorded; 0 when not asked.</summary>
    public long VirtualMemoryBytes { get; init; }

    /// <summary>Virtual memory per process (<c>pvmem</c>), recorded; 0 when not asked.</summary>
    public long ProcessVirtualMemoryBytes { get; init; }

    /// <summary>Largest file a process may write (<c>file</c>), recorded; 0 when not asked.</summary>
    public long FileBytes { get; init; }

    /// <summary>GPUs per chunk (PBS Pro <c>ngpus</c>, Torque <c>gpus</c>), counted like CPUs on nodes that declare GPUs.</summary>
    public int GpusPerChunk { get; init; }

    /// <summary>Node properties every chunk's node must have (Torque <c>nodes=2:ppn=8:ib</c>, PBS Pro <c>select=…:bigmem=true</c>).</summary>
    public IReadOnlyList<string> Properties { get; init => field = value ?? []; } = [];

    /// <summary>Node properties no chunk's node may have (PBS Pro <c>select=…:bigmem=false</c>).</summary>
    public IReadOnlyList<string> ExcludedProperties { get; init => field = value ?? []; } = [];

    /// <summary>The node of each chunk when the job names them (Torque <c>nodes=h1:ppn=2+h2:ppn=2</c>, PBS Pro <c>host=</c>); empty when placement is free.</summary>
    public IReadOnlyList<string> Hosts { get; init => field = value ?? []; } = [];

    /// <summary>How the chunks spread over nodes (<c>-l place=pack|scatter|free|vscatter</c>).</summary>
    public PlacementArrangement Arrangement { get; init; }

    /// <summary>Whether other jobs may share the nodes (<c>-l place=…:excl|shared</c>).</summary>
    public PlacementSharing Sharing { get; init; }

    /// <summary>True when no other job may run on this job's nodes.</summary>
    public bool Exclusive => Sharing == PlacementSharing.Exclusive;

    /// <summary>
    /// Whether a running task may move to another node: a task that holds GPUs (its devices are on its node), was
    /// placed by property (wanted or excluded), host or exclusively keeps its node whatever its <see cref="Migratable"/> flag says.
    /// </summary>
    public bool Movable => Migratable && GpusPerChunk == 0 && Properties.Count == 0 && ExcludedProperties.Count == 0 && Hosts.Count == 0 && !Exclusive;

    /// <summary>Resources the site accepts without scheduling on them (<c>Omb:Submission:IgnoredResources</c>), as <c>name=value</c>.</summary>
    public IReadOnlyList<string> Ignored { get; init => field = value ?? []; } = [];

    /// <summary>Equal when every member is, the ignored resources compared entry by entry (a stored and read request is a new list).</summary>
    public bool Equals(ResourceRequest? other) =>
        other is not null && Chunks == other.Chunks && CpusPerChunk == other.CpusPerChunk && MemoryBytesPerChunk == other.MemoryBytesPerChunk
        && Walltime == other.Walltime && Migratable == other.Migratable && MpiProcsPerChunk == other.MpiProcsPerChunk
        && OmpThreadsPerChunk == other.OmpThreadsPerChunk && CpuTime == other.CpuTime && ProcessMemoryBytes == other.ProcessMemoryBytes
        && VirtualMemoryBytes == other.VirtualMemoryBytes && ProcessVirtualMemoryBytes == other.ProcessVirtualMemoryBytes
        && FileBytes == other.FileBytes && Ignored.SequenceEqual(other.Ignored) && GpusPerChunk == other.GpusPerChunk
        && Properties.SequenceEqual(other.Properties) && ExcludedProperties.SequenceEqual(other.ExcludedProperties) && Hosts.SequenceEqual(other.Hosts) && Arrangement == other.Arrangement && Sharing == other.Sharing;

    public override int GetHashCode() => HashCode.Combine(Chunks, CpusPerChunk, MemoryBytesPerChunk, Walltime, Migratable, MpiProcsPerChunk, CpuTime, HashCode.Combine(Ignored.Count, GpusPerChunk, Properties.Count, ExcludedProperties.Count, Hosts.Count, Arrangement, Sharing));

    /// <summary>The ranks PBS_NODEFILE lists for one chunk: mpiprocs, else one per CPU.</summary>
    public int RanksPerChunk => MpiProcsPerChunk ?? CpusPerChunk;

    /// <summary>OMP_NUM_THREADS: ompthreads, else the chunk's CPUs shared by its ranks (at least 1).</summary>
    public int ThreadsPerRank => OmpThreadsPerChunk ?? Math.Max(1, CpusPerChunk / Math.Max(1, MpiProcsPerChunk ?? 1));

    /// <summary>In long: 2^30 chunks of 2 CPUs overflow an int (a job stored before submission refused such requests).</summary>
    public long TotalCpus => (long)Chunks * CpusPerChunk;

    /// <summary>Saturates at <see cref="long.MaxValue"/> rather than wrap, for a job stored before submission refused such requests.</summary>
    public long TotalMemoryBytes => Chunks > 0 && MemoryBytesPerChunk > long.MaxValue / Chunks ? long.MaxValue : Chunks * MemoryBytesPerChunk;
}
