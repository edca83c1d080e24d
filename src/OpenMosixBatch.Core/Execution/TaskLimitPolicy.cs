using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>CPU time, walltime and memory enforcement (PBS's mom kills a job over its walltime or mem with a reason).</summary>
public static class TaskLimitPolicy
{
    /// <param name="request">The task's resource request (walltime; memory per chunk).</param>
    /// <param name="elapsed">Wall time since the task started.</param>
    /// <param name="rssBytes">The task's resident memory now (its whole process group).</param>
    /// <param name="cpuTime">CPU time the task's processes have used so far (for <c>cput</c>).</param>
    /// <remarks>A request of 0 bytes means "no memory limit asked"; the node still protects itself by placement.</remarks>
    public static LimitVerdict Decide(ResourceRequest request, TimeSpan elapsed, long rssBytes, TimeSpan cpuTime = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CpuTime is { } cput && cpuTime > cput)
        {
            return LimitVerdict.KillFor(string.Create(CultureInfo.InvariantCulture,
                $"cput {Format(cpuTime)} exceeded limit {Format(cput)}: ask for more with -l cput=HH:MM:SS"));
        }

        if (request.Walltime is { } limit && elapsed > limit)
        {
            return LimitVerdict.KillFor(string.Create(CultureInfo.InvariantCulture,
                $"walltime {Format(elapsed)} exceeded limit {Format(limit)}: ask for more with -l walltime=HH:MM:SS"));
        }

        if (request.MemoryBytesPerChunk > 0 && rssBytes > request.MemoryBytesPerChunk)
        {
            return LimitVerdict.KillFor(string.Create(CultureInfo.InvariantCulture,
                $"memory {Mib(rssBytes)} MiB exceeded limit {Mib(request.MemoryBytesPerChunk)} MiB: ask for more with -l mem=SIZE"));
        }

        return LimitVerdict.Within;
    }

    /// <summary>
    /// The job's memory limit on one node, for the processes of its parts there (<c>omb rsh</c>, hence mpiexec's ranks):
    /// <c>mem</c> per chunk times the job's chunks on that node applies to the sum of its processes on the node (the
    /// task's when it runs there, and every part's with whatever it started), as PBS's mom limits a job on each host.
    /// </summary>
    /// <param name="request">The task's resource request (memory per chunk; 0 asks for no limit).</param>
    /// <param name="chunksHere">How many of the task's chunks the node holds (at least 1 is counted).</param>
    /// <param name="rssBytes">The resident memory of the job's processes on the node now.</param>
    /// <param name="memoryHere">
    /// For chunks of several shapes, the memory of the task's chunks on the node (<see cref="ResourceRequest.MemoryOn"/>),
    /// which then is the limit; null for a request of one shape.
    /// </param>
    public static LimitVerdict DecideNodeMemory(ResourceRequest request, int chunksHere, long rssBytes, long? memoryHere = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MemoryBytesPerChunk <= 0 && memoryHere is null)
        {
            return LimitVerdict.Within;
        }

        var chunks = Math.Max(1, chunksHere);
        var limit = memoryHere is { } here ? (here > 0 ? here : long.MaxValue)
            : request.MemoryBytesPerChunk > long.MaxValue / chunks ? long.MaxValue : request.MemoryBytesPerChunk * chunks;
        return rssBytes > limit
            ? LimitVerdict.KillFor(string.Create(CultureInfo.InvariantCulture,
                $"memory {Mib(rssBytes)} MiB of the job's processes on this node exceeded limit {Mib(limit)} MiB: ask for more with -l mem=SIZE"))
            : LimitVerdict.Within;
    }

    /// <summary>How many of <paramref name="taskNodes"/> (the task's comma-separated chunk list) are <paramref name="node"/>.</summary>
    public static int ChunksOn(IReadOnlyList<string>? taskNodes, string node) =>
        taskNodes is null ? 0 : taskNodes.Count(n => string.Equals(n, node, StringComparison.Ordinal));

    private static long Mib(long bytes) => (bytes + (1 << 20) - 1) >> 20;

    /// <summary>HH:MM:SS, hours beyond 24 kept (PBS's walltime form).</summary>
    internal static string Format(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}");
}
