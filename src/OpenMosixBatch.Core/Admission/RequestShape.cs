using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// What placement sees of a job's next task: its chunks, their size and the queue whose limits apply. Two jobs of one
/// shape fare alike in one admission pass (both refused, or both unreservable), which the pass remembers by shape.
/// </summary>
public readonly record struct RequestShape(int Chunks, int CpusPerChunk, long MemoryBytesPerChunk, string Queue)
{
    public static RequestShape Of(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = job.Spec.Resources;
        return new RequestShape(request.Chunks, request.CpusPerChunk, request.MemoryBytesPerChunk, job.Spec.Queue);
    }
}
