using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// What placement sees of a job's next task: its chunks, their size and the queue whose limits apply. Two jobs of one
/// shape fare alike in one admission pass (both refused, or both unreservable), which the pass remembers by shape.
/// </summary>
/// <remarks>
/// <see cref="Constrained"/> is the job's id when its request names properties or hosts, or has chunks of several
/// shapes (placement then depends on lists
/// the shape does not compare), else 0: such a job is its own shape.
/// </remarks>
public readonly record struct RequestShape(int Chunks, int CpusPerChunk, long MemoryBytesPerChunk, string Queue)
{
    public int GpusPerChunk { get; init; }

    public PlacementArrangement Arrangement { get; init; }

    public PlacementSharing Sharing { get; init; }

    public long Constrained { get; init; }

    public static RequestShape Of(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = job.Spec.Resources;
        return new RequestShape(request.Chunks, request.CpusPerChunk, request.MemoryBytesPerChunk, job.Spec.Queue)
        {
            GpusPerChunk = request.GpusPerChunk,
            Arrangement = request.Arrangement,
            Sharing = request.Sharing,
            Constrained = request.Mixed || request.Properties.Count > 0 || request.ExcludedProperties.Count > 0 || request.Hosts.Count > 0 ? job.Id : 0,
        };
    }
}
