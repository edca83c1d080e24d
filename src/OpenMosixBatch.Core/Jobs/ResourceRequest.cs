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

    /// <summary>
    /// The chunks of other shapes after the first kind (PBS Pro <c>select=1:ncpus=4+2:ncpus=1</c>), in the order given;
    /// empty for a request of one shape. The first kind is this request's own per-chunk fields and <see cref="Chunks"/>.
    /// </summary>
    public IReadOnlyList<ChunkKind> MoreChunks { get; init => field = value ?? []; } = [];

    /// <summary>True when the chunks are of more than one shape.</summary>
    public bool Mixed => MoreChunks.Count > 0;

    /// <summary>Chunks of every kind.</summary>
    public int TotalChunks => Mixed ? (int)Math.Clamp(Chunks + MoreChunks.Sum(k => (long)k.Count), int.MinValue, int.MaxValue) : Chunks;

    /// <summary>
    /// Each kind as a request of one shape (the first is this request's own fields); just this request when uniform. A
    /// method, not a property, so that no serializer walks it (a uniform request is its own only kind).
    /// </summary>
    public IReadOnlyList<ResourceRequest> ChunkKinds() => Mixed ? [this with { MoreChunks = [] }, .. MoreChunks.Select(Kind)] : [this];

    /// <summary>
    /// The request of one shape that chunk <paramref name="index"/> (in chunk order, as <see cref="ExecutionHosts"/>
    /// lists them) belongs to, whose per-chunk fields are that chunk's: this request itself when uniform.
    /// </summary>
    public ResourceRequest ChunkAt(int index)
    {
        if (!Mixed || index < Chunks)
        {
            return Mixed ? this with { MoreChunks = [] } : this;
        }

        var rest = index - Chunks;
        foreach (var k in MoreChunks)
        {
            if (rest < k.Count)
            {
                return Kind(k);
            }

            rest -= k.Count;
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, $"the request has {TotalChunks} chunks");
    }

    /// <summary>The request with <paramref name="change"/> made to each kind's per-chunk fields; <c>change(this)</c> when uniform.</summary>
    public ResourceRequest WithEachKind(Func<ResourceRequest, ResourceRequest> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!Mixed)
        {
            return change(this);
        }

        var kinds = ChunkKinds();
        return change(kinds[0]) with { MoreChunks = [.. kinds.Skip(1).Select(k => ChunkKind.Of(change(k)))] };
    }

    /// <summary>CPUs the chunks of a task's nodes list (<paramref name="nodes"/>, one per chunk) ask for on <paramref name="node"/>.</summary>
    public long CpusOn(IReadOnlyList<string> nodes, string node)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        long sum = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            sum += string.Equals(nodes[i], node, StringComparison.Ordinal) ? (Mixed ? ChunkAt(i) : this).CpusPerChunk : 0;
        }

        return sum;
    }

    /// <summary>Memory the chunks of a task's nodes list (<paramref name="nodes"/>, one per chunk) ask for on <paramref name="node"/>.</summary>
    public long MemoryOn(IReadOnlyList<string> nodes, string node)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        long sum = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (string.Equals(nodes[i], node, StringComparison.Ordinal))
            {
                var m = (Mixed ? ChunkAt(i) : this).MemoryBytesPerChunk;
                sum = m > long.MaxValue - sum ? long.MaxValue : sum + m;
            }
        }

        return sum;
    }

    private ResourceRequest Kind(ChunkKind k) => this with
    {
        Chunks = k.Count,
        CpusPerChunk = k.Cpus,
        MemoryBytesPerChunk = k.MemoryBytes,
        GpusPerChunk = k.Gpus,
        MpiProcsPerChunk = k.MpiProcs,
        OmpThreadsPerChunk = k.OmpThreads,
        Properties = k.Properties,
        ExcludedProperties = k.ExcludedProperties,
        Hosts = k.Host is { } h ? [.. Enumerable.Repeat(h, k.Count)] : [],
        MoreChunks = [],
    };

    /// <summary>How the chunks spread over nodes (<c>-l place=pack|scatter|free|vscatter</c>).</summary>
    public PlacementArrangement Arrangement { get; init; }

    /// <summary>Whether other jobs may share the nodes (<c>-l place=…:excl|shared</c>).</summary>
    public PlacementSharing Sharing { get; init; }

    /// <summary>True when no other job may run on this job's nodes.</summary>
    public bool Exclusive => Sharing == PlacementSharing.Exclusive;

    /// <summary>
    /// Whether a running task may move to another node: a task that holds GPUs (its devices are on its node), was
    /// placed by property (wanted or excluded), host or exclusively, or has chunks of several shapes keeps its node whatever its <see cref="Migratable"/> flag says.
    /// </summary>
    public bool Movable => Migratable && !Mixed && GpusPerChunk == 0 && Properties.Count == 0 && ExcludedProperties.Count == 0 && Hosts.Count == 0 && !Exclusive;

    /// <summary>Resources the site accepts without scheduling on them (<c>Omb:Submission:IgnoredResources</c>), as <c>name=value</c>.</summary>
    public IReadOnlyList<string> Ignored { get; init => field = value ?? []; } = [];

    /// <summary>Equal when every member is, the ignored resources compared entry by entry (a stored and read request is a new list).</summary>
    public bool Equals(ResourceRequest? other) =>
        other is not null && Chunks == other.Chunks && CpusPerChunk == other.CpusPerChunk && MemoryBytesPerChunk == other.MemoryBytesPerChunk
        && Walltime == other.Walltime && Migratable == other.Migratable && MpiProcsPerChunk == other.MpiProcsPerChunk
        && OmpThreadsPerChunk == other.OmpThreadsPerChunk && CpuTime == other.CpuTime && ProcessMemoryBytes == other.ProcessMemoryBytes
        && VirtualMemoryBytes == other.VirtualMemoryBytes && ProcessVirtualMemoryBytes == other.ProcessVirtualMemoryBytes
        && FileBytes == other.FileBytes && Ignored.SequenceEqual(other.Ignored) && GpusPerChunk == other.GpusPerChunk
        && Properties.SequenceEqual(other.Properties) && ExcludedProperties.SequenceEqual(other.ExcludedProperties) && Hosts.SequenceEqual(other.Hosts) && Arrangement == other.Arrangement && Sharing == other.Sharing
        && MoreChunks.SequenceEqual(other.MoreChunks);

    public override int GetHashCode() => HashCode.Combine(Chunks, CpusPerChunk, MemoryBytesPerChunk, Walltime, Migratable, MpiProcsPerChunk, CpuTime, HashCode.Combine(Ignored.Count, GpusPerChunk, Properties.Count, ExcludedProperties.Count, Hosts.Count, Arrangement, Sharing, MoreChunks.Count));

    /// <summary>The ranks PBS_NODEFILE lists for one chunk: mpiprocs, else one per CPU.</summary>
    public int RanksPerChunk => MpiProcsPerChunk ?? CpusPerChunk;

    /// <summary>OMP_NUM_THREADS: ompthreads, else the chunk's CPUs shared by its ranks (at least 1).</summary>
    public int ThreadsPerRank => OmpThreadsPerChunk ?? Math.Max(1, CpusPerChunk / Math.Max(1, MpiProcsPerChunk ?? 1));

    /// <summary>In long: 2^30 chunks of 2 CPUs overflow an int (a job stored before submission refused such requests).</summary>
    public long TotalCpus => (long)Chunks * CpusPerChunk + (Mixed ? MoreChunks.Sum(k => (long)k.Count * k.Cpus) : 0);

    /// <summary>GPUs of every chunk.</summary>
    public long TotalGpus => (long)Chunks * GpusPerChunk + (Mixed ? MoreChunks.Sum(k => (long)k.Count * k.Gpus) : 0);

    /// <summary>Saturates at <see cref="long.MaxValue"/> rather than wrap, for a job stored before submission refused such requests.</summary>
    public long TotalMemoryBytes => Mixed ? ChunkKinds().Aggregate(0L, (sum, k) => k.TotalMemoryBytes > long.MaxValue - sum ? long.MaxValue : sum + k.TotalMemoryBytes)
        : Chunks > 0 && MemoryBytesPerChunk > long.MaxValue / Chunks ? long.MaxValue : Chunks * MemoryBytesPerChunk;
}
