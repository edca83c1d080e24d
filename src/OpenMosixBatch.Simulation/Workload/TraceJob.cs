using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Simulation.Workload;

/// <summary>A job as the simulator replays it, every -1 of its trace line resolved by <see cref="TraceLoader"/>.</summary>
/// <param name="Number">The trace's job number (field 1), for the per-job CSV.</param>
/// <param name="Submit">Submission, seconds from the trace's start.</param>
/// <param name="Run">How long it runs once started, seconds (it is never killed at its estimate).</param>
/// <param name="Processors">Processors it holds while it runs.</param>
/// <param name="RequestedTime">The user's estimate in seconds (the walltime), or null when the trace gives none.</param>
/// <param name="MemoryKbPerProcessor">Requested memory per processor in KB; 0 when the trace gives none.</param>
/// <param name="CpusPerChunk">
/// Processors that must share one node: 1 for an SWF job (P processors anywhere, as a PBS <c>nodes=P</c> request); a
/// job from the server's history keeps its request's CPUs per chunk (<see cref="Processors"/> is a multiple of it).
/// </param>
public sealed record TraceJob(long Number, long Submit, long Run, int Processors, long? RequestedTime, long MemoryKbPerProcessor, int CpusPerChunk = 1)
{
    /// <summary>
    /// The chunks of a job from the server's history that asked for several shapes (<c>select=1:ncpus=4+2:ncpus=1</c>),
    /// each kind's count, CPUs and memory, without walltime: each kind is placed by its own shape, as the server's placer
    /// does. Null for a job of one shape (<see cref="Processors"/> / <see cref="CpusPerChunk"/> chunks).
    /// </summary>
    public ResourceRequest? Shapes { get; init; }
}
